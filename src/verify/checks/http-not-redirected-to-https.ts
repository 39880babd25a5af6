import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { redirectTarget } from '../http-client.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'http-not-redirected-to-https',
  title: 'Plain HTTP is not redirected to HTTPS',
  category: 'tls',
  severity: 'high',
  description:
    'Visitors who type the bare host, and old links, arrive over plain HTTP. If that URL serves the app instead of redirecting to HTTPS, the session cookie, CSRF token and every form travel unencrypted and can be read or changed on the way.',
  fix: 'Redirect every plain-HTTP request to HTTPS: `force_ssl: [rewrite_on: [:x_forwarded_proto]]` in the endpoint config when a proxy terminates TLS, or the platform’s setting (`force_https = true` in fly.toml, an HTTP→HTTPS rule on the load balancer).',
  equivalents: [],
  requires: ['httpEntry'],
  messages: {
    redirectsElsewhere: '{{url}} redirects to {{location}}, not to HTTPS',
    servesPlain: '{{url}} serves the page over plain HTTP ({{status}})',
    noRedirect: '{{url}} answers {{status}} without redirecting to HTTPS',
  },
  check({ httpEntry: entry }) {
    const first = entry.hops[0];
    if (!first) return notApplicable('the request budget ran out (raise --max-requests)');
    if (first.error) {
      return notApplicable(first.error.code === 'ECONNREFUSED' ? `nothing listens on ${first.request.url} (connection refused)` : `${first.request.url} got no answer (${first.error.code})`);
    }
    // Any hop that leads to HTTPS settles this check (how it gets there is https-redirect-improper's business).
    const reaches = entry.hops.some((h) => redirectTarget(h)?.protocol === 'https:');
    if (reaches) return [];
    const last = finalOf(entry) ?? first;
    const status = last.response?.status ?? 0;
    const location = last.response?.headers.location;
    const url = first.request.url;
    if (location) return [{ messageId: 'redirectsElsewhere', data: { url, location }, evidence: [exchangeEvidence(last, `location: ${location}`)] }];
    const messageId = status >= 200 && status < 300 ? 'servesPlain' : 'noRedirect';
    return [{ messageId, data: { url, status }, evidence: [exchangeEvidence(last, 'no redirect')] }];
  },
});
