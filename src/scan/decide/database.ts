/** The primary database: the adapter of the web app's Repo, else the driver dependency. */
import type { Database } from '../profile.js';
import { primaryRepo } from '../runtime/database-env.js';
import { depOf, lockOf, type Decider } from './types.js';

export function adapterDatabase(adapter: string | null): Database | null {
  if (!adapter) return null;
  if (/Postgres/.test(adapter)) return 'postgres';
  if (/MyXQL|MySQL/.test(adapter)) return 'mysql';
  if (/SQLite/i.test(adapter)) return 'sqlite';
  if (/Tds|MSSQL/i.test(adapter)) return 'mssql';
  return null;
}

const DRIVERS: [string, Database][] = [
  ['postgrex', 'postgres'],
  ['myxql', 'mysql'],
  ['ecto_sqlite3', 'sqlite'],
  ['tds', 'mssql'],
];

export const decideDatabase: Decider<'database'> = ({ facts, web }) => {
  // The primary repo (first of the web app's :ecto_repos) when several are defined (a MySQL twin of a Postgres repo).
  const primary = primaryRepo(facts, web);
  const repo =
    facts.repos.find((r) => r.module === primary && adapterDatabase(r.adapter)) ??
    facts.repos.find((r) => r.otpApp === web.project.otpApp && adapterDatabase(r.adapter)) ??
    facts.repos.find((r) => adapterDatabase(r.adapter)) ??
    facts.repos[0];
  const db = repo ? adapterDatabase(repo.adapter) : null;
  if (repo && db) return { value: db, evidence: { database: repo.evidence } };
  for (const [name, value] of DRIVERS) {
    const d = depOf(facts, name);
    if (d) return { value, evidence: { database: d.evidence } };
  }
  // The config names a Repo that no module here defines: it lives in a path dependency (a poncho's
  // `{:app_data, path: "../data"}`), whose driver mix.lock holds for this project.
  if (primary && !repo && facts.projects.some((p) => p.deps.some((d) => d.source === 'path'))) {
    for (const [name, value] of DRIVERS) {
      const l = lockOf(facts, name);
      if (l) return { value, evidence: { database: l.evidence } };
    }
  }
  return { value: 'none' };
};
