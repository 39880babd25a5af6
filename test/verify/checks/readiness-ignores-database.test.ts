import { check } from '../../../src/verify/checks/readiness-ignores-database.js';
import type { Artifacts } from '../../../src/verify/types.js';
import { chain, exchange, table, ORIGIN } from '../harness.js';

const body = (b: string) => (a: Artifacts) =>
  void (a.readiness!.chain = chain(exchange(`${ORIGIN}/health/ready`, 200, { 'content-type': 'application/json' }, { body: b })));

table(check, {
  valid: [
    { name: 'reports the database' },
    { name: 'reports each repo', edit: body('{"repos":{"MyApp.Repo":"up"}}') },
    { name: 'plain text naming postgres', edit: body('ok: postgres 2 ms') },
  ],
  invalid: [
    { name: 'a bare ok', edit: body('ok'), match: /answers 200 with "ok", which says nothing about the database/ },
    { name: 'an empty body', edit: body(''), match: /an empty body/ },
    // "dbg" is not "db": words, not substrings.
    { name: 'a lookalike word', edit: body('{"status":"ok","dbg":1}') },
  ],
  notApplicable: [
    { name: 'no database', edit: (a) => void (a.expect.database = false), match: /no database/ },
    { name: 'unknown without a profile', edit: (a) => void (a.expect.database = null), match: /pass DIR/ },
    { name: 'not ready', edit: (a) => void (a.readiness!.chain = chain(exchange(`${ORIGIN}/health/ready`, 503))), match: /readiness-not-ready/ },
  ],
});
