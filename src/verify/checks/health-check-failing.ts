import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { bodyExcerpt } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'health-check-failing',
  title: 'Health check does not answer 2xx',
  category: 'networking',
  severity: 'critical',
  description:
    'The platform’s health check decides whether instances get traffic and whether a deploy is kept. A health path that errors, times out or answers non-2xx means instances are taken out of rotation or the deploy is rolled back — or, if nothing checks it, that the app is broken.',
  fix: 'Open the health path yourself and read the app’s logs. Make sure the route exists in the production router (outside dev-only scopes and authentication), is not behind `force_ssl`’s redirect, and answers 200 quickly.',
  equivalents: [],
  requires: ['health'],
  check(a) {
    const h = a.health;
    if (!h) {
      const tried = a.healthGuesses.length ? `; tried ${a.healthGuesses.join(', ')}` : '';
      return notApplicable(`no health path known (pass --health-path, or DIR for the project)${tried}`);
    }
    const chain = h.chain;
    if (chain.end === 'loop' || chain.end === 'too-many-redirects') return notApplicable('the health path redirects in a loop (see redirect-loop)');
    if (chain.end === 'budget') return notApplicable('the request budget ran out (raise --max-requests)');
    const f = finalOf(chain)!;
    const src = h.from === 'guess' ? '' : ` (health path from the ${h.from === 'option' ? '--health-path option' : h.from === 'profile' ? 'router' : 'phoenix-ops.yaml'})`;
    if (f.error) return [{ message: `GET ${h.path}${src} got no answer: ${f.error.code} (${f.error.message})`, evidence: [exchangeEvidence(f)] }];
    if (chain.end === 'other-host') return [{ message: `GET ${h.path}${src} redirects to another host (${f.response!.headers.location})`, evidence: [exchangeEvidence(f, `location: ${f.response!.headers.location}`)] }];
    const status = f.response!.status;
    if (status >= 200 && status < 300) return [];
    const body = bodyExcerpt(f.response!.body);
    return [{ message: `GET ${h.path}${src} answers ${status}${body ? `: "${body}"` : ''}`, evidence: [exchangeEvidence(f)] }];
  },
} as const satisfies VerifyCheck;
