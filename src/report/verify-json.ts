/** `verify --format json`: the audit JSON contract plus what the run measured (README "verify JSON"). */
import { auditJson } from './audit-json.js';
import type { VerifyResult } from '../verify/engine.js';

export function verifyJson(r: VerifyResult, opts: { showSuppressed?: boolean } = {}) {
  return {
    ...auditJson(r, opts),
    url: r.url,
    checkedAt: r.checkedAt,
    expectations: r.expectations,
    liveView: r.liveView,
    tls: r.tls,
    latency: r.latency,
    requests: r.requests,
  };
}

export function formatVerifyJson(r: VerifyResult, opts: { showSuppressed?: boolean } = {}): string {
  return JSON.stringify(verifyJson(r, opts), null, 2);
}
