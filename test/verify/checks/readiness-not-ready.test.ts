import { check } from '../../../src/verify/checks/readiness-not-ready.js';
import { chain, exchange, failed, table, ORIGIN } from '../harness.js';

table(check, {
  valid: [{ name: 'ready, database ok' }],
  invalid: [
    { name: '503 with the database down', edit: (a) => void (a.readiness!.chain = chain(exchange(`${ORIGIN}/health/ready`, 503, {}, { body: '{"status":"error","database":"connection refused"}' }))), match: /GET \/health\/ready answers 503: "\{"status":"error","database":"connection refused"\}"/ },
    { name: '500 with an empty body', edit: (a) => void (a.readiness!.chain = chain(exchange(`${ORIGIN}/health/ready`, 500))), match: /^GET \/health\/ready answers 500$/ },
    { name: 'timeout (the database query hangs)', edit: (a) => void (a.readiness!.chain = chain(failed(`${ORIGIN}/health/ready`, 'ETIMEDOUT'))), match: /no answer: ETIMEDOUT/ },
  ],
  notApplicable: [
    { name: 'no readiness path', edit: (a) => void (a.readiness = null), match: /--readiness-path/ },
    { name: 'a redirect loop', edit: (a) => void (a.readiness!.chain.end = 'loop'), match: /redirect-loop/ },
  ],
});
