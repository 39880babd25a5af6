import { notApplicable } from '../../audit/types.js';
import { enforcedPolicies, FETCH_DIRECTIVES } from '../csp.js';
import { headerEvidence } from '../evidence.js';
import { htmlPage } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'csp-header-missing',
  title: 'HTML page has no Content-Security-Policy',
  category: 'web-security',
  severity: 'medium',
  description:
    'A Content-Security-Policy tells the browser where scripts, styles and connections may come from, so an injected script (XSS through a template, a dependency or user content) cannot run or send data out. Phoenix 1.8’s default policy only sets base-uri and frame-ancestors, which restricts none of that; a report-only policy restricts nothing.',
  fix: 'Send a policy with fetch directives from the browser pipeline: `plug :put_secure_browser_headers, %{"content-security-policy" => "default-src \'self\'; connect-src \'self\' wss://<host>; img-src \'self\' data:"}` (allow the LiveView socket).',
  equivalents: [],
  requires: ['page'],
  check(a) {
    const p = htmlPage(a);
    if ('na' in p) return notApplicable(p.na);
    const ex = p.ok;
    const policies = enforcedPolicies(ex.response);
    if (policies.length === 0) {
      const ro = ex.response!.headers['content-security-policy-report-only'];
      return [
        {
          message: `${ex.request.url} sends no content-security-policy header${ro ? ' (only content-security-policy-report-only, which blocks nothing)' : ''}`,
          evidence: [headerEvidence(ex, 'content-security-policy')],
        },
      ];
    }
    if (policies.some((pol) => FETCH_DIRECTIVES.some((d) => pol.has(d)))) return [];
    return [
      {
        message: `the content-security-policy of ${ex.request.url} has no fetch directive (default-src, script-src…): it does not limit where scripts come from`,
        evidence: [headerEvidence(ex, 'content-security-policy')],
      },
    ];
  },
} as const satisfies VerifyCheck;
