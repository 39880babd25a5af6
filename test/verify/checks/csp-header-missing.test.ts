import { check } from '../../../src/verify/checks/csp-header-missing.js';
import { chain, exchange, pageEx, table, ORIGIN } from '../harness.js';

table(check, {
  valid: [
    { name: 'a policy with default-src' },
    { name: 'script-src only', edit: (a) => void (pageEx(a).response!.headers['content-security-policy'] = "script-src 'self'") },
  ],
  invalid: [
    { name: 'no CSP', edit: (a) => void delete pageEx(a).response!.headers['content-security-policy'], match: /sends no content-security-policy header$/ },
    {
      name: 'report-only',
      edit: (a) => {
        const h = pageEx(a).response!.headers;
        h['content-security-policy-report-only'] = h['content-security-policy']!;
        delete h['content-security-policy'];
      },
      match: /only content-security-policy-report-only, which blocks nothing/,
    },
    { name: "Phoenix 1.8's default (no fetch directive)", edit: (a) => void (pageEx(a).response!.headers['content-security-policy'] = "base-uri 'self'; frame-ancestors 'self';"), match: /has no fetch directive/ },
  ],
  notApplicable: [
    { name: 'a JSON API root', edit: (a) => void (a.page = chain(exchange(`${ORIGIN}/`, 200, { 'content-type': 'application/json' }))), match: /application\/json, not HTML/ },
    { name: 'a 500 page', edit: (a) => void (pageEx(a).response!.status = 500), match: /page-not-served/ },
  ],
});
