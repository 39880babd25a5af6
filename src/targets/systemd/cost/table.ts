/**
 * VPS prices (USD): DigitalOcean Basic droplets with its managed PostgreSQL/MySQL and Valkey
 * (Redis-compatible) databases, and Hetzner Cloud servers (list prices in EUR, converted).
 *
 * Size specs: `provider`, `size` (the provider's own size name), `vcpu`, `memoryGib`,
 * `transferGb` (outbound traffic included per month), `capHours` (hours after which the
 * monthly price is reached; the provider bills hourly up to that cap).
 */
import type { PriceEntry, PriceTable } from '../../../cost/price-table.js';

const AS_OF = '2026-11-22';
const DO_DROPLETS = 'https://www.digitalocean.com/pricing/droplets';
const DO_BANDWIDTH = 'https://docs.digitalocean.com/products/droplets/details/pricing/';
const DO_DATABASES = 'https://www.digitalocean.com/pricing/managed-databases';
const HETZNER = 'https://www.hetzner.com/cloud/';

type Fields = Omit<PriceEntry, 'id' | 'source' | 'asOf'>;
const at =
  (source: string) =>
  <I extends string>(id: I, fields: Fields): PriceEntry & { id: I } => ({ id, source, asOf: AS_OF, ...fields });

const DO_UNCONFIRMED =
  'estimate: this plan\'s price and transfer allowance were not in the search material; DigitalOcean\'s long-standing list figure';
const DO_DB_UNCONFIRMED =
  'estimate: only the 1 GB plan price was confirmed in the search material; DigitalOcean\'s list figure for this size';
const HETZNER_ESTIMATE =
  'estimate: Hetzner repriced in April 2026 and again for new orders from June 2026 without a published table in the search material; monthly EUR cap derived from the hourly rate (about 685 hours), converted at 1.16 USD/EUR';

const droplet = (size: string, value: number, vcpu: number, memoryGib: number, transferGb: number, note?: string) =>
  at(DO_DROPLETS)(`do-${size}`, {
    description: `DigitalOcean Basic droplet ${size} (${vcpu} shared vCPU, ${memoryGib} GB RAM)`,
    unit: 'droplet-month',
    basis: 'month-capped',
    value,
    specs: { provider: 'digitalocean', size, vcpu, memoryGib, transferGb, capHours: 672 },
    ...(note ? { note } : {}),
  });

const hetzner = (size: string, value: number, vcpu: number, memoryGib: number, arch: string) =>
  at(HETZNER)(`hetzner-${size}`, {
    description: `Hetzner Cloud ${size.toUpperCase()} (${vcpu} vCPU ${arch}, ${memoryGib} GB RAM), EU locations`,
    unit: 'server-month',
    basis: 'month-capped',
    value,
    region: 'eu',
    specs: { provider: 'hetzner', size, vcpu, memoryGib, transferGb: 20_000, capHours: 685 },
    note: HETZNER_ESTIMATE,
  });

