/** Public API of the cost stage: price tables, the estimator and its text renderings. */
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
export { RESOURCE_KIND_PROVIDER, estimate, priceResource, sumMonthly } from './estimate.js';
export {
  KIND_LABELS,
  formatCompareText,
  formatEstimateText,
  formatQuantity,
  formatUnitPrice,
  formatUsd,
  subtotalsByKind,
} from './format.js';
export type { FormatOptions } from './format.js';
export {
  allPriceEntries,
  cloudRunTier1Regions,
  flyRegionEgressGroup,
  flyTable,
  flyUnmanagedPostgresPresets,
  gcpTable,
  kubernetesTable,
  priceTables,
  staleTables,
  vpsTable,
} from './tables/index.js';
export type { PriceBasis, PriceEntry, PriceProvider, PriceTable } from './tables/index.js';
