/** Fly.io resources → line items, from the Fly price table. */
import type { Resource } from '../../../model/resource.js';
import { flyUnmanagedPostgresPresets, type FlyPostgresPreset } from '../postgres-presets.js';
import data from './prices.json' with { type: 'json' };
import { loadPriceTable } from '../../../cost/load-price-table.js';
import { flyRegionEgressGroup } from './regions.js';
import type { PriceEntry } from '../../../cost/price-table.js';
import type { LineItem } from '../../../cost/types.js';
import {
  HOURS_PER_30_DAYS,
  assertNever,
  billableAfterFree,
  freeAllowance,
  line,
  nonNegative,
  percent,
  specNumber,
} from '../../../cost/pricing.js';
import type { PricingContext } from '../../../cost/pricing.js';

/** The Fly.io price table (./prices.json), checked as it loads. */
export const flyTable = loadPriceTable('fly', data, 'src/targets/fly/cost/prices.json');

export type FlyResource = Extract<
  Resource,
  { kind: 'fly-machine' | 'fly-volume' | 'fly-postgres' | 'fly-redis' | 'fly-tigris' | 'fly-ipv4' }
>;
type EgressResource = Extract<Resource, { kind: 'egress' }>;

const entries: Readonly<Record<string, PriceEntry>> = flyTable.entries;

export function priceFly(r: FlyResource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'fly-machine':
      return machineLines(r, ctx);
    case 'fly-volume': {
      const e = flyTable.entries['volume-gb-month'];
      const gb = nonNegative(ctx, r.count, `${r.id}: volume count`) * nonNegative(ctx, r.sizeGb, `${r.id}: volume size`);
      return [line(r.kind, e, `${r.id}: ${r.count} × ${r.sizeGb} GB volume (${r.region})`, gb, 'GB-month', e.value)];
    }
    case 'fly-postgres':
      return r.managed ? managedPostgresLines(r, ctx) : unmanagedPostgresLines(r, ctx);
    case 'fly-redis':
      return redisLines(r, ctx);
    case 'fly-tigris': {
      const e = flyTable.entries['tigris-storage-gb-month'];
      const stored = nonNegative(ctx, r.storageGb, `${r.id}: Tigris storage`);
      const billable = billableAfterFree(ctx, 'fly:tigris-storage', freeAllowance(e, 'freeGb'), stored);
      ctx.notes.push('Tigris: request charges are not included and data transfer out of Tigris is free.');
      return [
        line(
          r.kind,
          e,
          `${r.id}: Tigris object storage`,
          billable,
          'GB-month',
          e.value,
          billable < stored ? `first ${freeAllowance(e, 'freeGb')} GB free each month` : undefined,
        ),
      ];
    }
    case 'fly-ipv4': {
      const e = r.dedicated ? flyTable.entries['ipv4-dedicated'] : flyTable.entries['ipv4-shared'];
      return [
        line(
          r.kind,
          e,
          `${r.id}: ${r.dedicated ? 'dedicated' : 'shared'} IPv4 address`,
          1,
          'address-month',
          e.value,
          r.dedicated ? undefined : 'shared IPv4 and IPv6 addresses are free',
        ),
      ];
    }
    default:
      return assertNever(r);
  }
}

export function priceFlyEgress(r: EgressResource, ctx: PricingContext): LineItem[] {
  let group = flyRegionEgressGroup[r.region];
  if (!group) {
    ctx.warnings.push(`${r.id}: Fly region "${r.region}" is not in the region table; egress priced at the North America/Europe rate.`);
    group = 'egress-na-eu';
  }
  const e = flyTable.entries[group];
  const gb = ctx.usage.egressGb;
  return [
    line(r.kind, e, `${r.id}: data out to the internet (${r.region})`, gb, 'GB', e.value, `${ctx.scenario} traffic scenario`),
  ];
}

/** Price of one running machine over 30 days in the given region, with how it was derived. */
export interface FlyMachinePrice {
  per30Days: number;
  entry: PriceEntry;
  label: string;
}

