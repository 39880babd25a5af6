/** Google Cloud resources → line items, from the Google Cloud price table. */
import { count } from '../../../model/plural.js';
import type { Resource, ResourceKind } from '../../../model/resource.js';
import data from './prices.json' with { type: 'json' };
import { loadPriceTable } from '../../../cost/load-price-table.js';
import { cloudRunTier1Regions } from './regions.js';
import type { PriceEntry } from '../../../cost/price-table.js';
import type { LineItem } from '../../../cost/types.js';
import { assertNever, billableAfterFree, freeAllowance, line, nonNegative, specNumber } from '../../../cost/pricing.js';
import type { PricingContext } from '../../../cost/pricing.js';

/** The Google Cloud price table (./prices.json), checked as it loads. */
export const gcpTable = loadPriceTable('gcp', data, 'src/targets/cloudrun/cost/prices.json');

export type GcpResource = Extract<
  Resource,
  {
    kind:
      | 'cloudrun-service'
      | 'cloudrun-job'
      | 'cloudsql'
      | 'memorystore'
      | 'artifact-registry'
      | 'secret-manager'
      | 'gcs-bucket';
  }
>;
type EgressResource = Extract<Resource, { kind: 'egress' }>;

const t = gcpTable.entries;

export function priceGcp(r: GcpResource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'cloudrun-service':
      return cloudRunServiceLines(r, ctx);
    case 'cloudrun-job':
      return cloudRunJobLines(r, ctx);
    case 'cloudsql':
      return cloudSqlLines(r.kind, r.id, r.tier, r.storageGb, r.highAvailability, ctx);
    case 'memorystore':
      return memorystoreLines(r.kind, r.id, r.tier, r.capacityGb, ctx);
    case 'artifact-registry': {
      const e = t['artifact-registry-gb-month'];
      const stored = nonNegative(ctx, r.storageGb, `${r.id}: image storage`);
      const billable = billableAfterFree(ctx, 'gcp:artifact-registry', freeAllowance(e, 'freeGb'), stored);
      return [
        line(r.kind, e, `${r.id}: Artifact Registry image storage`, billable, 'GB-month', e.value, freeNote(stored, billable, `first ${freeAllowance(e, 'freeGb')} GB free`)),
      ];
    }
    case 'secret-manager': {
      const versions = t['secret-version-month'];
      const access = t['secret-access-10k'];
      const secrets = nonNegative(ctx, r.secrets, `${r.id}: secret count`);
      const billableVersions = billableAfterFree(ctx, 'gcp:secret-versions', freeAllowance(versions), secrets);
      const accesses = nonNegative(ctx, r.accessesPerMonth, `${r.id}: secret accesses`) * ctx.usage.secretAccessMultiplier;
      const billableAccess = billableAfterFree(ctx, 'gcp:secret-access', freeAllowance(access), accesses / 10_000);
      return [
        line(r.kind, versions, `${r.id}: Secret Manager active versions`, billableVersions, 'version-month', versions.value, freeNote(secrets, billableVersions, `first ${freeAllowance(versions)} versions free`)),
        line(
          r.kind,
          access,
          `${r.id}: Secret Manager accesses`,
          billableAccess,
          '10k operations',
          access.value,
          `${Math.round(accesses).toLocaleString('en-US')} accesses (${ctx.scenario} traffic scenario)${billableAccess < accesses / 10_000 ? '; first 10,000 free' : ''}`,
        ),
      ];
    }
    case 'gcs-bucket': {
      const e = t['gcs-standard-gb-month'];
      const gb = nonNegative(ctx, r.storageGb, `${r.id}: bucket storage`);
      return [line(r.kind, e, `${r.id}: Cloud Storage (Standard)`, gb, 'GB-month', e.value, 'operations and the 5 GB always-free amount (US regions) are not counted')];
    }
    default:
      return assertNever(r);
  }
}

export function priceGcpEgress(r: EgressResource, ctx: PricingContext, entry: PriceEntry = t['egress-internet-gb']): LineItem[] {
  const gb = ctx.usage.egressGb;
  const billable = billableAfterFree(ctx, 'gcp:egress', freeAllowance(entry, 'freeGb'), gb);
  return [
    line(
      r.kind,
      entry,
      `${r.id}: data out to the internet (${r.region})`,
      billable,
      'GB',
      entry.value,
      `${gb.toLocaleString('en-US')} GB in the ${ctx.scenario} traffic scenario${billable < gb ? `; first ${freeAllowance(entry, 'freeGb')} GB free` : ''}`,
    ),
  ];
}

function freeNote(total: number, billable: number, text: string): string | undefined {
  return billable < total ? text : undefined;
}

