/**
 * Shape of a price table: dated, sourced figures in USD, one file per provider.
 *
 * Every price is an entry with the public page it came from and the date it was read.
 * Figures the public material did not state outright carry a `note` that starts with
 * `estimate:` and says why the figure was chosen. Each target's tables are data files in its folder
 * (src/targets/<id>/cost/prices.json), read through ./load-price-table.ts and registered by its cost.ts.
 */
import type { Resource } from '../model/resource.js';

/**
 * How an entry's `value` is counted.
 * - `hour`, `second`: time-metered; multiplied by the hours (or seconds) in the month.
 * - `month`: a flat monthly price (plans, IPs, storage per GB-month).
 * - `month-30d`: a price the provider quotes per 30 days of runtime; scaled to the assumed hours.
 * - `month-capped`: a monthly cap reached after `specs.capHours` hours (VPS billing).
 * - anything else: a usage unit (GB transferred, 1M requests, 10k operations…).
 */
export type PriceBasis = 'hour' | 'second' | 'month' | 'month-30d' | 'month-capped' | 'usage' | 'multiplier';

export interface PriceEntry {
  /** Stable id within its table; equals the key the entry is stored under. */
  id: string;
  /** What the figure is, in our own words. */
  description: string;
  /** Unit of `value` for people, e.g. "vCPU-second", "GB-month", "machine (30 days)". */
  unit: string;
  /** How the estimator turns `value` into a monthly figure. */
  basis: PriceBasis;
  /** Price in USD per `unit` (or a plain multiplier when basis is `multiplier`). */
  value: number;
  /** Region the figure applies to, when it is regional. */
  region?: string;
  /** Public pricing page the figure was read from (https). */
  source: string;
  /** ISO date (YYYY-MM-DD) the figure was looked up. */
  asOf: string;
  /** Facts about the priced thing the estimator needs (vCPUs, memory, included traffic…). */
  specs?: Readonly<Record<string, number | string>>;
  /** Caveat; starts with `estimate:` when the figure was not stated outright by the source. */
  note?: string;
}

/** A provider with a price list; the egress resources name theirs (src/model/resource.ts). */
export type PriceProvider = Extract<Resource, { kind: 'egress' }>['provider'];

export interface PriceTable {
  provider: PriceProvider;
  title: string;
  currency: 'USD';
  /** ISO date the table as a whole was last checked; the staleness check reads this. */
  asOf: string;
  /**
   * Where and when the figures were looked up, what they cover and why some are estimates, for the
   * people who update the table (one paragraph per item; no output prints it).
   */
  about: readonly string[];
  /** Pricing pages the table draws on. */
  sources: readonly string[];
  entries: Readonly<Record<string, PriceEntry>>;
}
