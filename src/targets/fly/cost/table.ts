/**
 * Fly.io prices (USD). Machine figures are for Ashburn (`iad`) and Secaucus (`ewr`), the
 * lowest-priced regions; other regions apply the multipliers below.
 */
import type { PriceEntry, PriceTable } from '../../../cost/price-table.js';

const AS_OF = '2026-11-22';
const PRICING = 'https://fly.io/docs/about/pricing/';
const MPG = 'https://fly.io/docs/mpg/';
const UPSTASH = 'https://fly.io/docs/upstash/redis/';
const TIGRIS = 'https://www.tigrisdata.com/docs/pricing/';

type Fields = Omit<PriceEntry, 'id' | 'source' | 'asOf'>;
const at =
  (source: string) =>
  <I extends string>(id: I, fields: Fields): PriceEntry & { id: I } => ({ id, source, asOf: AS_OF, ...fields });
const pricing = at(PRICING);
const mpg = at(MPG);
const upstash = at(UPSTASH);
const tigris = at(TIGRIS);

const DERIVED_PRESET =
  'estimate: the page lists only the smaller presets; computed as the CPU count times the one-CPU preset, which is how the page\'s own region calculator builds presets';
const REGION_NOTE =
  'estimate: multiplier used by the region selector on the pricing page (read from an earlier revision of the selector), assumed still current';

const region = (code: string, value: number) =>
  pricing(`region-${code}`, {
    description: `Machine price in ${code} relative to iad`,
    unit: 'multiplier',
    basis: 'multiplier',
    value,
    region: code,
    ...(value === 1 ? {} : { note: REGION_NOTE }),
  });

