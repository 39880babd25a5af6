/**
 * Scores, Lighthouse-style: every applicable rule is an audit that passes (1) or fails (0),
 * weighted by its severity; a category's score is the weighted share that passes, ×100.
 * The overall score weights every applicable rule the same way across categories.
 * Then caps, as Lighthouse caps a category and Mozilla Observatory grades: a failed critical rule
 * keeps the score (of its category and the overall one) at 49 or below, a failed high at 79 or below,
 * so many passing low rules never hide one serious problem. Weights and caps live here, not in rules;
 * every reporter (text, JSON, Markdown, HTML) shows these numbers. Documented in the README ("Scores").
 */
import type { Category, Severity } from './types.js';

export const SEVERITY_WEIGHT: Record<Severity, number> = {
  critical: 10,
  high: 6,
  medium: 3,
  low: 1,
  info: 0,
};

export const CATEGORY_TITLES: Record<Category, string> = {
  'runtime-config': 'Runtime configuration',
  secrets: 'Secrets',
  'web-security': 'Web security',
  networking: 'Networking',
  releases: 'Releases',
  clustering: 'Clustering',
  observability: 'Observability',
  'rate-limiting': 'Rate limiting',
  assets: 'Assets',
  docker: 'Dockerfile',
  fly: 'Fly.io',
  tls: 'TLS',
};

/** The categories `audit` reports (verify reports its own list). */
export const AUDIT_CATEGORIES: readonly Category[] = [
  'runtime-config',
  'secrets',
  'web-security',
  'networking',
  'releases',
  'clustering',
  'observability',
  'rate-limiting',
  'assets',
  'docker',
  'fly',
];

/** The highest score a failed rule of this severity leaves (Lighthouse-style caps); none for medium and below. */
export const SEVERITY_CAP: Partial<Record<Severity, number>> = {
  critical: 49,
  high: 79,
};

export interface RuleOutcome {
  category: Category;
  severity: Severity;
  applicable: boolean;
  passed: boolean;
}

export interface CategoryScore {
  id: Category;
  title: string;
  /** 0–100, or null when no rule of the category applies. */
  score: number | null;
  rules: number;
  failed: number;
}

export function scoreOutcomes(outcomes: RuleOutcome[], ids: readonly Category[] = AUDIT_CATEGORIES): { score: number; categories: CategoryScore[] } {
  const categories: CategoryScore[] = ids.map((id) => {
    const mine = outcomes.filter((o) => o.category === id && o.applicable);
    return { id, title: CATEGORY_TITLES[id], score: weighted(mine), rules: mine.length, failed: mine.filter((o) => !o.passed).length };
  });
  return { score: weighted(outcomes.filter((o) => o.applicable)) ?? 100, categories };
}

function weighted(outcomes: RuleOutcome[]): number | null {
  const total = outcomes.reduce((s, o) => s + SEVERITY_WEIGHT[o.severity], 0);
  if (outcomes.length === 0) return null;
  if (total === 0) return outcomes.every((o) => o.passed) ? 100 : 0;
  const passed = outcomes.filter((o) => o.passed).reduce((s, o) => s + SEVERITY_WEIGHT[o.severity], 0);
  return Math.min(Math.round((100 * passed) / total), capOf(outcomes));
}

/** The lowest cap among the failed outcomes (100 when none is capped). */
export function capOf(outcomes: readonly RuleOutcome[]): number {
  return outcomes.filter((o) => !o.passed).reduce((cap, o) => Math.min(cap, SEVERITY_CAP[o.severity] ?? 100), 100);
}
