import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { bodyExcerpt } from '../queries.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'page-not-served',
  title: 'The site does not serve its page',
  category: 'networking',
  severity: 'critical',
  description:
    'The URL answers with a server error (5xx) or not at all (timeout, reset connection): visitors see an error page. After a deploy this usually means the release crashed at boot, cannot reach its database, or the proxy cannot reach the app (502/504).',
  fix: 'Read the app’s logs for the crash or the upstream error; check that the release starts (`PHX_SERVER=true`), listens on the port the proxy forwards to, and has its runtime environment (DATABASE_URL, SECRET_KEY_BASE, PHX_HOST).',
  equivalents: [],
  requires: [],
  messages: {
    noAnswer: '{{url}} got no answer: {{code}} ({{error}})',
    status: '{{url}} answers {{status}}',
    statusBody: '{{url}} answers {{status}}: "{{body}}"',
  },
  check({ artifacts: a }) {
    if (a.page.end === 'loop' || a.page.end === 'too-many-redirects') return notApplicable('the page redirects in a loop (see redirect-loop)');
    if (a.page.end === 'budget') return notApplicable('the request budget ran out (raise --max-requests)');
    const f = finalOf(a.page);
    if (!f) return notApplicable('the page was not requested');
    const url = f.request.url;
    const res = f.response;
    if (f.error || !res) return [{ messageId: 'noAnswer', data: { url, code: f.error?.code ?? 'error', error: f.error?.message ?? '' }, snippet: 'no answer', evidence: [exchangeEvidence(f)] }];
    if (res.status < 500) return [];
    const body = bodyExcerpt(res.body);
    // The error page and its status change from one failure to the next: the finding is the page failing.
    const snippet = 'server error';
    return [body ? { messageId: 'statusBody', data: { url, status: res.status, body }, snippet, evidence: [exchangeEvidence(f)] } : { messageId: 'status', data: { url, status: res.status }, snippet, evidence: [exchangeEvidence(f)] }];
  },
});