const entries = {
  // Started machines: named CPU presets, each with the RAM it includes.
  'shared-cpu-1x': pricing('shared-cpu-1x', {
    description: 'Running machine, 1 shared vCPU with 256 MB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 2.19,
    region: 'iad',
    specs: { cpuKind: 'shared', cpus: 1, memoryMb: 256, maxMemoryMbPerCpu: 2048 },
  }),
  'shared-cpu-2x': pricing('shared-cpu-2x', {
    description: 'Running machine, 2 shared vCPUs with 512 MB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 4.38,
    region: 'iad',
    specs: { cpuKind: 'shared', cpus: 2, memoryMb: 512, maxMemoryMbPerCpu: 2048 },
    note: DERIVED_PRESET,
  }),
  'shared-cpu-4x': pricing('shared-cpu-4x', {
    description: 'Running machine, 4 shared vCPUs with 1 GB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 8.76,
    region: 'iad',
    specs: { cpuKind: 'shared', cpus: 4, memoryMb: 1024, maxMemoryMbPerCpu: 2048 },
    note: DERIVED_PRESET,
  }),
  'shared-cpu-8x': pricing('shared-cpu-8x', {
    description: 'Running machine, 8 shared vCPUs with 2 GB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 17.52,
    region: 'iad',
    specs: { cpuKind: 'shared', cpus: 8, memoryMb: 2048, maxMemoryMbPerCpu: 2048 },
    note: DERIVED_PRESET,
  }),
  'performance-1x': pricing('performance-1x', {
    description: 'Running machine, 1 dedicated vCPU with 2 GB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 33.0,
    region: 'iad',
    specs: { cpuKind: 'performance', cpus: 1, memoryMb: 2048, maxMemoryMbPerCpu: 8192 },
  }),
  'performance-2x': pricing('performance-2x', {
    description: 'Running machine, 2 dedicated vCPUs with 4 GB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 66.0,
    region: 'iad',
    specs: { cpuKind: 'performance', cpus: 2, memoryMb: 4096, maxMemoryMbPerCpu: 8192 },
  }),
  'performance-4x': pricing('performance-4x', {
    description: 'Running machine, 4 dedicated vCPUs with 8 GB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 132.0,
    region: 'iad',
    specs: { cpuKind: 'performance', cpus: 4, memoryMb: 8192, maxMemoryMbPerCpu: 8192 },
    note: DERIVED_PRESET,
  }),
  'performance-8x': pricing('performance-8x', {
    description: 'Running machine, 8 dedicated vCPUs with 16 GB RAM included',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 264.0,
    region: 'iad',
    specs: { cpuKind: 'performance', cpus: 8, memoryMb: 16384, maxMemoryMbPerCpu: 8192 },
    note: DERIVED_PRESET,
  }),
  // Memory steps the page lists outright (kept to cross-check the preset + extra RAM arithmetic).
  'shared-cpu-1x-512mb': pricing('shared-cpu-1x-512mb', {
    description: 'Running machine, 1 shared vCPU with 512 MB RAM',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 3.69,
    region: 'iad',
    specs: { cpuKind: 'shared', cpus: 1, memoryMb: 512 },
  }),
  'shared-cpu-1x-1gb': pricing('shared-cpu-1x-1gb', {
    description: 'Running machine, 1 shared vCPU with 1 GB RAM',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 6.7,
    region: 'iad',
    specs: { cpuKind: 'shared', cpus: 1, memoryMb: 1024 },
  }),
  'shared-cpu-2x-2gb': pricing('shared-cpu-2x-2gb', {
    description: 'Running machine, 2 shared vCPUs with 2 GB RAM',
    unit: 'machine (30 days)',
    basis: 'month-30d',
    value: 13.39,
    region: 'iad',
    specs: { cpuKind: 'shared', cpus: 2, memoryMb: 2048 },
  }),
  'ram-per-gb': pricing('ram-per-gb', {
    description: 'RAM added to a machine beyond what its CPU preset includes',
    unit: 'GB (30 days)',
    basis: 'month-30d',
    value: 6.0,
    region: 'iad',
  }),
  'rootfs-stopped-gb': pricing('rootfs-stopped-gb', {
    description: 'Root file system kept for a stopped or suspended machine',
    unit: 'GB (30 days stopped)',
    basis: 'month-30d',
    value: 0.15,
  }),
  'volume-gb-month': pricing('volume-gb-month', {
    description: 'Provisioned volume capacity, billed whether attached or not',
    unit: 'GB-month',
    basis: 'month',
    value: 0.15,
  }),
  'volume-snapshot-gb-month': pricing('volume-snapshot-gb-month', {
    description: 'Stored volume snapshot data beyond the monthly free amount',
    unit: 'GB-month',
    basis: 'month',
    value: 0.08,
    specs: { freeGb: 10 },
  }),
  'ipv4-dedicated': pricing('ipv4-dedicated', {
    description: 'Dedicated IPv4 address for an app',
    unit: 'address-month',
    basis: 'month',
    value: 2.0,
  }),
  'ipv4-shared': pricing('ipv4-shared', {
    description: 'Shared IPv4 address (and Anycast IPv6), included with every app',
    unit: 'address-month',
    basis: 'month',
    value: 0,
  }),
  'egress-na-eu': pricing('egress-na-eu', {
    description: 'Data sent to the internet from North America and Europe regions',
    unit: 'GB',
    basis: 'usage',
    value: 0.02,
  }),
  'egress-apac-oceania-sa': pricing('egress-apac-oceania-sa', {
    description: 'Data sent to the internet from Asia Pacific, Oceania and South America regions',
    unit: 'GB',
    basis: 'usage',
    value: 0.04,
  }),
  'egress-africa-india': pricing('egress-africa-india', {
    description: 'Data sent to the internet from Africa and India regions',
    unit: 'GB',
    basis: 'usage',
    value: 0.12,
  }),
  // Managed Postgres: a flat plan price plus provisioned storage; every plan is highly available.
  'mpg-basic': mpg('mpg-basic', {
    description: 'Managed Postgres Basic plan (shared 2x CPU, 1 GB RAM)',
    unit: 'cluster-month',
    basis: 'month',
    value: 38.0,
    specs: { cpuKind: 'shared', cpus: 2, memoryMb: 1024 },
  }),
  'mpg-starter': mpg('mpg-starter', {
    description: 'Managed Postgres Starter plan (shared 2x CPU, 2 GB RAM)',
    unit: 'cluster-month',
    basis: 'month',
    value: 72.0,
    specs: { cpuKind: 'shared', cpus: 2, memoryMb: 2048 },
  }),
  'mpg-launch': mpg('mpg-launch', {
    description: 'Managed Postgres Launch plan (performance 2x CPU, 8 GB RAM)',
    unit: 'cluster-month',
    basis: 'month',
    value: 282.0,
    specs: { cpuKind: 'performance', cpus: 2, memoryMb: 8192 },
  }),
  'mpg-scale': mpg('mpg-scale', {
    description: 'Managed Postgres Scale plan (performance 4x CPU, 32 GB RAM)',
    unit: 'cluster-month',
    basis: 'month',
    value: 962.0,
    specs: { cpuKind: 'performance', cpus: 4, memoryMb: 32768 },
  }),
  'mpg-performance': mpg('mpg-performance', {
    description: 'Managed Postgres Performance plan (performance 8x CPU, 64 GB RAM)',
    unit: 'cluster-month',
    basis: 'month',
    value: 1922.0,
    specs: { cpuKind: 'performance', cpus: 8, memoryMb: 65536 },
  }),
  'mpg-storage-gb-month': mpg('mpg-storage-gb-month', {
    description: 'Managed Postgres storage, per provisioned GB',
    unit: 'GB-month',
    basis: 'month',
    value: 0.28,
  }),
  // Upstash Redis, billed through Fly at Upstash's list prices.
  'upstash-payg': upstash('upstash-payg', {
    description: 'Upstash Redis pay-as-you-go, per 100,000 commands',
    unit: '100k commands',
    basis: 'usage',
    value: 0.2,
    specs: { maxDataMb: 10240 },
  }),
  'upstash-fixed-250mb': upstash('upstash-fixed-250mb', {
    description: 'Upstash Redis fixed plan, 250 MB data, 50 GB bandwidth',
    unit: 'database-month',
    basis: 'month',
    value: 10,
    specs: { maxDataMb: 250, bandwidthGb: 50, perReadRegion: 5 },
  }),
  'upstash-fixed-1gb': upstash('upstash-fixed-1gb', {
    description: 'Upstash Redis fixed plan, 1 GB data, 100 GB bandwidth',
    unit: 'database-month',
    basis: 'month',
    value: 20,
    specs: { maxDataMb: 1024, bandwidthGb: 100, perReadRegion: 10 },
  }),
  'upstash-fixed-5gb': upstash('upstash-fixed-5gb', {
    description: 'Upstash Redis fixed plan, 5 GB data, 500 GB bandwidth',
    unit: 'database-month',
    basis: 'month',
    value: 100,
    specs: { maxDataMb: 5120, bandwidthGb: 500, perReadRegion: 50 },
  }),
  'upstash-fixed-10gb': upstash('upstash-fixed-10gb', {
    description: 'Upstash Redis fixed plan, 10 GB data, 1 TB bandwidth',
    unit: 'database-month',
    basis: 'month',
    value: 200,
    specs: { maxDataMb: 10240, bandwidthGb: 1000, perReadRegion: 100 },
  }),
  'upstash-fixed-50gb': upstash('upstash-fixed-50gb', {
    description: 'Upstash Redis fixed plan, 50 GB data, 5 TB bandwidth',
    unit: 'database-month',
    basis: 'month',
    value: 400,
    specs: { maxDataMb: 51200, bandwidthGb: 5000, perReadRegion: 200 },
  }),
  // Tigris object storage, billed through Fly at Tigris's list prices; no egress charge.
  'tigris-storage-gb-month': tigris('tigris-storage-gb-month', {
    description: 'Tigris Standard-tier object storage',
    unit: 'GB-month',
    basis: 'month',
    value: 0.02,
    specs: { freeGb: 5 },
  }),
  'tigris-class-a-1k': tigris('tigris-class-a-1k', {
    description: 'Tigris write and list requests (PUT, COPY, POST, LIST)',
    unit: '1,000 requests',
    basis: 'usage',
    value: 0.005,
    specs: { freePerMonth: 10 },
  }),
  'tigris-class-b-1k': tigris('tigris-class-b-1k', {
    description: 'Tigris read requests (GET, SELECT and the rest)',
    unit: '1,000 requests',
    basis: 'usage',
    value: 0.0005,
    specs: { freePerMonth: 100 },
  }),
  'region-ams': region('ams', 1.038461538),
  'region-iad': region('iad', 1),
  'region-ord': region('ord', 1.25),
  'region-dfw': region('dfw', 1.25),
  'region-fra': region('fra', 1.153846154),
  'region-jnb': region('jnb', 1.302884615),
  'region-lhr': region('lhr', 1.134615385),
  'region-lax': region('lax', 1.199519231),
  'region-bom': region('bom', 1.076923077),
  'region-cdg': region('cdg', 1.134615385),
  'region-sjc': region('sjc', 1.192307692),
  'region-gru': region('gru', 1.615384615),
  'region-ewr': region('ewr', 1),
  'region-sin': region('sin', 1.269230769),
  'region-arn': region('arn', 1.038461538),
  'region-syd': region('syd', 1.269230769),
  'region-nrt': region('nrt', 1.307692308),
  'region-yyz': region('yyz', 1.115384615),
} satisfies Record<string, PriceEntry>;