const entries = {
  'do-s-1vcpu-512mb-10gb': droplet('s-1vcpu-512mb-10gb', 4, 1, 0.5, 500, DO_UNCONFIRMED),
  'do-s-1vcpu-1gb': droplet('s-1vcpu-1gb', 6, 1, 1, 1000),
  'do-s-1vcpu-2gb': droplet('s-1vcpu-2gb', 12, 1, 2, 2000),
  'do-s-2vcpu-2gb': droplet('s-2vcpu-2gb', 18, 2, 2, 3000, DO_UNCONFIRMED),
  'do-s-2vcpu-4gb': droplet('s-2vcpu-4gb', 24, 2, 4, 4000),
  'do-s-4vcpu-8gb': droplet('s-4vcpu-8gb', 48, 4, 8, 5000),
  'do-s-8vcpu-16gb': droplet('s-8vcpu-16gb', 96, 8, 16, 6000, DO_UNCONFIRMED),
  'do-transfer-overage-gb': at(DO_BANDWIDTH)('do-transfer-overage-gb', {
    description: 'DigitalOcean outbound transfer beyond the team\'s pooled droplet allowance',
    unit: 'GB',
    basis: 'usage',
    value: 0.01,
  }),
  'do-db-1gb': at(DO_DATABASES)('do-db-1gb', {
    description: 'DigitalOcean managed PostgreSQL/MySQL, single node, 1 vCPU, 1 GB RAM, 10 GB disk',
    unit: 'cluster-month',
    basis: 'month',
    value: 15,
    specs: { vcpu: 1, memoryGib: 1, storageGb: 10 },
  }),
  'do-db-2gb': at(DO_DATABASES)('do-db-2gb', {
    description: 'DigitalOcean managed PostgreSQL/MySQL, single node, 1 vCPU, 2 GB RAM, 25 GB disk',
    unit: 'cluster-month',
    basis: 'month',
    value: 30,
    specs: { vcpu: 1, memoryGib: 2, storageGb: 25 },
    note: DO_DB_UNCONFIRMED,
  }),
  'do-db-4gb': at(DO_DATABASES)('do-db-4gb', {
    description: 'DigitalOcean managed PostgreSQL/MySQL, single node, 2 vCPUs, 4 GB RAM, 38 GB disk',
    unit: 'cluster-month',
    basis: 'month',
    value: 60,
    specs: { vcpu: 2, memoryGib: 4, storageGb: 38 },
    note: DO_DB_UNCONFIRMED,
  }),
  'do-cache-1gb': at(DO_DATABASES)('do-cache-1gb', {
    description: 'DigitalOcean managed caching (Valkey, Redis-compatible), single node, 1 GB RAM',
    unit: 'cluster-month',
    basis: 'month',
    value: 15,
    specs: { memoryGib: 1 },
  }),
  'do-cache-2gb': at(DO_DATABASES)('do-cache-2gb', {
    description: 'DigitalOcean managed caching (Valkey, Redis-compatible), single node, 2 GB RAM',
    unit: 'cluster-month',
    basis: 'month',
    value: 30,
    specs: { memoryGib: 2 },
    note: DO_DB_UNCONFIRMED,
  }),
  'do-cache-4gb': at(DO_DATABASES)('do-cache-4gb', {
    description: 'DigitalOcean managed caching (Valkey, Redis-compatible), single node, 4 GB RAM',
    unit: 'cluster-month',
    basis: 'month',
    value: 60,
    specs: { memoryGib: 4 },
    note: DO_DB_UNCONFIRMED,
  }),
  'hetzner-cax11': hetzner('cax11', 3.18, 2, 4, 'Arm64'),
  'hetzner-cx23': hetzner('cx23', 4.77, 2, 4, 'x86'),
  'hetzner-cx33': hetzner('cx33', 8.75, 4, 8, 'x86'),
  'hetzner-cx43': hetzner('cx43', 16.69, 8, 16, 'x86'),
  'hetzner-cpx32': hetzner('cpx32', 12.71, 4, 8, 'x86'),
  'hetzner-transfer-overage-gb': at(HETZNER)('hetzner-transfer-overage-gb', {
    description: 'Hetzner outbound traffic beyond the server\'s included 20 TB (EU locations)',
    unit: 'GB',
    basis: 'usage',
    value: 0.00116,
    region: 'eu',
    note: 'estimate: EUR 1 per TB beyond the included traffic, converted at 1.16 USD/EUR',
  }),
} satisfies Record<string, PriceEntry>;

export const vpsTable = {
  provider: 'vps',
  title: 'VPS (DigitalOcean, Hetzner)',
  currency: 'USD',
  asOf: AS_OF,
  sources: [DO_DROPLETS, DO_BANDWIDTH, DO_DATABASES, HETZNER],
  entries,
} as const satisfies PriceTable;

export type VpsEntryId = keyof typeof entries;
