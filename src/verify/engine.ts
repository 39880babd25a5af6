/**
 * Runs the verify checks over gathered artifacts, the way the audit engine runs rules: a check that
 * throws becomes one internal-error finding, "not applicable" does not count, scores and ordering
 * are the audit's, so the audit reporters render the result as they are.
 */
import { fingerprint, type AuditResult } from '../audit/engine.js';
import { scoreOutcomes, type RuleOutcome } from '../audit/scoring.js';
import { isNotApplicable, SEVERITIES, type Category, type Finding, type Severity } from '../audit/types.js';
import { checks as allChecks } from './checks/index.js';
import { percentile } from './queries.js';
import type { Artifacts, VerifyCheck } from './types.js';

export const VERIFY_SCHEMA_VERSION = 1;
export const VERIFY_CATEGORIES: readonly Category[] = ['tls', 'networking', 'web-security', 'rate-limiting'];

export interface VerifyResult extends AuditResult {
  /** The URL verified (after a plain-HTTP URL's redirect to HTTPS). */
  url: string;
  checkedAt: string;
  /** Where the expectations came from: the scanned project, or nothing (discovered from the site). */
  expectations: 'profile' | 'none';
  /** The app serves LiveViews (known from the profile, or discovered from the page/socket). */
  liveView: boolean | null;
  /** Sequential health requests: count and nearest-rank percentiles. */
  latency: { path: string; samples: number; p50Ms: number; p95Ms: number } | null;
  tls: { protocol: string | null; validTo: string | null; daysToExpiry: number | null } | null;
  requests: { used: number; max: number };
}

export interface RunOptions {
  checks?: readonly VerifyCheck[];
  only?: string[];
  skip?: string[];
  /** `audit.ignore` entries of phoenix-ops.yaml naming verify checks. */
  ignores?: { rule: string; reason: string }[];
}

export function selectChecks(opts: RunOptions): readonly VerifyCheck[] {
  const catalog = opts.checks ?? allChecks;
  const known = new Set(catalog.map((c) => c.id));
  for (const id of [...(opts.only ?? []), ...(opts.skip ?? [])]) {
    if (!known.has(id)) throw Object.assign(new Error(`unknown check id "${id}" (run \`phoenix-ops explain --list\` for the catalog)`), { name: 'UsageError' });
  }
  return catalog.filter((c) => (!opts.only?.length || opts.only.includes(c.id)) && !opts.skip?.includes(c.id));
}

export function runChecks(a: Artifacts, opts: RunOptions = {}): VerifyResult {
  const selected = selectChecks(opts);
  const findings: Finding[] = [];
  const outcomes: RuleOutcome[] = [];
  const notApplicable: VerifyResult['notApplicable'] = [];
  for (const c of selected) {
    let produced: Finding[];
    try {
      const result = c.check(a);
      if (isNotApplicable(result)) {
        notApplicable.push({ ruleId: c.id, reason: result.notApplicable });
        outcomes.push({ category: c.category, severity: c.severity, applicable: false, passed: true });
        continue;
      }
      produced = result.map((hit) => ({
        ruleId: c.id,
        severity: c.severity,
        category: c.category,
        title: c.title,
        message: hit.message,
        evidence: hit.evidence,
        fix: hit.fix ?? c.fix,
        docs: `docs/verify/${c.id}.md`,
        equivalents: c.equivalents,
        fingerprint: fingerprint(c.id, hit.evidence[0]?.file, hit.message),
      }));
    } catch (e) {
      produced = [
        {
          ruleId: 'internal-error',
          severity: 'info',
          category: c.category,
          title: `Check ${c.id} failed`,
          message: `check ${c.id} could not run: ${e instanceof Error ? e.message : String(e)}`,
          evidence: [],
          fix: 'Report this as a phoenix-ops bug with the URL’s response headers.',
          docs: 'README.md',
          equivalents: [],
          fingerprint: fingerprint('internal-error', c.id, ''),
        },
      ];
    }
    const ignore = opts.ignores?.find((i) => i.rule === c.id);
    if (ignore) for (const f of produced) f.suppressed = { by: 'config', reason: ignore.reason };
    findings.push(...produced);
    outcomes.push({ category: c.category, severity: c.severity, applicable: true, passed: produced.every((f) => f.suppressed || f.ruleId === 'internal-error') });
  }
  const { score, categories } = scoreOutcomes(outcomes, VERIFY_CATEGORIES);
  const order = (s: Severity) => SEVERITIES.indexOf(s);
  const catOrder = (x: Category) => VERIFY_CATEGORIES.indexOf(x);
  findings.sort((x, y) => order(x.severity) - order(y.severity) || catOrder(x.category) - catOrder(y.category) || (x.ruleId < y.ruleId ? -1 : x.ruleId > y.ruleId ? 1 : 0));
  const leaf = a.tls?.chain[0] ?? null;
  const samples = a.health?.samples ?? [];
  return {
    schemaVersion: VERIFY_SCHEMA_VERSION,
    score,
    categories,
    findings: findings.filter((f) => !f.suppressed),
    suppressed: findings.filter((f) => f.suppressed),
    notApplicable,
    rulesRun: selected.length,
    url: a.target.url,
    checkedAt: a.gatheredAt,
    expectations: a.expect.source,
    liveView: a.expect.liveView ?? (a.markers.liveView || a.socket?.own.status === 101 ? true : null),
    latency: samples.length ? { path: a.health!.path, samples: samples.length, p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)) } : null,
    tls: a.tls
      ? { protocol: a.tls.protocol, validTo: leaf?.validTo ?? null, daysToExpiry: leaf ? Math.floor((Date.parse(leaf.validTo) - Date.parse(a.gatheredAt)) / 86_400_000) : null }
      : null,
    requests: { used: a.budget.used, max: a.budget.max },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