function cloudRunServiceLines(r: Extract<Resource, { kind: 'cloudrun-service' }>, ctx: PricingContext): LineItem[] {
  const { hoursPerMonth, minInstances } = ctx.assumptions;
  const monthSeconds = hoursPerMonth * 3600;
  checkRunRegion(r.id, r.region, ctx);
  const vcpu = nonNegative(ctx, r.vcpu, `${r.id}: vCPU`);
  const mem = nonNegative(ctx, r.memoryGib, `${r.id}: memory`);
  const { requestsPerMonth, avgRequestMs } = ctx.usage;
  // Upper bound: every request bills its own duration (no two requests share an instance's time).
  let active = requestsPerMonth * (avgRequestMs / 1000);
  const maxInstances = Math.max(1, r.maxInstances);
  if (active > maxInstances * monthSeconds) {
    ctx.warnings.push(`${r.id}: the ${ctx.scenario} scenario needs more instance time than ${maxInstances} max instances can give; capped.`);
    active = maxInstances * monthSeconds;
  }
  const minInst = Math.max(0, minInstances ?? r.minInstances);
  const scenario = `${ctx.scenario} traffic scenario`;
  ctx.notes.push(
    `Cloud Run: ${requestsPerMonth.toLocaleString('en-US')} requests × ${avgRequestMs} ms, counted as if requests never overlap (an upper bound; with concurrency above 1 they share instance time).`,
  );
  const items: LineItem[] = [];
  if (!r.cpuAlwaysAllocated) {
    const cpuE = t['run-request-cpu-second'];
    const memE = t['run-request-memory-gib-second'];
    const reqE = t['run-requests-million'];
    const cpuSeconds = vcpu * active;
    const memSeconds = mem * active;
    const millions = requestsPerMonth / 1_000_000;
    const cpuBill = billableAfterFree(ctx, 'gcp:run-request-cpu', freeAllowance(cpuE), cpuSeconds);
    const memBill = billableAfterFree(ctx, 'gcp:run-request-memory', freeAllowance(memE), memSeconds);
    const reqBill = billableAfterFree(ctx, 'gcp:run-requests', freeAllowance(reqE), millions);
    items.push(
      line(r.kind, cpuE, `${r.id}: vCPU while serving requests (${vcpu} vCPU)`, cpuBill, 'vCPU-second', cpuE.value, withFree(scenario, cpuSeconds, cpuBill)),
      line(r.kind, memE, `${r.id}: memory while serving requests (${mem} GiB)`, memBill, 'GiB-second', memE.value, withFree(scenario, memSeconds, memBill)),
      line(r.kind, reqE, `${r.id}: requests`, reqBill, 'million requests', reqE.value, withFree(scenario, millions, reqBill)),
    );
    if (minInst > 0) {
      const idleSeconds = Math.max(0, minInst * monthSeconds - active);
      const idleCpu = t['run-request-idle-cpu-second'];
      const idleMem = t['run-request-idle-memory-gib-second'];
      const why = `${count(minInst, 'minimum instance')} kept warm when not serving`;
      items.push(
        line(r.kind, idleCpu, `${r.id}: idle minimum instances, vCPU`, vcpu * idleSeconds, 'vCPU-second', idleCpu.value, why),
        line(r.kind, idleMem, `${r.id}: idle minimum instances, memory`, mem * idleSeconds, 'GiB-second', idleMem.value, why),
      );
    }
  } else {
    const lifetime = Math.max(minInst * monthSeconds, active);
    if (minInst === 0) {
      ctx.notes.push('Cloud Run instance-based billing with no minimum instances: instance lifetime counted as request time only (a lower bound; idle instances linger before shutting down).');
    }
    items.push(...instanceLines(r.kind, r.id, vcpu, mem, lifetime, `always-allocated CPU; ${count(minInst, 'minimum instance')}; ${scenario}`, ctx));
  }
  return items;
}

function withFree(base: string, total: number, billable: number): string {
  return billable < total ? `${base}; after the monthly free allowance` : base;
}

function instanceLines(kind: ResourceKind, id: string, vcpu: number, mem: number, seconds: number, why: string, ctx: PricingContext): LineItem[] {
  const cpuE = t['run-instance-cpu-second'];
  const memE = t['run-instance-memory-gib-second'];
  const cpuSeconds = vcpu * seconds;
  const memSeconds = mem * seconds;
  const cpuBill = billableAfterFree(ctx, 'gcp:run-instance-cpu', freeAllowance(cpuE), cpuSeconds);
  const memBill = billableAfterFree(ctx, 'gcp:run-instance-memory', freeAllowance(memE), memSeconds);
  return [
    line(kind, cpuE, `${id}: vCPU (${vcpu} vCPU, instance-based)`, cpuBill, 'vCPU-second', cpuE.value, withFree(why, cpuSeconds, cpuBill)),
    line(kind, memE, `${id}: memory (${mem} GiB, instance-based)`, memBill, 'GiB-second', memE.value, withFree(why, memSeconds, memBill)),
  ];
}

function cloudRunJobLines(r: Extract<Resource, { kind: 'cloudrun-job' }>, ctx: PricingContext): LineItem[] {
  checkRunRegion(r.id, r.region, ctx);
  const runs = nonNegative(ctx, r.runsPerMonth, `${r.id}: runs per month`);
  const secondsPerRun = nonNegative(ctx, r.secondsPerRun, `${r.id}: seconds per run`);
  const seconds = runs * secondsPerRun;
  return instanceLines(
    r.kind,
    r.id,
    nonNegative(ctx, r.vcpu, `${r.id}: vCPU`),
    nonNegative(ctx, r.memoryGib, `${r.id}: memory`),
    seconds,
    `${runs} runs × ${secondsPerRun} s`,
    ctx,
  );
}

