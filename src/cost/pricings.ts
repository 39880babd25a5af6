/**
 * The registered pricings (./registry.ts, generated from src/targets/<id>/cost.ts) as the estimator,
 * the staleness check and the formatters look them up: by resource kind, by egress provider, in order.
 */
import type { TargetId } from '../model/ids.js';
import type { ResourceKind } from '../model/resource.js';
import type { PriceProvider, PriceTable } from './price-table.js';
import { targetPricings } from './registry.js';
import type { AnyTargetPricing, PricedKind } from './target-pricing.js';

type Registered = (typeof targetPricings)[number];
type KindsOf<E> = E extends { pricing: { kinds: infer K } } ? keyof K : never;
/** A compile error here names a resource kind no target's cost.ts prices. */
type Assert<T extends true> = T;
export type EveryKindIsPriced = Assert<[Exclude<PricedKind, KindsOf<Registered>>] extends [never] ? true : false>;

/** Every registered pricing with its target, lowest `order` first. */
export const orderedPricings: readonly { target: TargetId; pricing: AnyTargetPricing }[] = [...targetPricings].sort((a, b) => a.pricing.order - b.pricing.order);
const ordered = orderedPricings;

export class UnpricedError extends Error {
  constructor(what: string) {
    super(`no price for ${what}: no target's cost.ts registers it`);
    this.name = 'UnpricedError';
  }
}

/** The pricing of a resource kind (not egress, which goes by provider). */
export function pricingOfKind(kind: PricedKind): AnyTargetPricing {
  const entry = ordered.find((e) => Object.hasOwn(e.pricing.kinds, kind));
  if (!entry) throw new UnpricedError(`resource kind ${kind}`);
  return entry.pricing;
}

/** The pricing whose provider's egress rates price `provider`'s data transfer. */
export function pricingOfProvider(provider: PriceProvider): AnyTargetPricing {
  const entry = ordered.find((e) => e.pricing.provider === provider);
  if (!entry) throw new UnpricedError(`egress of provider ${provider}`);
  return entry.pricing;
}

/** A resource kind's label for people ("Fly machines", "Data transfer out"). */
export function kindLabel(kind: ResourceKind): string {
  if (kind === 'egress') return 'Data transfer out';
  return ordered.map((e) => e.pricing.kinds[kind]).find((l) => l !== undefined) ?? kind;
}

/** Every registered price table, once each, in pricing order. */
export function priceTables(): PriceTable[] {
  const out: PriceTable[] = [];
  for (const { pricing } of ordered) for (const t of pricing.tables) if (!out.includes(t)) out.push(t);
  return out;
}
