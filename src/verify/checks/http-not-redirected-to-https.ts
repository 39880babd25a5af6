import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { redirectTarget } from '../http-client.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'http-not-redirected-to-https',
  title: 'Plain HTTP is not redirected to HTTPS',
  category: 'tls',
  severity: 'high',
  description:
    'Visitors who type the bare host, and old links, arrive over plain HTTP. If that URL serves the app instead of redirecting to HTTPS, the session cookie, CSRF token and every form travel unencrypted and can be read or changed on the way.',
  fix: 'Redirect every plain-HTTP request to HTTPS: `force_ssl: [rewrite_on: [:x_forwarded_proto]]` in the endpoint config when a proxy terminates TLS, or the platform’s setting (`force_https = true` in fly.toml, an HTTP→HTTPS rule on the load balancer).',
  equivalents: [],
  requires: ['httpEntry'],
  check(a) {
    const entry = a.httpEntry;
    if (!entry) return notApplicable('plain HTTP was not probed');
    const first = entry.hops[0];
    if (!first) return notApplicable('the request budget ran out (raise --max-requests)');
    if (first.error) {
      return notApplicable(first.error.code === 'ECONNREFUSED' ? `nothing listens on ${first.request.url} (connection refused)` : `${first.request.url} got no answer (${first.error.code})`);
    }
    // Any hop that leads to HTTPS settles this check (how it gets there is https-redirect-improper's business).
    const reaches = entry.hops.some((h) => redirectTarget(h)?.protocol === 'https:');
    if (reaches) return [];
    const last = finalOf(entry)!;
    const status = last.response?.status ?? 0;
    const loc = last.response?.headers.location;
    const what = loc ? `redirects to ${loc}, not to HTTPS` : status >= 200 && status < 300 ? `serves the page over plain HTTP (${status})` : `answers ${status} without redirecting to HTTPS`;
    return [{ message: `${first.request.url} ${what}`, evidence: [exchangeEvidence(last, loc ? `location: ${loc}` : 'no redirect')] }];
  },
} as const satisfies VerifyCheck;
