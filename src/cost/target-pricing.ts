/**
 * What a target registers to be priced: its src/targets/<id>/cost.ts exports `pricing`, which
 * scripts/gen-targets-index.mjs lists in ./registry.ts. The estimator finds the pricing of each resource
 * there by its kind (egress by its provider), the staleness check reads the tables, `cost --compare`
 * lists the targets in `order`.
 */
import type { Resource, ResourceKind } from '../model/resource.js';
import type { PriceProvider, PriceTable } from './price-table.js';
import type { PricingContext } from './pricing.js';
import type { LineItem } from './types.js';

/** Every kind but egress belongs to one target's pricing; egress is priced by the provider it names. */
export type PricedKind = Exclude<ResourceKind, 'egress'>;
export type EgressResource = Extract<Resource, { kind: 'egress' }>;

/** A target's pricing, as its cost.ts declares it (`satisfies TargetPricing<'my-kind' | …>`). */
export interface TargetPricing<K extends PricedKind> {
  /** Where the target stands in `cost --compare` (lowest first). */
  order: number;
  /** The provider whose egress this pricing prices. */
  provider: PriceProvider;
  /** The dated tables its prices come from (each checked for staleness). */
  tables: readonly PriceTable[];
  /** The resource kinds it prices, each with its label for people ("Fly machines"). */
  kinds: Readonly<Record<K, string>>;
  price(r: Extract<Resource, { kind: K }>, ctx: PricingContext): LineItem[];
  egress(r: EgressResource, ctx: PricingContext): LineItem[];
}

/** Any target's pricing, as the estimator reads it from the registry. */
export interface AnyTargetPricing {
  order: number;
  provider: PriceProvider;
  tables: readonly PriceTable[];
  kinds: Readonly<Partial<Record<PricedKind, string>>>;
  price(r: Resource, ctx: PricingContext): LineItem[];
  egress(r: EgressResource, ctx: PricingContext): LineItem[];
}
