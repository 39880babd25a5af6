/**
 * A decider answers one field of the summary from the gathered facts, with the evidence that decided
 * it (`{file, line}`) and, where there was a choice, why.
 */
import type { Evidence, Facts, MixProject, ScanSummary } from '../profile.js';
import type { WebSelection } from './web.js';

export interface DecideInput {
  facts: Facts;
  /** The main web app, endpoint and router (chosen first: most fields depend on them). */
  web: WebSelection;
  /** Paths answered by function plugs of the endpoints. */
  endpointPaths: { plug: string; path: string; evidence: Evidence }[];
  relOverlays: string[];
}

export interface Decision<T> {
  value: T;
  /** Evidence by key (several keys for a composite field such as `security`). */
  evidence?: Record<string, Evidence | null | undefined>;
  /** Why, by key, where a choice was made. */
  reasons?: Record<string, string>;
}

export type Decider<K extends keyof ScanSummary> = (input: DecideInput) => Decision<ScanSummary[K]>;

/** Helpers every decider uses: deps of the apps (prod only), lock entries. */
export function depOf(facts: Facts, name: string): MixProject['deps'][number] | undefined {
  for (const p of facts.projects) {
    if (p.kind === 'umbrella-root') continue;
    const d = p.deps.find((x) => x.name === name && !(x.only && !x.only.includes('prod')));
    if (d) return d;
  }
  return undefined;
}

export function lockOf(facts: Facts, name: string): NonNullable<Facts['lock']>['entries'][number] | null {
  return facts.lock?.entries.find((e) => e.name === name) ?? null;
}
