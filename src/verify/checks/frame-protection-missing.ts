import { enforcedPolicies } from '../csp.js';
import { headerEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'frame-protection-missing',
  title: 'Page can be framed by other sites (clickjacking)',
  category: 'web-security',
  severity: 'medium',
  description:
    'Without `frame-ancestors` in the CSP or `x-frame-options`, any site can load the page in an invisible frame and trick a signed-in user into clicking its buttons (clickjacking).',
  fix: 'Use `put_secure_browser_headers` in the browser pipeline (Phoenix 1.7 sets `x-frame-options: SAMEORIGIN`, 1.8 sets `frame-ancestors \'self\'`), or add `frame-ancestors \'self\'` to your CSP.',
  equivalents: [],
  requires: ['htmlPage'],
  messages: {
    noXfo: '{{url}} has no CSP frame-ancestors and no x-frame-options',
    ignoredXfo: '{{url}} has no CSP frame-ancestors and an x-frame-options browsers ignore ("{{value}}")',
  },
  check({ htmlPage: ex }) {
    if (enforcedPolicies(ex.response).some((pol) => pol.has('frame-ancestors'))) return [];
    const xfo = (ex.response.headers['x-frame-options'] ?? '').trim().toLowerCase();
    if (xfo === 'deny' || xfo === 'sameorigin') return [];
    const evidence = [headerEvidence(ex, 'x-frame-options')];
    return [xfo ? { messageId: 'ignoredXfo', data: { url: ex.request.url, value: xfo }, evidence } : { messageId: 'noXfo', data: { url: ex.request.url }, evidence }];
  },
});
