/**
 * The estimator: a plan's resources + assumptions → monthly line items, totals per traffic
 * scenario, the assumptions spelled out, and warnings (including stale price tables). Pure.
 */
import type { Resource, ResourceKind } from '../model/resource.js';
import { resolveAssumptions } from './assumptions.js';
import { priceFly, priceFlyEgress } from './price-fly.js';
import { priceGcp, priceGcpEgress } from './price-gcp.js';
import { priceKubernetes, priceKubernetesEgress } from './price-kubernetes.js';
import { priceVps, priceVpsEgress } from './price-vps.js';
import { assertNever, createContext } from './pricing.js';
import type { PricingContext } from './pricing.js';
import { staleTables } from './tables/index.js';
import type { PriceProvider } from './tables/types.js';
import { TRAFFIC_SCENARIOS } from './types.js';
import type { CostAssumptions, CostAssumptionsInput, Estimate, EstimateOptions, LineItem, TrafficScenario } from './types.js';

/**
 * Which price table each resource kind is priced from (`egress` follows its `provider` field).
 * Typed as a full record, so a new kind in `resources.ts` is a compile error here too.
 */
export const RESOURCE_KIND_PROVIDER: Readonly<Record<ResourceKind, PriceProvider | 'by-provider-field'>> = {
  'fly-machine': 'fly',
  'fly-volume': 'fly',
  'fly-postgres': 'fly',
  'fly-redis': 'fly',
  'fly-tigris': 'fly',
  'fly-ipv4': 'fly',
  egress: 'by-provider-field',
  'cloudrun-service': 'gcp',
  'cloudrun-job': 'gcp',
  cloudsql: 'gcp',
  memorystore: 'gcp',
  'artifact-registry': 'gcp',
  'secret-manager': 'gcp',
  'gcs-bucket': 'gcp',
  'k8s-workload': 'kubernetes',
  'k8s-load-balancer': 'kubernetes',
  'k8s-database': 'kubernetes',
  'k8s-redis': 'kubernetes',
  vps: 'vps',
  'vps-database': 'vps',
  'vps-redis': 'vps',
};

/** Price one resource under the context's scenario. Exhaustive over `Resource['kind']`. */
export function priceResource(r: Resource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'fly-machine':
    case 'fly-volume':
    case 'fly-postgres':
    case 'fly-redis':
    case 'fly-tigris':
    case 'fly-ipv4':
      return priceFly(r, ctx);
    case 'egress':
      switch (r.provider) {
        case 'fly':
          return priceFlyEgress(r, ctx);
        case 'gcp':
          return priceGcpEgress(r, ctx);
        case 'kubernetes':
          return priceKubernetesEgress(r, ctx);
        case 'vps':
          return priceVpsEgress(r, ctx);
        default:
          return assertNever(r.provider);
      }
    case 'cloudrun-service':
    case 'cloudrun-job':
    case 'cloudsql':
    case 'memorystore':
    case 'artifact-registry':
    case 'secret-manager':
    case 'gcs-bucket':
      return priceGcp(r, ctx);
    case 'k8s-workload':
    case 'k8s-load-balancer':
    case 'k8s-database':
    case 'k8s-redis':
      return priceKubernetes(r, ctx);
    case 'vps':
    case 'vps-database':
    case 'vps-redis':
      return priceVps(r, ctx);
    default:
      return assertNever(r);
  }
}

interface ScenarioRun {
  items: LineItem[];
  warnings: string[];
  notes: string[];
}

function priceScenario(resources: readonly Resource[], assumptions: CostAssumptions, scenario: TrafficScenario): ScenarioRun {
  const ctx = createContext(resources, assumptions, scenario);
  const items: LineItem[] = [];
  for (const r of resources) items.push(...priceResource(r, ctx));
  return { items, warnings: ctx.warnings, notes: ctx.notes };
}

/** Sum of the items' monthly amounts, in item order, unrounded. */
export function sumMonthly(items: readonly LineItem[]): number {
  let total = 0;
  for (const item of items) total += item.monthly;
  return total;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function generalNotes(a: CostAssumptions): string[] {
  const s = a.scenarios[a.traffic];
  const notes = [
    `Monthly figures use ${a.hoursPerMonth} hours per month; prices quoted per 30 days of runtime (Fly machines) are scaled to that.`,
    `Traffic scenario "${a.traffic}": ${s.requestsPerMonth.toLocaleString('en-US')} requests/month, ${s.avgRequestMs} ms average, ${s.egressGb.toLocaleString('en-US')} GB out to the internet.`,
    a.applyFreeTiers
      ? 'Monthly free allowances (Cloud Run, egress, Secret Manager, Artifact Registry, GKE credit, Tigris) are subtracted once per plan.'
      : 'Free allowances are not subtracted.',
    'Not included: taxes, support plans, committed-use discounts and reservations, backups and snapshots beyond what a plan includes.',
  ];
  if (a.minInstances !== null) notes.push(`Minimum running instances/machines overridden to ${a.minInstances}.`);
  return notes;
}

/**
 * Estimate the monthly cost of `resources` for `target`.
 *
 * `assumptions` may be partial; missing values take the defaults (see `defaultAssumptions`).
 * Line items and `monthly` use the `traffic` scenario; `scenarios` gives the total under each
 * scenario. Money keeps full precision; round only for display.
 */
export function estimate(
  resources: Resource[],
  assumptions: CostAssumptionsInput,
  target: string,
  options: EstimateOptions = {},
): Estimate {
  const resolved = resolveAssumptions(assumptions);
  const runs = {} as Record<TrafficScenario, ScenarioRun>;
  for (const s of TRAFFIC_SCENARIOS) runs[s] = priceScenario(resources, resolved, s);
  const chosen = runs[resolved.traffic];
  const scenarios = {} as Record<TrafficScenario, number>;
  for (const s of TRAFFIC_SCENARIOS) scenarios[s] = sumMonthly(runs[s].items);
  const warnings = unique([...staleTables(options.now ?? new Date(), options.maxAgeDays ?? 180), ...chosen.warnings]);
  if (resources.length === 0) warnings.push(`No resources to price for ${target}.`);
  return {
    target,
    currency: 'USD',
    items: chosen.items,
    monthly: sumMonthly(chosen.items),
    scenarios,
    assumptions: { ...resolved, notes: unique([...generalNotes(resolved), ...chosen.notes]) },
    warnings,
  };
}
