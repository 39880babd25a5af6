import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { bodyExcerpt } from '../queries.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'health-check-failing',
  title: 'Health check does not answer 2xx',
  category: 'networking',
  severity: 'critical',
  description:
    'The platform’s health check decides whether instances get traffic and whether a deploy is kept. A health path that errors, times out or answers non-2xx means instances are taken out of rotation or the deploy is rolled back — or, if nothing checks it, that the app is broken.',
  fix: 'Open the health path yourself and read the app’s logs. Make sure the route exists in the production router (outside dev-only scopes and authentication), is not behind `force_ssl`’s redirect, and answers 200 quickly.',
  equivalents: [],
  requires: ['health'],
  messages: {
    noAnswer: 'GET {{path}}{{source}} got no answer: {{code}} ({{error}})',
    otherHost: 'GET {{path}}{{source}} redirects to another host ({{location}})',
    status: 'GET {{path}}{{source}} answers {{status}}',
    statusBody: 'GET {{path}}{{source}} answers {{status}}: "{{body}}"',
  },
  check({ health: h }) {
    const chain = h.chain;
    if (chain.end === 'loop' || chain.end === 'too-many-redirects') return notApplicable('the health path redirects in a loop (see redirect-loop)');
    const f = finalOf(chain);
    if (chain.end === 'budget' || !f) return notApplicable('the request budget ran out (raise --max-requests)');
    const about = { path: h.path, source: h.from === 'guess' ? '' : ` (health path from the ${h.from === 'option' ? '--health-path option' : h.from === 'profile' ? 'router' : 'phoenix-ops.yaml'})` };
    const res = f.response;
    if (f.error || !res) return [{ messageId: 'noAnswer', data: { ...about, code: f.error?.code ?? 'error', error: f.error?.message ?? '' }, snippet: `${h.path} no answer`, evidence: [exchangeEvidence(f)] }];
    const location = res.headers.location;
    if (chain.end === 'other-host') return [{ messageId: 'otherHost', data: { ...about, location: String(location) }, snippet: `${h.path} other host`, evidence: [exchangeEvidence(f, `location: ${location}`)] }];
    if (res.status >= 200 && res.status < 300) return [];
    const body = bodyExcerpt(res.body);
    // The body and the exact status change from one failure to the next: the finding is the path answering an error.
    const snippet = `${h.path} answers`;
    return [body ? { messageId: 'statusBody', data: { ...about, status: res.status, body }, snippet, evidence: [exchangeEvidence(f)] } : { messageId: 'status', data: { ...about, status: res.status }, snippet, evidence: [exchangeEvidence(f)] }];
  },
});
