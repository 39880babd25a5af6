import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { bodyExcerpt } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'page-not-served',
  title: 'The site does not serve its page',
  category: 'networking',
  severity: 'critical',
  description:
    'The URL answers with a server error (5xx) or not at all (timeout, reset connection): visitors see an error page. After a deploy this usually means the release crashed at boot, cannot reach its database, or the proxy cannot reach the app (502/504).',
  fix: 'Read the app’s logs for the crash or the upstream error; check that the release starts (`PHX_SERVER=true`), listens on the port the proxy forwards to, and has its runtime environment (DATABASE_URL, SECRET_KEY_BASE, PHX_HOST).',
  equivalents: [],
  requires: ['page'],
  check(a) {
    if (a.page.end === 'loop' || a.page.end === 'too-many-redirects') return notApplicable('the page redirects in a loop (see redirect-loop)');
    if (a.page.end === 'budget') return notApplicable('the request budget ran out (raise --max-requests)');
    const f = finalOf(a.page);
    if (!f) return notApplicable('the page was not requested');
    if (f.error) return [{ message: `${f.request.url} got no answer: ${f.error.code} (${f.error.message})`, evidence: [exchangeEvidence(f)] }];
    const status = f.response!.status;
    if (status < 500) return [];
    const body = bodyExcerpt(f.response!.body);
    return [{ message: `${f.request.url} answers ${status}${body ? `: "${body}"` : ''}`, evidence: [exchangeEvidence(f)] }];
  },
} as const satisfies VerifyCheck;
