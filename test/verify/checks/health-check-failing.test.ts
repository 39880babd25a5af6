import { check } from '../../../src/verify/checks/health-check-failing.js';
import { chain, exchange, failed, table, ORIGIN } from '../harness.js';

table(check, {
  valid: [
    { name: '200 directly' },
    { name: '204 after a same-host redirect (the redirect check reports that)', edit: (a) => void (a.health!.chain = chain(exchange(`${ORIGIN}/health`, 301, { location: '/health/' }), exchange(`${ORIGIN}/health/`, 204))) },
  ],
  invalid: [
    { name: '503 from the app', edit: (a) => void (a.health!.chain = chain(exchange(`${ORIGIN}/health`, 503, {}, { body: '{"status":"unavailable"}' }))), match: /GET \/health \(health path from the router\) answers 503: "\{"status":"unavailable"\}"/ },
    { name: 'the route is missing (404)', edit: (a) => void (a.health!.chain = chain(exchange(`${ORIGIN}/health`, 404))), match: /answers 404/ },
    { name: 'timeout', edit: (a) => void (a.health!.chain = chain(failed(`${ORIGIN}/health`, 'ETIMEDOUT'))), match: /got no answer: ETIMEDOUT/ },
    {
      name: 'redirects to another host',
      edit: (a) => void (a.health!.chain = { hops: [exchange(`${ORIGIN}/health`, 302, { location: 'https://sso.example.test/login' })], end: 'other-host' }),
      match: /redirects to another host \(https:\/\/sso\.example\.test\/login\)/,
    },
    { name: 'a path given with --health-path', edit: (a) => void ((a.health!.from = 'option'), (a.health!.chain = chain(exchange(`${ORIGIN}/health`, 500)))), match: /--health-path option/ },
  ],
  notApplicable: [
    {
      name: 'no health path known and none of the guesses exists',
      edit: (a) => {
        a.health = null;
        a.healthGuesses = ['/health', '/healthz'];
      },
      match: /no health path known .*tried \/health, \/healthz/,
    },
    { name: 'a redirect loop (reported by redirect-loop)', edit: (a) => void (a.health!.chain.end = 'loop') },
  ],
});
