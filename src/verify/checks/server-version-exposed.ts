import type { Hit } from '../../audit/contract.js';
import { headerEvidence } from '../evidence.js';
import { allChains } from '../queries.js';
import { defineCheck } from '../check.js';

/** A version number in a product token: "nginx/1.22.1", "Apache/2.4.57 (Debian)", "PHP/8.2". */
const VERSION = /\d+\.\d+/;

export const check = defineCheck({
  id: 'server-version-exposed',
  title: 'Server software version is exposed',
  category: 'web-security',
  severity: 'low',
  description:
    'A `server` or `x-powered-by` header with a version number tells attackers exactly which known vulnerabilities to try, and makes the site show up in scans for vulnerable versions.',
  fix: 'Hide the version where it is added: `server_tokens off;` in nginx, `ServerTokens Prod` in Apache, remove `x-powered-by` from the proxy or app. Cowboy and Bandit send no version themselves.',
  equivalents: [],
  requires: [],
  messages: {
    versionExposed: '{{header}}: {{value}} reveals the software version ({{url}})',
  },
  check({ artifacts: a }) {
    const hits: Hit[] = [];
    const seen = new Set<string>();
    for (const { chain } of allChains(a)) {
      for (const ex of chain.hops) {
        for (const name of ['server', 'x-powered-by']) {
          const v = ex.response?.headers[name];
          if (!v || !VERSION.test(v) || seen.has(`${name}:${v}`)) continue;
          seen.add(`${name}:${v}`);
          hits.push({ messageId: 'versionExposed', data: { header: name, value: v, url: ex.request.url }, evidence: [headerEvidence(ex, name)] });
        }
      }
    }
    return hits;
  },
});
