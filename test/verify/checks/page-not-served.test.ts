import { check } from '../../../src/verify/checks/page-not-served.js';
import { chain, exchange, failed, table, ORIGIN } from '../harness.js';

table(check, {
  valid: [
    { name: 'the page answers 200' },
    { name: 'a 404 home page is still served', edit: (a) => void (a.page = chain(exchange(`${ORIGIN}/`, 404, { 'content-type': 'text/html' }))) },
    { name: 'a redirect to a sign-in page on the same host', edit: (a) => void a.page.hops.unshift(exchange(`${ORIGIN}/`, 302, { location: '/users/log_in' })) },
  ],
  invalid: [
    { name: 'a 502 from the proxy', edit: (a) => void (a.page = chain(exchange(`${ORIGIN}/`, 502, {}, { body: '<html><h1>502 Bad Gateway</h1></html>' }))), match: /answers 502: "<html><h1>502 Bad Gateway<\/h1><\/html>"/ },
    { name: 'a 503 with an empty body', edit: (a) => void (a.page = chain(exchange(`${ORIGIN}/`, 503))), match: /^https:\/\/app\.example\.test\/ answers 503$/ },
    { name: 'a timeout', edit: (a) => void (a.page = chain(failed(`${ORIGIN}/`, 'ETIMEDOUT', 'no complete answer within 10 s'))), match: /got no answer: ETIMEDOUT/ },
  ],
  notApplicable: [{ name: 'a redirect loop (reported by redirect-loop)', edit: (a) => void (a.page.end = 'loop'), match: /redirect-loop/ }],
});
