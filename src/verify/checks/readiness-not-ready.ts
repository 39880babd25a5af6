import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { bodyExcerpt } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'readiness-not-ready',
  title: 'Readiness check reports not ready',
  category: 'networking',
  severity: 'critical',
  description:
    'A readiness path says whether the instance can serve real requests — usually whether it reaches its database. Answering non-2xx after a deploy means the instance is kept out of rotation, or, if nothing checks readiness, that requests needing the database fail.',
  fix: 'Read the readiness answer and the app’s logs: check DATABASE_URL, the database’s firewall/network (IPv6 needs `ECTO_IPV6`/`socket_options: [:inet6]`), TLS to the database, and that migrations ran.',
  equivalents: [],
  requires: ['readiness'],
  check(a) {
    const r = a.readiness;
    if (!r) return notApplicable('no readiness path (none in the router; pass --readiness-path)');
    if (r.chain.end === 'loop' || r.chain.end === 'too-many-redirects') return notApplicable('the readiness path redirects in a loop (see redirect-loop)');
    if (r.chain.end === 'budget') return notApplicable('the request budget ran out (raise --max-requests)');
    const f = finalOf(r.chain)!;
    if (f.error) return [{ message: `GET ${r.path} got no answer: ${f.error.code} (${f.error.message})`, evidence: [exchangeEvidence(f)] }];
    const status = f.response!.status;
    if (status >= 200 && status < 300) return [];
    const body = bodyExcerpt(f.response!.body);
    return [{ message: `GET ${r.path} answers ${status}${body ? `: "${body}"` : ''}`, evidence: [exchangeEvidence(f)] }];
  },
} as const satisfies VerifyCheck;
