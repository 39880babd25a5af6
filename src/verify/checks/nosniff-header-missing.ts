import { headerEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'nosniff-header-missing',
  title: 'No x-content-type-options: nosniff',
  category: 'web-security',
  severity: 'low',
  description:
    'Without `x-content-type-options: nosniff` browsers may guess a response’s type from its content, so an uploaded or reflected file served as text can be run as a script or stylesheet.',
  fix: 'Use `put_secure_browser_headers` in the browser (and API) pipelines — it sets `x-content-type-options: nosniff` — or add the header where TLS terminates.',
  equivalents: [],
  requires: ['pageAnswer'],
  messages: {
    noHeader: '{{url}} sends no x-content-type-options header',
    otherValue: '{{url}} sends x-content-type-options "{{value}}" instead of nosniff',
  },
  check({ pageAnswer: ex }) {
    const v = (ex.response.headers['x-content-type-options'] ?? '').trim().toLowerCase();
    if (v === 'nosniff') return [];
    const evidence = [headerEvidence(ex, 'x-content-type-options')];
    return [v ? { messageId: 'otherValue', data: { url: ex.request.url, value: v }, evidence } : { messageId: 'noHeader', data: { url: ex.request.url }, evidence }];
  },
});
