import { check } from '../../../src/verify/checks/http-not-redirected-to-https.js';
import { chain, exchange, failed, table, ORIGIN, SECURE_HEADERS } from '../harness.js';

table(check, {
  valid: [
    { name: '301 to https' },
    {
      name: 'https reached after a detour (the improper-redirect check judges the detour)',
      edit: (a) => void (a.httpEntry = chain(exchange('http://app.example.test/', 302, { location: 'http://www.app.example.test/' }), exchange('http://www.app.example.test/', 301, { location: `${ORIGIN}/` }))),
    },
  ],
  invalid: [
    { name: 'serves the page over plain HTTP', edit: (a) => void (a.httpEntry = chain(exchange('http://app.example.test/', 200, SECURE_HEADERS))), match: /serves the page over plain HTTP \(200\)/ },
    { name: 'redirects to another plain-HTTP URL', edit: (a) => void (a.httpEntry = { hops: [exchange('http://app.example.test/', 301, { location: 'http://other.example.test/' })], end: 'other-host' }), match: /redirects to http:\/\/other\.example\.test\/, not to HTTPS/ },
    { name: 'answers 403', edit: (a) => void (a.httpEntry = chain(exchange('http://app.example.test/', 403))), match: /answers 403 without redirecting/ },
  ],
  notApplicable: [
    { name: 'nothing listens on port 80', edit: (a) => void (a.httpEntry = chain(failed('http://app.example.test/', 'ECONNREFUSED'))), match: /connection refused/ },
    { name: 'not probed', edit: (a) => void (a.httpEntry = null) },
  ],
});
