import { exchangeEvidence } from '../evidence.js';
import { allChains } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'redirect-loop',
  title: 'Requests redirect in a loop',
  category: 'networking',
  severity: 'critical',
  description:
    'A URL that redirects back to itself (or on and on) never shows a page: browsers stop with "too many redirects". The classic Phoenix cause is `force_ssl` behind a proxy or load balancer that terminates TLS and forwards plain HTTP: the app sees http, redirects to https, and the proxy forwards that as http again.',
  fix: 'Tell Plug.SSL to trust the proxy’s header: `force_ssl: [rewrite_on: [:x_forwarded_proto]]` (and make sure the proxy sets `X-Forwarded-Proto`), or drop `force_ssl` and let the platform redirect (`force_https` on Fly).',
  equivalents: [],
  requires: ['page', 'httpEntry', 'health', 'readiness'],
  check(a) {
    const hits = [];
    const reported = new Set<string>();
    for (const { name, chain } of allChains(a)) {
      if (chain.end !== 'loop' && chain.end !== 'too-many-redirects') continue;
      const last = chain.hops[chain.hops.length - 1]!;
      const key = last.response?.headers.location ?? last.request.url;
      if (reported.has(key)) continue;
      reported.add(key);
      const how = chain.end === 'loop' ? `back to ${new URL(key, last.request.url).href}` : `more than ${chain.hops.length - 1} times`;
      hits.push({
        message: `${name} (${chain.hops[0]!.request.url}) redirects ${how}: ${chain.hops.map((h) => h.response?.status ?? '?').join(' → ')}`,
        evidence: chain.hops.slice(0, 3).map((h) => exchangeEvidence(h, `location: ${h.response?.headers.location ?? '—'}`)),
      });
    }
    return hits;
  },
} as const satisfies VerifyCheck;
