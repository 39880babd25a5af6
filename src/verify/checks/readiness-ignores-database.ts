import { notApplicable } from '../../audit/types.js';
import { exchangeEvidence, finalOf } from '../evidence.js';
import { answered, bodyExcerpt } from '../queries.js';
import { defineCheck } from '../check.js';

/** Words a readiness answer uses when it reports on the database. */
const MENTIONS_DB = /\b(db|database|databases|repo|repos|postgres|postgresql|mysql|sqlite|ecto)\b/i;

export const check = defineCheck({
  id: 'readiness-ignores-database',
  title: 'Readiness answer does not report the database',
  category: 'networking',
  severity: 'low',
  description:
    'For an app with a database, readiness is only meaningful if it checks that the database answers. A readiness path that says "ok" without mentioning the database probably returns 200 while the database is down, so traffic keeps going to instances that can only fail.',
  fix: 'Have the readiness handler run a cheap query (`Ecto.Adapters.SQL.query(Repo, "SELECT 1", [], timeout: 1_000)`), answer 503 when it fails, and report it in the body, e.g. `{"status":"ok","database":"ok"}`.',
  equivalents: [],
  requires: ['readiness'],
  messages: {
    noDatabase: 'GET {{path}} answers {{status}} with "{{body}}", which says nothing about the database',
    emptyBody: 'GET {{path}} answers {{status}} with an empty body, which says nothing about the database',
  },
  check({ artifacts: a, readiness: r }) {
    if (a.expect.database === null) return notApplicable('unknown whether the app has a database (pass DIR)');
    if (!a.expect.database) return notApplicable('the app has no database');
    const f = answered(finalOf(r.chain));
    const status = f?.response.status ?? 0;
    if (!f || r.chain.end !== 'done' || status < 200 || status >= 300) return notApplicable('the readiness path does not answer 2xx (see readiness-not-ready)');
    const body = f.response.body;
    if (MENTIONS_DB.test(body)) return [];
    const excerpt = bodyExcerpt(body, 80);
    // The body is what the user changes to fix it: the finding is the readiness path.
    const snippet = r.path;
    return [excerpt ? { messageId: 'noDatabase', data: { path: r.path, status, body: excerpt }, snippet, evidence: [exchangeEvidence(f)] } : { messageId: 'emptyBody', data: { path: r.path, status }, snippet, evidence: [exchangeEvidence(f)] }];
  },
});