export function flyMachinePrice(
  ctx: PricingContext,
  who: string,
  cpuKind: 'shared' | 'performance',
  cpus: number,
  memoryMb: number,
  region: string,
): FlyMachinePrice {
  const presetId = cpuKind === 'shared' ? `shared-cpu-${cpus}x` : `performance-${cpus}x`;
  const one = cpuKind === 'shared' ? flyTable.entries['shared-cpu-1x'] : flyTable.entries['performance-1x'];
  const preset = entries[presetId];
  let base: number;
  let includedMb: number;
  if (preset) {
    base = preset.value;
    includedMb = specNumber(preset, 'memoryMb');
  } else {
    base = cpus * one.value;
    includedMb = cpus * specNumber(one, 'memoryMb');
    ctx.warnings.push(`${who}: no ${presetId} preset in the Fly table; priced as ${cpus} × the one-CPU preset.`);
  }
  const maxMb = cpus * specNumber(one, 'maxMemoryMbPerCpu');
  if (memoryMb > maxMb) {
    ctx.warnings.push(`${who}: ${memoryMb} MB is more than Fly allows for ${presetId} (${maxMb} MB).`);
  }
  if (memoryMb < includedMb) {
    ctx.warnings.push(`${who}: ${memoryMb} MB is below the ${includedMb} MB included with ${presetId}; priced at the preset.`);
  }
  const extraGb = Math.max(0, memoryMb - includedMb) / 1024;
  const ram = flyTable.entries['ram-per-gb'];
  let markup = 1;
  const regionEntry = entries[`region-${region}`];
  if (regionEntry) {
    markup = regionEntry.value;
  } else {
    ctx.warnings.push(`${who}: no price multiplier for Fly region "${region}"; priced at Ashburn (iad) rates.`);
  }
  if (markup !== 1) {
    ctx.notes.push(`Fly machines in ${region} cost ${markup.toFixed(4)} × the Ashburn (iad) price (an estimated regional multiplier).`);
  }
  return {
    per30Days: (base + extraGb * ram.value) * markup,
    entry: preset ?? one,
    label: `${presetId} ${memoryMb} MB`,
  };
}

function machineLines(r: Extract<Resource, { kind: 'fly-machine' }>, ctx: PricingContext): LineItem[] {
  const { hoursPerMonth, minInstances, flyRootfsGb } = ctx.assumptions;
  const count = Math.floor(nonNegative(ctx, r.count, `${r.id}: machine count`));
  const price = flyMachinePrice(ctx, r.id, r.cpuKind, r.cpus, r.memoryMb, r.region);
  const perMachineMonth = (price.per30Days / HOURS_PER_30_DAYS) * hoursPerMonth;
  const minRunning = minInstances ?? r.minRunning;
  const alwaysOn = r.autoStop ? Math.min(count, Math.max(0, Math.floor(minRunning))) : count;
  const onDemand = count - alwaysOn;
  const items: LineItem[] = [];
  const where = `${price.label} (${r.region})`;
  if (alwaysOn > 0) {
    items.push(
      line(r.kind, price.entry, `${r.id}: ${where}, always running`, alwaysOn, 'machine-month', perMachineMonth),
    );
  }
  if (onDemand > 0) {
    const f = ctx.usage.activeFraction;
    items.push(
      line(
        r.kind,
        price.entry,
        `${r.id}: ${where}, started on demand`,
        onDemand * f,
        'machine-month',
        perMachineMonth,
        `auto-stopped machines assumed running ${percent(f)} of the month (${ctx.scenario} traffic scenario)`,
      ),
    );
    if (f < 1) {
      const rootfs = flyTable.entries['rootfs-stopped-gb'];
      const gb30Days = onDemand * (1 - f) * flyRootfsGb * (hoursPerMonth / HOURS_PER_30_DAYS);
      items.push(
        line(
          r.kind,
          rootfs,
          `${r.id}: root file system while stopped`,
          gb30Days,
          'GB × 30 days',
          rootfs.value,
          `${flyRootfsGb} GB image per stopped machine`,
        ),
      );
    }
  }
  return items;
}

function managedPostgresLines(r: Extract<Resource, { kind: 'fly-postgres' }>, ctx: PricingContext): LineItem[] {
  const planName = r.plan.toLowerCase().replace(/^mpg[-_ ]?/, '');
  let plan = entries[`mpg-${planName}`];
  if (!plan) {
    ctx.warnings.push(`${r.id}: unknown Managed Postgres plan "${r.plan}"; priced as Basic.`);
    plan = flyTable.entries['mpg-basic'];
  }
  const storage = flyTable.entries['mpg-storage-gb-month'];
  const gb = nonNegative(ctx, r.storageGb, `${r.id}: database storage`);
  return [
    line(r.kind, plan, `${r.id}: Managed Postgres ${plan.id.slice(4)} plan (${r.region})`, 1, 'cluster-month', plan.value, 'high availability, backups and pooling included'),
    line(r.kind, storage, `${r.id}: Managed Postgres storage`, gb, 'GB-month', storage.value),
  ];
}

