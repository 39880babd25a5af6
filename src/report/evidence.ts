/** How reporters show a finding's evidence: `file:line` for the audit, the request and the deciding answer for verify. */
import type { FindingEvidence } from '../audit/types.js';

export function isRequestEvidence(e: FindingEvidence): boolean {
  return e.request !== undefined;
}

/** "lib/app_web/router.ex:12", or "GET https://host/health → 301 Moved Permanently; location: …". */
export function evidenceLabel(e: FindingEvidence): string {
  if (isRequestEvidence(e)) return `${e.request}${e.response ? ` → ${e.response}` : ''}`;
  return `${e.file}:${e.line}`;
}
