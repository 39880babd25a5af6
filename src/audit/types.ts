/**
 * A rule is metadata plus a pure check over the Profile (ESLint/Lighthouse style): no I/O, no
 * output formatting. The rule id is the file name, the docs page name and the test name. These are
 * the shared words of rules and checks (severity, category, finding); the contract they share is
 * ./contract.ts and a rule's own shape ./rule.ts.
 */
import type { Evidence } from '../scan/profile.js';

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

export interface NotApplicable {
  notApplicable: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  title: string;
  message: string;
  /** The message id of the rule or check (internal errors have none). */
  messageId?: string;
  evidence: FindingEvidence[];
  fix: string;
  /** Docs page, relative to the package: docs/rules/<id>.md (verify: docs/verify/<id>.md) */
  docs: string;
  equivalents: readonly string[];
  /** Stable id for baselines and suppressions: hash of rule, message id, first file (verify: the URL) and snippet. */
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
