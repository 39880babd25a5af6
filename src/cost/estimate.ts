/**
 * The estimator: a plan's resources + assumptions → monthly line items, totals per traffic
 * scenario, the assumptions spelled out, and warnings (including stale price tables). Pure.
 */
import type { Resource } from '../model/resource.js';
import { resolveAssumptions } from './assumptions.js';
import { createContext } from './pricing.js';
import type { PricingContext } from './pricing.js';
import { pricingOfKind, pricingOfProvider } from './pricings.js';
import { staleTables } from './tables.js';
import { perScenario } from './types.js';
import type { CostAssumptions, CostAssumptionsInput, Estimate, EstimateOptions, LineItem, TrafficScenario } from './types.js';

/** Price one resource under the context's scenario: by the target pricing that registers its kind (egress: its provider's). */
export function priceResource(r: Resource, ctx: PricingContext): LineItem[] {
  return r.kind === 'egress' ? pricingOfProvider(r.provider).egress(r, ctx) : pricingOfKind(r.kind).price(r, ctx);
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
  const runs = perScenario((s) => priceScenario(resources, resolved, s));
  const chosen = runs[resolved.traffic];
  const scenarios = perScenario((s) => sumMonthly(runs[s].items));
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