/** Cluster shape for an unmanaged Fly Postgres plan: a preset name or a machine size like "shared-cpu-2x-4gb". */
export function resolveFlyPostgresPlan(plan: string): FlyPostgresPreset | null {
  const key = plan.toLowerCase().trim();
  const preset = flyUnmanagedPostgresPresets[key];
  if (preset) return preset;
  const m = /^(shared-cpu|performance)-(\d+)x(?:[-:](\d+)(mb|gb)?)?$/.exec(key);
  if (!m) return null;
  const cpuKind = m[1] === 'shared-cpu' ? 'shared' : 'performance';
  const cpus = Number(m[2]);
  const size = m[3] ? Number(m[3]) : 0;
  const memoryMb = size === 0 ? (cpuKind === 'shared' ? 256 * cpus : 2048 * cpus) : m[4] === 'gb' ? size * 1024 : size;
  return { nodes: 1, cpuKind, cpus, memoryMb, volumeGb: 1 };
}

/** The preset an unknown plan is priced as. */
function developmentPreset(): FlyPostgresPreset {
  const preset = flyUnmanagedPostgresPresets['development'];
  if (!preset) throw new Error('the development Postgres preset is missing from targets/fly/postgres-presets.ts');
  return preset;
}

function unmanagedPostgresLines(r: Extract<Resource, { kind: 'fly-postgres' }>, ctx: PricingContext): LineItem[] {
  let shape = resolveFlyPostgresPlan(r.plan);
  if (!shape) {
    ctx.warnings.push(`${r.id}: unknown Fly Postgres plan "${r.plan}"; priced as the development preset.`);
    shape = developmentPreset();
  }
  ctx.notes.push('Unmanaged Fly Postgres is priced as its machines (always running) plus one volume per node.');
  const price = flyMachinePrice(ctx, r.id, shape.cpuKind, shape.cpus, shape.memoryMb, r.region);
  const perMachineMonth = (price.per30Days / HOURS_PER_30_DAYS) * ctx.assumptions.hoursPerMonth;
  const volume = flyTable.entries['volume-gb-month'];
  const volumeGb = r.storageGb > 0 ? r.storageGb : shape.volumeGb;
  return [
    line(r.kind, price.entry, `${r.id}: Postgres nodes, ${price.label} (${r.region})`, shape.nodes, 'machine-month', perMachineMonth),
    line(r.kind, volume, `${r.id}: Postgres volumes, ${shape.nodes} × ${volumeGb} GB`, shape.nodes * volumeGb, 'GB-month', volume.value),
  ];
}

function redisLines(r: Extract<Resource, { kind: 'fly-redis' }>, ctx: PricingContext): LineItem[] {
  const key = r.plan.toLowerCase().trim().replace(/_/g, '-');
  const payg = key === 'payg' || key === 'pay-as-you-go' || key === 'upstash-payg';
  if (!payg) {
    const plan = entries[key.startsWith('upstash-') ? key : key.startsWith('fixed-') ? `upstash-${key}` : `upstash-fixed-${key}`];
    if (plan) {
      return [line(r.kind, plan, `${r.id}: Upstash Redis ${plan.id.slice(8)} plan`, 1, 'database-month', plan.value, 'read replicas not included')];
    }
    ctx.warnings.push(`${r.id}: unknown Upstash Redis plan "${r.plan}"; priced as pay-as-you-go.`);
  }
  const e = flyTable.entries['upstash-payg'];
  const units = ctx.usage.redisCommandsPerMonth / 100_000;
  ctx.notes.push('Upstash Redis pay-as-you-go: storage beyond the first GB and read replicas are not included.');
  return [
    line(r.kind, e, `${r.id}: Upstash Redis pay-as-you-go commands`, units, '100k commands', e.value, `${ctx.scenario} traffic scenario`),
  ];
}
