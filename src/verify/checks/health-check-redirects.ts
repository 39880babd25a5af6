import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence } from '../evidence.js';
import { redirectTarget } from '../http-client.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'health-check-redirects',
  title: 'Health check answers with a redirect',
  category: 'networking',
  severity: 'high',
  description:
    'Health probes of load balancers and platforms expect a direct 2xx; many do not follow redirects, and a 301 from `force_ssl` or a trailing-slash rule makes the instance look unhealthy, so it never gets traffic or the deploy is rolled back.',
  fix: 'Serve the health route without a redirect: exclude it from `force_ssl` (or probe over HTTPS), route the exact path the probe uses (no trailing-slash redirect), and keep it out of pipelines that redirect (authentication, locale).',
  equivalents: [],
  requires: ['health'],
  messages: {
    redirects: 'GET {{path}} answers {{status}} → {{target}} instead of 2xx',
  },
  check({ health: h }) {
    if (h.chain.end === 'loop' || h.chain.end === 'too-many-redirects') return notApplicable('the health path redirects in a loop (see redirect-loop)');
    const first = h.chain.hops[0];
    if (!first?.response) return notApplicable('the health path got no answer (see health-check-failing)');
    const to = redirectTarget(first);
    if (!to) return [];
    return [
      {
        messageId: 'redirects',
        data: { path: h.path, status: first.response.status, target: to.href },
        evidence: h.chain.hops.slice(0, 2).map((x) => exchangeEvidence(x, x.response?.headers.location ? `location: ${x.response.headers.location}` : undefined)),
      },
    ];
  },
});