export const flyTable = {
  provider: 'fly',
  title: 'Fly.io',
  currency: 'USD',
  asOf: AS_OF,
  sources: [PRICING, MPG, UPSTASH, TIGRIS],
  entries,
} as const satisfies PriceTable;

export type FlyEntryId = keyof typeof entries;

/** Which outbound-transfer price group a Fly region belongs to (from the pricing page's region groups). */
export type FlyEgressGroup = 'egress-na-eu' | 'egress-apac-oceania-sa' | 'egress-africa-india';

export const flyRegionEgressGroup: Readonly<Record<string, FlyEgressGroup>> = {
  // North America
  iad: 'egress-na-eu', ewr: 'egress-na-eu', ord: 'egress-na-eu', dfw: 'egress-na-eu', lax: 'egress-na-eu',
  sjc: 'egress-na-eu', sea: 'egress-na-eu', yyz: 'egress-na-eu', yul: 'egress-na-eu', bos: 'egress-na-eu',
  atl: 'egress-na-eu', mia: 'egress-na-eu', den: 'egress-na-eu', phx: 'egress-na-eu', qro: 'egress-na-eu',
  // Europe
  ams: 'egress-na-eu', fra: 'egress-na-eu', lhr: 'egress-na-eu', cdg: 'egress-na-eu', arn: 'egress-na-eu',
  mad: 'egress-na-eu', waw: 'egress-na-eu', otp: 'egress-na-eu',
  // Asia Pacific, Oceania, South America
  sin: 'egress-apac-oceania-sa', syd: 'egress-apac-oceania-sa', nrt: 'egress-apac-oceania-sa',
  hkg: 'egress-apac-oceania-sa', gru: 'egress-apac-oceania-sa', scl: 'egress-apac-oceania-sa',
  bog: 'egress-apac-oceania-sa', eze: 'egress-apac-oceania-sa', gig: 'egress-apac-oceania-sa',
  // Africa and India
  jnb: 'egress-africa-india', bom: 'egress-africa-india', maa: 'egress-africa-india', del: 'egress-africa-india',
};
