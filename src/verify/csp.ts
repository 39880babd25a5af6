/** The Content-Security-Policy a response enforces (a header may carry several policies, comma-separated; each one applies), parsed by scan/csp.ts. */
import { parseCspHeader, type CspPolicy } from '../scan/csp.js';
import type { HttpResponseInfo } from './types.js';

export function enforcedPolicies(res: HttpResponseInfo | null): CspPolicy[] {
  const raw = res?.headers['content-security-policy'];
  return raw ? parseCspHeader(raw) : [];
}
