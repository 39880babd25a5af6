import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence } from '../evidence.js';
import { bareHost, redirectTarget } from '../http-client.js';
import { defineCheck } from '../check.js';

const PERMANENT = new Set([301, 308]);

export const check = defineCheck({
  id: 'https-redirect-improper',
  title: 'HTTP to HTTPS redirect is not one permanent same-host hop',
  category: 'tls',
  severity: 'low',
  description:
    'The redirect from plain HTTP should be a single 301 or 308 to the same host over HTTPS. A temporary redirect (302/307) is not cached and tells search engines the HTTP URL is the real one; a detour through another host or a second HTTP hop keeps the first request unprotected longer and breaks HSTS preload requirements.',
  fix: 'Answer plain-HTTP requests with `301` (or `308`) straight to `https://<same host><same path>`: Plug.SSL (`force_ssl`) does exactly this; check that a proxy in front does not add its own redirect first.',
  equivalents: [],
  requires: ['httpEntry'],
  messages: {
    improper: '{{url}}: {{problems}}',
  },
  check({ httpEntry: entry }) {
    const first = entry.hops[0];
    if (!first) return notApplicable('plain HTTP was not probed');
    if (!first.response) return notApplicable(`${first.request.url} got no answer (${first.error?.code ?? 'error'})`);
    const hop = entry.hops.findIndex((h) => redirectTarget(h)?.protocol === 'https:');
    const redirect = entry.hops[hop];
    const to = redirect ? redirectTarget(redirect) : null;
    if (!redirect || !to) return notApplicable('plain HTTP does not redirect to HTTPS (see http-not-redirected-to-https)');
    /** [what is wrong (for the fingerprint), how the message says it]. */
    const problems: [string, string][] = [];
    const status = redirect.response?.status ?? 0;
    if (hop > 0) problems.push(['hops', `HTTPS is reached only after ${hop + 1} redirects`]);
    if (!PERMANENT.has(status)) problems.push(['temporary', `the redirect is ${status} (temporary), not 301/308`]);
    if (bareHost(to.hostname).toLowerCase() !== bareHost(new URL(first.request.url).hostname).toLowerCase()) problems.push(['host', `it goes to another host (${to.host})`]);
    if (problems.length === 0) return [];
    return [
      {
        messageId: 'improper',
        data: { url: first.request.url, problems: problems.map(([, text]) => text).join('; ') },
        snippet: problems.map(([what]) => what).join(' '),
        evidence: entry.hops.slice(0, hop + 1).map((h) => exchangeEvidence(h, `location: ${h.response?.headers.location ?? '—'}`)),
      },
    ];
  },
});
