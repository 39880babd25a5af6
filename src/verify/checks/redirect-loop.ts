import type { Hit } from '../../audit/contract.js';
import { exchangeEvidence } from '../evidence.js';
import { allChains } from '../queries.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'redirect-loop',
  title: 'Requests redirect in a loop',
  category: 'networking',
  severity: 'critical',
  description:
    'A URL that redirects back to itself (or on and on) never shows a page: browsers stop with "too many redirects". The classic Phoenix cause is `force_ssl` behind a proxy or load balancer that terminates TLS and forwards plain HTTP: the app sees http, redirects to https, and the proxy forwards that as http again.',
  fix: 'Tell Plug.SSL to trust the proxy’s header: `force_ssl: [rewrite_on: [:x_forwarded_proto]]` (and make sure the proxy sets `X-Forwarded-Proto`), or drop `force_ssl` and let the platform redirect (`force_https` on Fly).',
  equivalents: [],
  requires: [],
  messages: {
    loop: '{{name}} ({{url}}) redirects back to {{target}}: {{statuses}}',
    tooMany: '{{name}} ({{url}}) redirects more than {{count}} times: {{statuses}}',
  },
  check({ artifacts: a }) {
    const hits: Hit[] = [];
    const reported = new Set<string>();
    for (const { name, chain } of allChains(a)) {
      if (chain.end !== 'loop' && chain.end !== 'too-many-redirects') continue;
      const first = chain.hops[0];
      const last = chain.hops.at(-1);
      if (!first || !last) continue;
      const key = last.response?.headers.location ?? last.request.url;
      if (reported.has(key)) continue;
      reported.add(key);
      const about = { name, url: first.request.url, statuses: chain.hops.map((h) => h.response?.status ?? '?').join(' → ') };
      const evidence = chain.hops.slice(0, 3).map((h) => exchangeEvidence(h, `location: ${h.response?.headers.location ?? '—'}`));
      // Which chain loops is the finding; the statuses and the hop count are how it shows.
      hits.push(
        chain.end === 'loop'
          ? { messageId: 'loop', data: { ...about, target: new URL(key, last.request.url).href }, snippet: name, evidence }
          : { messageId: 'tooMany', data: { ...about, count: chain.hops.length - 1 }, snippet: name, evidence },
      );
    }
    return hits;
  },
});
