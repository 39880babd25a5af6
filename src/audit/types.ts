/**
 * A rule is metadata plus a pure check over the Profile (ESLint/Lighthouse style): no I/O, no
 * output formatting. The rule id is the file name, the docs page name and the test name.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Evidence, Profile } from '../scan/profile.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type Category =
  | 'runtime-config'
  | 'secrets'
  | 'web-security'
  | 'networking'
  | 'releases'
  | 'clustering'
  | 'observability'
  | 'rate-limiting'
  | 'assets'
  | 'docker'
  | 'fly';

export interface RuleMeta {
  /** Stable kebab-case id; equals the file name `rules/<id>.ts` and `docs/rules/<id>.md`. */
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  /** One or two sentences: why it matters in production. */
  description: string;
  /** Default fix advice (a finding may give a more specific one). */
  fix: string;
  /** Checks of other tools covering the same ground, e.g. ["sobelow:Config.CSP"]. */
  equivalents: readonly string[];
}

export interface RuleHit {
  message: string;
  evidence: Evidence[];
  /** Overrides the rule's default fix for this finding. */
  fix?: string;
}

export interface NotApplicable {
  notApplicable: string;
}

export interface RuleContext {
  /** The deployment config (phoenix-ops.yaml merged over defaults), when one was loaded. */
  deploy: DeployConfig | null;
}

export interface Rule extends RuleMeta {
  check(profile: Profile, ctx: RuleContext): RuleHit[] | NotApplicable;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  title: string;
  message: string;
  evidence: Evidence[];
  fix: string;
  /** Docs page, relative to the package: docs/rules/<id>.md */
  docs: string;
  equivalents: readonly string[];
  /** Stable id for baselines and suppressions: hash of rule, first file and message. */
  fingerprint: string;
  /** Set when an ignore (config or inline comment) covers the finding. */
  suppressed?: { by: 'config' | 'comment'; reason: string };
}

export function notApplicable(reason: string): NotApplicable {
  return { notApplicable: reason };
}

export function isNotApplicable(r: RuleHit[] | NotApplicable): r is NotApplicable {
  return !Array.isArray(r);
}
