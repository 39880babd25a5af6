/**
 * A rule is metadata plus a pure check over the Profile (ESLint/Lighthouse style): no I/O, no
 * output formatting. The rule id is the file name, the docs page name and the test name.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Evidence, Profile } from '../scan/profile.js';
import type { MessageData } from './messages.js';
import type { RequirementName } from './requirements.js';

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
  | 'fly'
  /** verify: certificates and protocol versions of a live site. */
  | 'tls';

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

/**
 * Where a finding was seen. Audit rules point at a file and line; verify checks point at a live
 * request: `file` is the URL, `line` 0, and `request`/`response` say what was sent and which
 * response line or header decided.
 */
export interface FindingEvidence extends Evidence {
  /** verify: the request, e.g. "GET https://example.com/health". */
  request?: string;
  /** verify: the deciding part of the answer, e.g. "HTTP 301, location: https://example.com/health/". */
  response?: string;
}

export interface RuleHit {
  /** Key of the rule's `messages`; the engine fills that template with `data`. */
  messageId: string;
  /** Values for the template's `{{placeholders}}`. */
  data?: MessageData;
  /**
   * What was found, stable and value-free (module, pipeline, env var names, `[[services]] #2`…),
   * for the fingerprint: never a line number, a secret or a value the user tunes. Default: the
   * sorted `data` values with digits normalized.
   */
  snippet?: string;
  evidence: FindingEvidence[];
  /** Overrides the rule's default fix for this finding. */
  fix?: string;
  /** Overrides the rule's severity for this finding (e.g. lower when something else mitigates it). */
  severity?: Severity;
}

export interface NotApplicable {
  notApplicable: string;
}

export interface RuleContext {
  /** The deployment config (phoenix-ops.yaml merged over defaults), when one was loaded. */
  deploy: DeployConfig | null;
  /** The phoenix-ops.yaml the config was read from; null when only defaults apply (they say nothing about the app). */
  configFile: string | null;
}

export interface Rule extends RuleMeta {
  /**
   * What the project must have for the rule to apply (src/audit/requirements.ts), checked in order
   * by the engine before `check`: the first unmet one answers "not applicable" with its reason.
   */
  requires: readonly RequirementName[];
  /** Message templates keyed by id, with `{{placeholders}}` filled from a hit's `data`. */
  messages: Readonly<Record<string, string>>;
  check(profile: Profile, ctx: RuleContext): RuleHit[] | NotApplicable;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  title: string;
  message: string;
  /** The rule's message id (audit findings; verify checks and internal errors have none). */
  messageId?: string;
  evidence: FindingEvidence[];
  fix: string;
  /** Docs page, relative to the package: docs/rules/<id>.md (verify: docs/verify/<id>.md) */
  docs: string;
  equivalents: readonly string[];
  /** Stable id for baselines and suppressions: hash of rule, message id, first file and snippet (verify: rule, URL and message). */
  fingerprint: string;
  /** Set when an ignore (config or inline comment) covers the finding. */
  suppressed?: { by: 'config' | 'comment'; reason: string };
}

export function notApplicable(reason: string): NotApplicable {
  return { notApplicable: reason };
}

export function isNotApplicable<H>(r: H[] | NotApplicable): r is NotApplicable {
  return !Array.isArray(r);
}
