/**
 * VPS resources → line items: DigitalOcean droplets (or Hetzner servers when chosen), with
 * DigitalOcean's managed databases and caches as the managed equivalents.
 */
import type { Resource } from '../../../model/resource.js';
import data from './prices.json' with { type: 'json' };
import { loadPriceTable } from '../../../cost/load-price-table.js';
import type { PriceEntry } from '../../../cost/price-table.js';
import type { LineItem } from '../../../cost/types.js';
import { assertNever, line, nonNegative, perMonth, specNumber } from '../../../cost/pricing.js';
import type { PricingContext } from '../../../cost/pricing.js';

/** The VPS (DigitalOcean, Hetzner) price table (./prices.json), checked as it loads. */
export const vpsTable = loadPriceTable('vps', data, 'src/targets/systemd/cost/prices.json');

export type VpsResource = Extract<Resource, { kind: 'vps' | 'vps-database' | 'vps-redis' }>;
type Server = Extract<Resource, { kind: 'vps' }>;
type EgressResource = Extract<Resource, { kind: 'egress' }>;

const all: readonly PriceEntry[] = Object.values(vpsTable.entries);
const serverSizes = all.filter((e) => e.specs?.['provider'] !== undefined && e.specs?.['vcpu'] !== undefined && e.unit !== 'cluster-month');
const byPrice = (a: PriceEntry, b: PriceEntry) => a.value - b.value;

/** The last (priciest) of entries sorted by price; the table always has some of each. */
function lastOf(sorted: readonly PriceEntry[], what: string): PriceEntry {
  const last = sorted.at(-1);
  if (!last) throw new Error(`the VPS table has no ${what}`);
  return last;
}

export function priceVps(r: VpsResource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'vps': {
      const size = vpsChoice(r, ctx, true);
      const count = Math.floor(nonNegative(ctx, r.count, `${r.id}: server count`));
      const unitPrice = perMonth(size, ctx.assumptions.hoursPerMonth);
      return [line(r.kind, size, `${r.id}: ${sizeLabel(size)}`, count, 'server-month', unitPrice)];
    }
    case 'vps-database': {
      const plan = smallestFitting('do-db-', nonNegative(ctx, r.memoryGib, `${r.id}: database memory`), r.id, ctx);
      const included = specNumber(plan, 'storageGb');
      if (r.storageGb > included) {
        ctx.warnings.push(`${r.id}: ${r.storageGb} GB asked, the ${plan.id} plan includes ${included} GB; extra storage is not priced.`);
      }
      ctx.notes.push('VPS target: the database is priced as a DigitalOcean managed database (single node, no standby).');
      return [line(r.kind, plan, `${r.id}: managed ${r.engine === 'mysql' ? 'MySQL' : 'PostgreSQL'}, ${specNumber(plan, 'memoryGib')} GB RAM`, 1, 'cluster-month', plan.value)];
    }
    case 'vps-redis': {
      const plan = smallestFitting('do-cache-', nonNegative(ctx, r.memoryGib, `${r.id}: Redis memory`), r.id, ctx);
      ctx.notes.push('VPS target: Redis is priced as DigitalOcean managed caching (Valkey, Redis-compatible).');
      return [line(r.kind, plan, `${r.id}: managed Redis-compatible cache, ${specNumber(plan, 'memoryGib')} GB`, 1, 'cluster-month', plan.value)];
    }
    default:
      return assertNever(r);
  }
}

function sizeLabel(e: PriceEntry): string {
  const provider = e.specs?.['provider'] === 'hetzner' ? 'Hetzner' : 'DigitalOcean';
  return `${provider} ${String(e.specs?.['size'])} (${specNumber(e, 'vcpu')} vCPU, ${specNumber(e, 'memoryGib')} GB)`;
}

/** Find a server size by table id ("do-s-1vcpu-2gb", "hetzner-cx23") or provider size name ("s-1vcpu-2gb", "cx23"). */
export function findVpsSize(name: string): PriceEntry | undefined {
  const n = name.trim().toLowerCase();
  return serverSizes.find((e) => e.id === n || String(e.specs?.['size']).toLowerCase() === n);
}

/** The server size a `vps` resource is priced at: its own size, else `vpsSize`, else the cheapest DigitalOcean size that fits. */
export function vpsChoice(r: Server, ctx: PricingContext, warn: boolean): PriceEntry {
  const wanted = r.size ?? ctx.assumptions.vpsSize;
  if (wanted) {
    const found = findVpsSize(wanted);
    if (found) {
      if (warn && (specNumber(found, 'vcpu') < r.vcpu || specNumber(found, 'memoryGib') < r.memoryGib)) {
        ctx.warnings.push(`${r.id}: ${wanted} is smaller than the ${r.vcpu} vCPU / ${r.memoryGib} GB asked for.`);
      }
      return found;
    }
    if (warn) ctx.warnings.push(`${r.id}: VPS size "${wanted}" is not in the VPS table; the cheapest DigitalOcean size that fits is used.`);
  }
  const candidates = serverSizes.filter((e) => e.specs?.['provider'] === 'digitalocean').sort(byPrice);
  const fit = candidates.find((e) => specNumber(e, 'vcpu') >= r.vcpu && specNumber(e, 'memoryGib') >= r.memoryGib);
  if (fit) return fit;
  const largest = lastOf(candidates, 'DigitalOcean server sizes');
  if (warn) ctx.warnings.push(`${r.id}: no VPS size in the table has ${r.vcpu} vCPU / ${r.memoryGib} GB; priced as ${largest.id}.`);
  return largest;
}

function smallestFitting(prefix: string, memoryGib: number, id: string, ctx: PricingContext): PriceEntry {
  const plans = all.filter((e) => e.id.startsWith(prefix)).sort(byPrice);
  const fit = plans.find((e) => specNumber(e, 'memoryGib') >= memoryGib);
  if (fit) return fit;
  const largest = lastOf(plans, `${prefix} plans`);
  ctx.warnings.push(`${id}: no managed plan in the table has ${memoryGib} GB; priced as ${largest.id}.`);
  return largest;
}

/**
 * Outbound traffic beyond the allowance that comes with the plan's servers (DigitalOcean pools
 * it across droplets; Hetzner includes it per server).
 */
export function priceVpsEgress(r: EgressResource, ctx: PricingContext): LineItem[] {
  const servers = ctx.resources.filter((x): x is Server => x.kind === 'vps');
  const choices = servers.map((s) => ({ size: vpsChoice(s, ctx, false), count: Math.max(0, Math.floor(s.count)) }));
  const included = choices.reduce((sum, c) => sum + c.count * specNumber(c.size, 'transferGb'), 0);
  const allHetzner = choices.length > 0 && choices.every((c) => c.size.specs?.['provider'] === 'hetzner');
  const rate = allHetzner ? vpsTable.entries['hetzner-transfer-overage-gb'] : vpsTable.entries['do-transfer-overage-gb'];
  const gb = ctx.usage.egressGb;
  const over = Math.max(0, gb - included);
  return [
    line(
      r.kind,
      rate,
      `${r.id}: data out beyond the included transfer`,
      over,
      'GB',
      rate.value,
      `${gb.toLocaleString('en-US')} GB in the ${ctx.scenario} traffic scenario, ${included.toLocaleString('en-US')} GB included with the servers`,
    ),
  ];
}
