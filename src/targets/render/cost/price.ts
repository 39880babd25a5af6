/** Render resources → line items, from the Render price table. */
import type { Resource } from '../../../model/resource.js';
import type { PriceEntry } from '../../../cost/price-table.js';
import type { LineItem } from '../../../cost/types.js';
import { assertNever, billableAfterFree, freeAllowance, line, nonNegative } from '../../../cost/pricing.js';
import type { PricingContext } from '../../../cost/pricing.js';
import data from './prices.json' with { type: 'json' };
import { loadPriceTable } from '../../../cost/load-price-table.js';

/** The Render price table (./prices.json), checked as it loads. */
export const renderTable = loadPriceTable('render', data, 'src/targets/render/cost/prices.json');

export type RenderResource = Extract<Resource, { kind: 'render-service' | 'render-disk' | 'render-postgres' | 'render-keyvalue' }>;
type EgressResource = Extract<Resource, { kind: 'egress' }>;

const t = renderTable.entries;
const all: readonly PriceEntry[] = Object.values(t);

/** The entry of a plan among those whose id starts with `prefix`, or the fallback with a warning. */
function planEntry(prefix: string, plan: string, fallback: PriceEntry, who: string, ctx: PricingContext): PriceEntry {
  const found = all.find((e) => e.id.startsWith(prefix) && e.specs?.['plan'] === plan);
  if (found) return found;
  ctx.warnings.push(`${who}: no price for the Render plan "${plan}"; priced as ${String(fallback.specs?.['plan'])}.`);
  return fallback;
}

export function priceRender(r: RenderResource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'render-service': {
      const e = planEntry('web-', r.plan, t['web-standard'], r.id, ctx);
      const count = Math.floor(nonNegative(ctx, r.count, `${r.id}: instance count`));
      return [line(r.kind, e, `${r.id}: ${r.plan} web service instance`, count, 'instance-month', e.value, 'billed per second while it exists; Render web services do not stop when idle')];
    }
    case 'render-disk': {
      const e = t['disk-gb-month'];
      return [line(r.kind, e, `${r.id}: persistent disk`, nonNegative(ctx, r.sizeGb, `${r.id}: disk size`), 'GB-month', e.value)];
    }
    case 'render-postgres': {
      const e = planEntry('pg-', r.plan, t['pg-basic-256mb'], r.id, ctx);
      const storage = t['pg-storage-gb-month'];
      return [
        line(r.kind, e, `${r.id}: Render Postgres ${r.plan}`, 1, 'database-month', e.value),
        line(r.kind, storage, `${r.id}: Postgres storage`, nonNegative(ctx, r.storageGb, `${r.id}: storage`), 'GB-month', storage.value),
      ];
    }
    case 'render-keyvalue': {
      const e = planEntry('kv-', r.plan, t['kv-starter'], r.id, ctx);
      return [line(r.kind, e, `${r.id}: Key Value ${r.plan}`, 1, 'instance-month', e.value)];
    }
    default:
      return assertNever(r);
  }
}

export function priceRenderEgress(r: EgressResource, ctx: PricingContext): LineItem[] {
  const e = t['bandwidth-gb'];
  const gb = ctx.usage.egressGb;
  const billable = billableAfterFree(ctx, 'render:bandwidth', freeAllowance(e, 'freeGb'), gb);
  return [line(r.kind, e, `${r.id}: outbound bandwidth`, billable, 'GB', e.value, `${ctx.scenario} traffic scenario${billable < gb ? `; first ${freeAllowance(e, 'freeGb')} GB included` : ''}`)];
}
