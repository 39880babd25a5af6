import { notApplicable } from '../../audit/types.js';
import { enforcedPolicies } from '../csp.js';
import { headerEvidence } from '../evidence.js';
import { htmlPage } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'frame-protection-missing',
  title: 'Page can be framed by other sites (clickjacking)',
  category: 'web-security',
  severity: 'medium',
  description:
    'Without `frame-ancestors` in the CSP or `x-frame-options`, any site can load the page in an invisible frame and trick a signed-in user into clicking its buttons (clickjacking).',
  fix: 'Use `put_secure_browser_headers` in the browser pipeline (Phoenix 1.7 sets `x-frame-options: SAMEORIGIN`, 1.8 sets `frame-ancestors \'self\'`), or add `frame-ancestors \'self\'` to your CSP.',
  equivalents: [],
  requires: ['page'],
  check(a) {
    const p = htmlPage(a);
    if ('na' in p) return notApplicable(p.na);
    const ex = p.ok;
    if (enforcedPolicies(ex.response).some((pol) => pol.has('frame-ancestors'))) return [];
    const xfo = (ex.response!.headers['x-frame-options'] ?? '').trim().toLowerCase();
    if (xfo === 'deny' || xfo === 'sameorigin') return [];
    return [
      {
        message: `${ex.request.url} has no CSP frame-ancestors and ${xfo ? `an x-frame-options browsers ignore ("${xfo}")` : 'no x-frame-options'}`,
        evidence: [headerEvidence(ex, 'x-frame-options')],
      },
    ];
  },
} as const satisfies VerifyCheck;
