/** `audit --format json`: the documented contract (README "audit JSON"). */
import type { AuditResult } from '../audit/engine.js';
import type { Finding } from '../audit/types.js';
import { docsUrl } from '../model/links.js';

export interface AuditJson {
  schemaVersion: number;
  score: number;
  categories: { id: string; title: string; score: number | null; rules: number; failed: number }[];
  findings: ReturnType<typeof findingJson>[];
  suppressedCount: number;
  suppressed?: ReturnType<typeof findingJson>[];
  notApplicable: { ruleId: string; reason: string }[];
}

function findingJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    title: f.title,
    message: f.message,
    ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
    evidence: f.evidence.map((e) => ({ file: e.file, line: e.line, ...(e.request !== undefined ? { request: e.request, response: e.response ?? '' } : {}) })),
    fix: f.fix,
    docs: f.docs,
    /** The documentation page's absolute address (links in every output are absolute; `docs` stays the package path). */
    docsUrl: docsUrl(f.docs),
    equivalents: [...f.equivalents],
    fingerprint: f.fingerprint,
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  };
}

export function auditJson(result: AuditResult, opts: { showSuppressed?: boolean } = {}): AuditJson {
  return {
    schemaVersion: result.schemaVersion,
    score: result.score,
    categories: result.categories.map((c) => ({ ...c })),
    findings: result.findings.map(findingJson),
    suppressedCount: result.suppressed.length,
    ...(opts.showSuppressed ? { suppressed: result.suppressed.map(findingJson) } : {}),
    notApplicable: result.notApplicable,
  };
}

export function formatAuditJson(result: AuditResult, opts: { showSuppressed?: boolean } = {}): string {
  return JSON.stringify(auditJson(result, opts), null, 2);
}
