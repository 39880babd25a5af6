import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence } from '../evidence.js';
import { bareHost, redirectTarget } from '../http-client.js';
import type { VerifyCheck } from '../types.js';

const PERMANENT = new Set([301, 308]);

export const check = {
  id: 'https-redirect-improper',
  title: 'HTTP to HTTPS redirect is not one permanent same-host hop',
  category: 'tls',
  severity: 'low',
  description:
    'The redirect from plain HTTP should be a single 301 or 308 to the same host over HTTPS. A temporary redirect (302/307) is not cached and tells search engines the HTTP URL is the real one; a detour through another host or a second HTTP hop keeps the first request unprotected longer and breaks HSTS preload requirements.',
  fix: 'Answer plain-HTTP requests with `301` (or `308`) straight to `https://<same host><same path>`: Plug.SSL (`force_ssl`) does exactly this; check that a proxy in front does not add its own redirect first.',
  equivalents: [],
  requires: ['httpEntry'],
  check(a) {
    const entry = a.httpEntry;
    const first = entry?.hops[0];
    if (!entry || !first) return notApplicable('plain HTTP was not probed');
    if (!first.response) return notApplicable(`${first.request.url} got no answer (${first.error?.code ?? 'error'})`);
    const hop = entry.hops.findIndex((h) => redirectTarget(h)?.protocol === 'https:');
    if (hop < 0) return notApplicable('plain HTTP does not redirect to HTTPS (see http-not-redirected-to-https)');
    const to = redirectTarget(entry.hops[hop]!)!;
    const problems: string[] = [];
    if (hop > 0) problems.push(`HTTPS is reached only after ${hop + 1} redirects`);
    if (!PERMANENT.has(entry.hops[hop]!.response!.status)) problems.push(`the redirect is ${entry.hops[hop]!.response!.status} (temporary), not 301/308`);
    if (bareHost(to.hostname).toLowerCase() !== bareHost(new URL(first.request.url).hostname).toLowerCase()) problems.push(`it goes to another host (${to.host})`);
    if (problems.length === 0) return [];
    return [
      {
        message: `${first.request.url}: ${problems.join('; ')}`,
        evidence: entry.hops.slice(0, hop + 1).map((h) => exchangeEvidence(h, `location: ${h.response?.headers.location ?? '—'}`)),
      },
    ];
  },
} as const satisfies VerifyCheck;
