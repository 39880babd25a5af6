/**
 * Runs the verify checks over gathered artifacts with the audit's engine (audit/runner.ts): the same
 * requirement resolution, message formatting, fingerprints, internal errors and scores, so the
 * reporters render the result as they render an audit, plus what the run measured.
 */
import { assemble, bySeverity, codePoint, runDefinitions, selectDefinitions, type EngineResult } from '../audit/runner.js';
import type { Category, Finding } from '../audit/types.js';
import { checks as allChecks } from './checks/index.js';
import { percentile } from './queries.js';
import { requestLog, type LoggedRequest } from './request-log.js';
import { VERIFY_REQUIREMENTS } from './requirements.js';
import type { VerifyCheck } from './check.js';
import type { Artifacts } from './types.js';

export const VERIFY_SCHEMA_VERSION = 1;
export const VERIFY_CATEGORIES: readonly Category[] = ['tls', 'networking', 'web-security', 'rate-limiting'];

export interface VerifyResult extends EngineResult {
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
  /** The requests made, for reports (consecutive repeats counted once). */
  requestLog: LoggedRequest[];
}

export interface RunOptions {
  checks?: readonly VerifyCheck[];
  only?: string[];
  skip?: string[];
  /** `audit.ignore` entries of phoenix-ops.yaml naming verify checks. */
  ignores?: { rule: string; reason: string }[];
}

export function selectChecks(opts: RunOptions): readonly VerifyCheck[] {
  return selectDefinitions(opts.checks ?? allChecks, 'check', opts.only, opts.skip);
}

/** Most severe first, then in the order of the verify categories, then by check. */
function compareFindings(x: Finding, y: Finding): number {
  const catOrder = (c: Category) => VERIFY_CATEGORIES.indexOf(c);
  return bySeverity(x, y) || catOrder(x.category) - catOrder(y.category) || codePoint(x.ruleId, y.ruleId);
}

export function runChecks(a: Artifacts, opts: RunOptions = {}): VerifyResult {
  const selected = selectChecks(opts);
  const run = runDefinitions(selected, {
    noun: 'check',
    docsDir: 'docs/verify',
    bugReport: 'Report this as a phoenix-ops bug with the URL’s response headers.',
    input: a,
    base: { artifacts: a },
    vocabulary: VERIFY_REQUIREMENTS,
    ctx: undefined,
    // An ignore names the check: it covers the check's findings (an internal error included).
    suppression: (_f, id) => {
      const ignore = opts.ignores?.find((i) => i.rule === id);
      return ignore ? { by: 'config', reason: ignore.reason } : undefined;
    },
  });
  const result = assemble(run, { schemaVersion: VERIFY_SCHEMA_VERSION, categories: VERIFY_CATEGORIES, rulesRun: selected.length, compare: compareFindings });
  return { ...result, ...measured(a) };
}

/** What the run measured besides findings: the URL, TLS, health latency, LiveView, requests. */
function measured(a: Artifacts): Omit<VerifyResult, keyof EngineResult> {
  const leaf = a.tls?.chain[0] ?? null;
  const samples = a.health?.samples ?? [];
  return {
    url: a.target.url,
    checkedAt: a.gatheredAt,
    expectations: a.expect.source,
    liveView: a.expect.liveView ?? (a.markers.liveView || a.socket?.own.status === 101 ? true : null),
    latency: a.health && samples.length ? { path: a.health.path, samples: samples.length, p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)) } : null,
    tls: a.tls
      ? { protocol: a.tls.protocol, validTo: leaf?.validTo ?? null, daysToExpiry: leaf ? Math.floor((Date.parse(leaf.validTo) - Date.parse(a.gatheredAt)) / 86_400_000) : null }
      : null,
    requests: { used: a.budget.used, max: a.budget.max },
    requestLog: requestLog(a),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
