import { FETCH_DIRECTIVES } from '../../scan/csp.js';
import { enforcedPolicies } from '../csp.js';
import { headerEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'csp-header-missing',
  title: 'HTML page has no Content-Security-Policy',
  category: 'web-security',
  severity: 'medium',
  description:
    'A Content-Security-Policy tells the browser where scripts, styles and connections may come from, so an injected script (XSS through a template, a dependency or user content) cannot run or send data out. Phoenix 1.8’s default policy only sets base-uri and frame-ancestors, which restricts none of that; a report-only policy restricts nothing.',
  fix: 'Send a policy with fetch directives from the browser pipeline: `plug :put_secure_browser_headers, %{"content-security-policy" => "default-src \'self\'; connect-src \'self\' wss://<host>; img-src \'self\' data:"}` (allow the LiveView socket).',
  equivalents: [],
  requires: ['htmlPage'],
  messages: {
    noHeader: '{{url}} sends no content-security-policy header',
    reportOnly: '{{url}} sends no content-security-policy header (only content-security-policy-report-only, which blocks nothing)',
    noFetchDirective: 'the content-security-policy of {{url}} has no fetch directive (default-src, script-src…): it does not limit where scripts come from',
  },
  check({ htmlPage: ex }) {
    const policies = enforcedPolicies(ex.response);
    const url = ex.request.url;
    const evidence = [headerEvidence(ex, 'content-security-policy')];
    if (policies.length === 0) return [{ messageId: ex.response.headers['content-security-policy-report-only'] ? 'reportOnly' : 'noHeader', data: { url }, evidence }];
    if (policies.some((pol) => FETCH_DIRECTIVES.some((d) => pol.has(d)))) return [];
    return [{ messageId: 'noFetchDirective', data: { url }, evidence }];
  },
});
