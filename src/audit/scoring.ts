/**
 * Scores, Lighthouse-style: every applicable rule is an audit that passes (1) or fails (0),
 * weighted by its severity; a category's score is the weighted share that passes, ×100.
 * The overall score weights every applicable rule the same way across categories.
 * Weights live here, not in rules.
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
  return Math.round((100 * passed) / total);
}