function checkRunRegion(id: string, region: string, ctx: PricingContext): void {
  if (!cloudRunTier1Regions.includes(region)) {
    ctx.warnings.push(`${id}: ${region} is not a Cloud Run Tier 1 region in the table; Tier 1 prices used, actual prices may be higher.`);
  }
}

/** Instance shape of a Cloud SQL tier name. */
export type CloudSqlShape =
  | { kind: 'shared'; entry: PriceEntry }
  | { kind: 'dedicated'; vcpu: number; memoryGib: number };

export function parseCloudSqlTier(tier: string): CloudSqlShape | null {
  const name = tier.trim().toLowerCase();
  if (name === 'db-f1-micro') return { kind: 'shared', entry: t['sql-db-f1-micro'] };
  if (name === 'db-g1-small') return { kind: 'shared', entry: t['sql-db-g1-small'] };
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(name);
  if (custom) return { kind: 'dedicated', vcpu: Number(custom[1]), memoryGib: Number(custom[2]) / 1024 };
  const standard = /^db-n1-standard-(\d+)$/.exec(name);
  if (standard) return { kind: 'dedicated', vcpu: Number(standard[1]), memoryGib: Number(standard[1]) * 3.75 };
  const highmem = /^db-n1-highmem-(\d+)$/.exec(name);
  if (highmem) return { kind: 'dedicated', vcpu: Number(highmem[1]), memoryGib: Number(highmem[1]) * 6.5 };
  return null;
}

export function cloudSqlLines(
  kind: ResourceKind,
  id: string,
  tier: string,
  storageGb: number,
  highAvailability: boolean,
  ctx: PricingContext,
): LineItem[] {
  const hours = ctx.assumptions.hoursPerMonth;
  let shape = parseCloudSqlTier(tier);
  if (!shape) {
    ctx.warnings.push(`${id}: unknown Cloud SQL tier "${tier}"; priced as db-custom-1-3840 (1 vCPU, 3.75 GB).`);
    shape = { kind: 'dedicated', vcpu: 1, memoryGib: 3.75 };
  }
  const ha = highAvailability ? t['sql-ha-multiplier'].value : 1;
  const haNote = highAvailability ? 'high availability: a standby instance doubles compute and storage' : undefined;
  const items: LineItem[] = [];
  if (shape.kind === 'shared') {
    ctx.notes.push('Cloud SQL shared-core tiers (db-f1-micro, db-g1-small) are not covered by the Cloud SQL SLA.');
    items.push(line(kind, shape.entry, `${id}: Cloud SQL ${tier}`, hours * ha, 'instance-hour', shape.entry.value, haNote));
  } else {
    const cpuE = t['sql-vcpu-hour'];
    const memE = t['sql-memory-gib-hour'];
    items.push(
      line(kind, cpuE, `${id}: Cloud SQL vCPU (${shape.vcpu})`, shape.vcpu * hours * ha, 'vCPU-hour', cpuE.value, haNote),
      line(kind, memE, `${id}: Cloud SQL memory (${round3(shape.memoryGib)} GiB)`, shape.memoryGib * hours * ha, 'GiB-hour', memE.value, haNote),
    );
  }
  const ssd = t['sql-ssd-gb-month'];
  const minGb = specNumber(ssd, 'minGb', 10);
  let gb = nonNegative(ctx, storageGb, `${id}: database storage`);
  if (gb < minGb) {
    ctx.warnings.push(`${id}: Cloud SQL storage below the ${minGb} GB minimum; priced at ${minGb} GB.`);
    gb = minGb;
  }
  items.push(line(kind, ssd, `${id}: Cloud SQL SSD storage (${gb} GB)`, gb * ha, 'GB-month', ssd.value, haNote));
  return items;
}

export function memorystoreLines(
  kind: ResourceKind,
  id: string,
  tier: 'basic' | 'standard',
  capacityGb: number,
  ctx: PricingContext,
): LineItem[] {
  let gb = Math.ceil(nonNegative(ctx, capacityGb, `${id}: Redis capacity`));
  if (gb < 1) {
    ctx.warnings.push(`${id}: Memorystore capacity below 1 GB; priced at 1 GB.`);
    gb = 1;
  }
  const bands = (['m1', 'm2', 'm3', 'm4', 'm5'] as const).map((b) => t[`memorystore-${tier}-${b}`]);
  let band: PriceEntry | undefined = bands.find((e) => gb >= specNumber(e, 'minGb') && gb <= specNumber(e, 'maxGb'));
  if (!band) {
    band = t[`memorystore-${tier}-m5`];
    ctx.warnings.push(`${id}: ${gb} GB is beyond the Memorystore table (300 GB); priced at the largest band.`);
  }
  const hours = ctx.assumptions.hoursPerMonth;
  return [
    line(kind, band, `${id}: Memorystore for Redis ${tier}, ${gb} GB (${band.id.slice(-2).toUpperCase()})`, gb * hours, 'GB-hour', band.value),
  ];
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
