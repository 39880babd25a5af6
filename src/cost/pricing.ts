/** Shared machinery of the per-provider pricing modules: context, line items, units, free tiers. */
import type { Resource, ResourceKind } from '../model/resource.js';
import type { PriceEntry } from './tables/types.js';
import type { CostAssumptions, LineItem, ScenarioUsage, TrafficScenario } from './types.js';

/** Everything a pricing module may read while pricing one scenario. No I/O. */
export interface PricingContext {
  readonly assumptions: CostAssumptions;
  readonly scenario: TrafficScenario;
  readonly usage: ScenarioUsage;
  /** All resources of the plan (some prices depend on others: pooled VPS traffic, a shared node pool). */
  readonly resources: readonly Resource[];
  /** Warnings for people; duplicates are removed by the estimator. */
  readonly warnings: string[];
  /** How a figure was arrived at; duplicates are removed by the estimator. */
  readonly notes: string[];
  /** Free allowance left this month, by allowance key. */
  readonly freeLeft: Map<string, number>;
  /** Keys of charges already emitted once per plan (cluster fee, node pool). */
  readonly once: Set<string>;
}

export function createContext(
  resources: readonly Resource[],
  assumptions: CostAssumptions,
  scenario: TrafficScenario,
): PricingContext {
  return {
    assumptions,
    scenario,
    usage: assumptions.scenarios[scenario],
    resources,
    warnings: [],
    notes: [],
    freeLeft: new Map(),
    once: new Set(),
  };
}

/** Build a line item; `monthly` is always `quantity × unitPrice`, unrounded. */
export function line(
  kind: ResourceKind,
  entry: PriceEntry,
  name: string,
  quantity: number,
  unit: string,
  unitPrice: number,
  note?: string,
): LineItem {
  const notes = [note, entry.note?.startsWith('estimate:') ? entry.note : undefined].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
  const item: LineItem = {
    name,
    kind,
    quantity,
    unit,
    unitPrice,
    monthly: quantity * unitPrice,
    source: entry.source,
    asOf: entry.asOf,
  };
  if (notes.length > 0) item.note = notes.join('; ');
  return item;
}

/** Hours in a Fly-style "month" (prices quoted per 30 days of runtime). */
export const HOURS_PER_30_DAYS = 720;

/**
 * What one unit of `entry` costs over the assumed month. Usage-priced entries (per GB, per
 * request…) are returned as is; multiply them by the usage.
 */
export function perMonth(entry: PriceEntry, hoursPerMonth: number): number {
  switch (entry.basis) {
    case 'hour':
      return entry.value * hoursPerMonth;
    case 'second':
      return entry.value * hoursPerMonth * 3600;
    case 'month-30d':
      return (entry.value / HOURS_PER_30_DAYS) * hoursPerMonth;
    case 'month-capped': {
      const cap = Number(entry.specs?.['capHours'] ?? hoursPerMonth);
      return entry.value * Math.min(1, hoursPerMonth / cap);
    }
    case 'month':
    case 'usage':
    case 'multiplier':
      return entry.value;
    default:
      return assertNever(entry.basis);
  }
}

/**
 * Subtract what is left of a monthly free allowance from `amount` and return the billable rest.
 * The allowance (`initial`, same unit as `amount`) is shared by every resource using `key`.
 */
export function billableAfterFree(ctx: PricingContext, key: string, initial: number, amount: number): number {
  if (!ctx.assumptions.applyFreeTiers || initial <= 0) return amount;
  const left = ctx.freeLeft.get(key) ?? initial;
  const used = Math.min(left, Math.max(0, amount));
  ctx.freeLeft.set(key, left - used);
  return amount - used;
}

/** A free allowance recorded in an entry's specs (`freePerMonth`, `freeGb`), 0 when none. */
export function freeAllowance(entry: PriceEntry, spec: 'freePerMonth' | 'freeGb' | 'freeCreditPerMonth' = 'freePerMonth'): number {
  const v = entry.specs?.[spec];
  return typeof v === 'number' ? v : 0;
}

export function specNumber(entry: PriceEntry, key: string, fallback = 0): number {
  const v = entry.specs?.[key];
  return typeof v === 'number' ? v : fallback;
}

/** A number from a resource, clamped to ≥ 0 with a warning when it is negative or not finite. */
export function nonNegative(ctx: PricingContext, value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    ctx.warnings.push(`${what} is ${String(value)}; counted as 0.`);
    return 0;
  }
  return value;
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}

/** "12 %" style share for notes. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
