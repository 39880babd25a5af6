import { notApplicable } from '../../audit/types.js';
import { headerEvidence } from '../evidence.js';
import { htmlPage } from '../queries.js';
import type { VerifyCheck } from '../types.js';

/** Policies that send the full URL (path and query) to other sites. */
const LEAKY = new Set(['unsafe-url', 'no-referrer-when-downgrade']);

export const check = {
  id: 'referrer-policy-missing',
  title: 'No referrer-policy (or one that leaks URLs)',
  category: 'web-security',
  severity: 'low',
  description:
    'The Referer header tells other sites which page a visitor came from. Without a referrer-policy (or with `unsafe-url`), older browsers send full URLs — including tokens in paths and query strings, such as password-reset or magic-link URLs — to every linked site and embedded resource.',
  fix: 'Use `put_secure_browser_headers` (it sets `referrer-policy: strict-origin-when-cross-origin`), or set that header yourself.',
  equivalents: [],
  requires: ['page'],
  check(a) {
    const p = htmlPage(a);
    if ('na' in p) return notApplicable(p.na);
    const raw = p.ok.response!.headers['referrer-policy'];
    // The last recognised token of a comma-separated list applies.
    const v = (raw ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).pop() ?? '';
    if (v && !LEAKY.has(v)) return [];
    return [{ message: `${p.ok.request.url} ${v ? `sends referrer-policy "${v}", which leaks full URLs to other sites` : 'sends no referrer-policy header'}`, evidence: [headerEvidence(p.ok, 'referrer-policy')] }];
  },
} as const satisfies VerifyCheck;
