/** Public API of the cost stage: the estimator, its text renderings, and the registered price tables. */
export type { Resource, ResourceKind } from '../model/resource.js';
export type {
  CostAssumptions,
  CostAssumptionsInput,
  Estimate,
  EstimateOptions,
  LineItem,
  ScenarioUsage,
  TrafficScenario,
} from './types.js';
export { TRAFFIC_SCENARIOS } from './types.js';
export { DEFAULT_SCENARIOS, assumptionsFromConfig, defaultAssumptions, resolveAssumptions } from './assumptions.js';
export { estimate, priceResource, sumMonthly } from './estimate.js';
export { PRICED_TARGETS, estimateTarget } from './estimate-target.js';
export { formatCompareText, formatEstimateText, formatQuantity, formatUnitPrice, formatUsd, subtotalsByKind } from './format.js';
export type { FormatOptions } from './format.js';
export { kindLabel, priceTables } from './pricings.js';
export { allPriceEntries, staleTables } from './tables.js';
export type { PriceBasis, PriceEntry, PriceProvider, PriceTable } from './price-table.js';
export type { AnyTargetPricing, TargetPricing } from './target-pricing.js';
