import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { bodyExcerpt } from '../queries.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'readiness-not-ready',
  title: 'Readiness check reports not ready',
  category: 'networking',
  severity: 'critical',
  description:
    'A readiness path says whether the instance can serve real requests — usually whether it reaches its database. Answering non-2xx after a deploy means the instance is kept out of rotation, or, if nothing checks readiness, that requests needing the database fail.',
  fix: 'Read the readiness answer and the app’s logs: check DATABASE_URL, the database’s firewall/network (IPv6 needs `ECTO_IPV6`/`socket_options: [:inet6]`), TLS to the database, and that migrations ran.',
  equivalents: [],
  requires: ['readiness'],
  messages: {
    noAnswer: 'GET {{path}} got no answer: {{code}} ({{error}})',
    status: 'GET {{path}} answers {{status}}',
    statusBody: 'GET {{path}} answers {{status}}: "{{body}}"',
  },
  check({ readiness: r }) {
    if (r.chain.end === 'loop' || r.chain.end === 'too-many-redirects') return notApplicable('the readiness path redirects in a loop (see redirect-loop)');
    const f = finalOf(r.chain);
    if (r.chain.end === 'budget' || !f) return notApplicable('the request budget ran out (raise --max-requests)');
    const res = f.response;
    if (f.error || !res) return [{ messageId: 'noAnswer', data: { path: r.path, code: f.error?.code ?? 'error', error: f.error?.message ?? '' }, snippet: `${r.path} no answer`, evidence: [exchangeEvidence(f)] }];
    if (res.status >= 200 && res.status < 300) return [];
    const body = bodyExcerpt(res.body);
    // The body and the exact status change from one failure to the next: the finding is the path answering an error.
    const snippet = `${r.path} answers`;
    return [body ? { messageId: 'statusBody', data: { path: r.path, status: res.status, body }, snippet, evidence: [exchangeEvidence(f)] } : { messageId: 'status', data: { path: r.path, status: res.status }, snippet, evidence: [exchangeEvidence(f)] }];
  },
});
