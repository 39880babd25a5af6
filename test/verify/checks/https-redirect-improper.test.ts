import { check } from '../../../src/verify/checks/https-redirect-improper.js';
import { chain, exchange, table, ORIGIN } from '../harness.js';

const entry = (...hops: Parameters<typeof exchange>[]) => chain(...hops.map((h) => exchange(...h)));

table(check, {
  valid: [
    { name: 'one 301 to the same host' },
    { name: 'one 308 to the same host', edit: (a) => void (a.httpEntry = entry(['http://app.example.test/', 308, { location: `${ORIGIN}/` }], [`${ORIGIN}/`, 200])) },
  ],
  invalid: [
    { name: 'a temporary 302', edit: (a) => void (a.httpEntry = entry(['http://app.example.test/', 302, { location: `${ORIGIN}/` }], [`${ORIGIN}/`, 200])), match: /is 302 \(temporary\), not 301\/308/ },
    {
      name: 'two hops before HTTPS',
      edit: (a) => void (a.httpEntry = entry(['http://app.example.test/', 301, { location: 'http://app.example.test/en' }], ['http://app.example.test/en', 301, { location: `${ORIGIN}/en` }], [`${ORIGIN}/en`, 200])),
      match: /only after 2 redirects/,
    },
    { name: 'to another host', edit: (a) => void (a.httpEntry = { hops: [exchange('http://app.example.test/', 301, { location: 'https://www.app.example.test/' })], end: 'other-host' }), match: /another host \(www\.app\.example\.test\)/ },
  ],
  notApplicable: [
    { name: 'no redirect to HTTPS at all', edit: (a) => void (a.httpEntry = entry(['http://app.example.test/', 200])), match: /http-not-redirected-to-https/ },
    { name: 'not probed', edit: (a) => void (a.httpEntry = null) },
  ],
});
