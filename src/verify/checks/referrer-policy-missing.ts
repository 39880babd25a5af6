import { headerEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

/** Policies that send the full URL (path and query) to other sites. */
const LEAKY = new Set(['unsafe-url', 'no-referrer-when-downgrade']);

export const check = defineCheck({
  id: 'referrer-policy-missing',
  title: 'No referrer-policy (or one that leaks URLs)',
  category: 'web-security',
  severity: 'low',
  description:
    'The Referer header tells other sites which page a visitor came from. Without a referrer-policy (or with `unsafe-url`), older browsers send full URLs — including tokens in paths and query strings, such as password-reset or magic-link URLs — to every linked site and embedded resource.',
  fix: 'Use `put_secure_browser_headers` (it sets `referrer-policy: strict-origin-when-cross-origin`), or set that header yourself.',
  equivalents: [],
  requires: ['htmlPage'],
  messages: {
    noHeader: '{{url}} sends no referrer-policy header',
    leaky: '{{url}} sends referrer-policy "{{value}}", which leaks full URLs to other sites',
  },
  check({ htmlPage: ex }) {
    const raw = ex.response.headers['referrer-policy'];
    // The last recognised token of a comma-separated list applies.
    const v = (raw ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).pop() ?? '';
    if (v && !LEAKY.has(v)) return [];
    const evidence = [headerEvidence(ex, 'referrer-policy')];
    return [v ? { messageId: 'leaky', data: { url: ex.request.url, value: v }, evidence } : { messageId: 'noHeader', data: { url: ex.request.url }, evidence }];
  },
});
