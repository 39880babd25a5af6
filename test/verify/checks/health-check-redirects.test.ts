import { check } from '../../../src/verify/checks/health-check-redirects.js';
import { chain, exchange, failed, table, ORIGIN } from '../harness.js';

table(check, {
  valid: [{ name: '200 without a redirect' }, { name: 'a failing health path without a redirect', edit: (a) => void (a.health!.chain = chain(exchange(`${ORIGIN}/health`, 503))) }],
  invalid: [
    { name: 'trailing-slash redirect', edit: (a) => void (a.health!.chain = chain(exchange(`${ORIGIN}/health`, 301, { location: '/health/' }), exchange(`${ORIGIN}/health/`, 200))), match: /answers 301 → https:\/\/app\.example\.test\/health\/ instead of 2xx/ },
    { name: 'force_ssl redirect to another host', edit: (a) => void (a.health!.chain = { hops: [exchange(`${ORIGIN}/health`, 308, { location: 'https://www.app.example.test/health' })], end: 'other-host' }), match: /answers 308/ },
  ],
  notApplicable: [
    { name: 'no health path', edit: (a) => void (a.health = null) },
    { name: 'no answer', edit: (a) => void (a.health!.chain = chain(failed(`${ORIGIN}/health`, 'ECONNRESET'))), match: /health-check-failing/ },
    { name: 'loop', edit: (a) => void (a.health!.chain = { hops: [exchange(`${ORIGIN}/health`, 301, { location: '/health' })], end: 'loop' }), match: /redirect-loop/ },
  ],
});
