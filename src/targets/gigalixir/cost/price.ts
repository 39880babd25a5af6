/** Gigalixir resources → line items, from the Gigalixir price table (standard tier). */
import type { Resource } from '../../../model/resource.js';
import type { PriceEntry } from '../../../cost/price-table.js';
import type { LineItem } from '../../../cost/types.js';
import { assertNever, line, nonNegative } from '../../../cost/pricing.js';
import type { PricingContext } from '../../../cost/pricing.js';
import data from './prices.json' with { type: 'json' };
import { loadPriceTable } from '../../../cost/load-price-table.js';

/** The Gigalixir price table (./prices.json), checked as it loads. */
export const gigalixirTable = loadPriceTable('gigalixir', data, 'src/targets/gigalixir/cost/prices.json');

export type GigalixirResource = Extract<Resource, { kind: 'gigalixir-replica' | 'gigalixir-postgres' }>;
type EgressResource = Extract<Resource, { kind: 'egress' }>;

const t = gigalixirTable.entries;
const sizes: readonly PriceEntry[] = Object.values(t).filter((e) => e.id.startsWith('db-') && e.id !== 'db-free');

export function priceGigalixir(r: GigalixirResource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'gigalixir-replica': {
      const e = t['replica-memory-mb'];
      const count = Math.floor(nonNegative(ctx, r.count, `${r.id}: replica count`));
      const mb = Math.round(nonNegative(ctx, r.size, `${r.id}: replica size`) * 1000);
      return [line(r.kind, e, `${r.id}: size ${r.size} replica (${mb} MB)`, count, 'replica-month', mb * e.value, 'standard tier; the free tier runs one replica up to size 0.5 at no charge')];
    }
    case 'gigalixir-postgres': {
      if (r.free) return [line(r.kind, t['db-free'], `${r.id}: free-tier Postgres`, 1, 'database-month', 0, 'not for production')];
      const e = sizes.find((s) => s.specs?.['size'] === r.size);
      if (!e) {
        ctx.warnings.push(`${r.id}: Gigalixir has no database size ${r.size}; priced as size 0.6.`);
        return [line(r.kind, t['db-0.6'], `${r.id}: Postgres size 0.6`, 1, 'database-month', t['db-0.6'].value)];
      }
      return [line(r.kind, e, `${r.id}: Postgres size ${r.size}`, 1, 'database-month', e.value)];
    }
    default:
      return assertNever(r);
  }
}

export function priceGigalixirEgress(r: EgressResource, ctx: PricingContext): LineItem[] {
  const e = t['bandwidth-gb'];
  return [line(r.kind, e, `${r.id}: bandwidth`, ctx.usage.egressGb, 'GB', 0, 'bandwidth is free on Gigalixir')];
}
