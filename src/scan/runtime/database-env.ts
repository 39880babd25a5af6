/**
 * The env vars carrying the primary Repo's connection on the default prod path: the URL
 * (`DATABASE_URL`, `PG_URL`, `DATABASE_URL_#{config_env()}` resolved for prod), or the host, user,
 * password, name and port parts (`DB_HOST`…, app-prefixed names), or the SQLite path.
 *
 * The primary Repo is the first of the web app's `:ecto_repos` (else of any app). Its connection
 * settings are followed through every prod config call (merged with `++`/`Keyword.merge`, inside
 * `if`/`case`), the branch taken when the variables are unset (`case System.get_env("SOCKET_DIR") do
 * nil -> [hostname: …]`), the Repo's `init/2` callback, and `{:system, "X"}` tuples. In a release,
 * reads in build-time config files are baked at build time and do not count. A variable needed
 * only when a feature flag is set is conditional, not listed.
 */
import type { WebSelection } from '../decide/web.js';
import type { DeployMode, Evidence, Facts } from '../profile.js';
import { envReads, kwGet, type Term } from '../term.js';
import { onDefaultPath, runsWhenUnset, settingsOf } from './terms.js';

/** Repo options that carry the connection (or where it lives); pool sizes, timeouts and flags do not. */
const CONNECTION_KEYS = ['url', 'hostname', 'host', 'username', 'user', 'password', 'database', 'port', 'socket_dir', 'socket', 'ssl_opts'];
const PARTS = ['hostname', 'host', 'username', 'user', 'socket_dir', 'socket'];

export interface DatabaseEnvDecision {
  value: string[];
  evidence: Evidence | null;
  reason: string | null;
}

export function decideDatabaseEnv(facts: Facts, web: WebSelection, mode: DeployMode): DatabaseEnvDecision {
  const repo = primaryRepo(facts, web);
  if (!repo) return { value: [], evidence: null, reason: null };
  // Per connection key, the names read by the last setting on the default path.
  const byKey = new Map<string, { names: string[]; evidence: Evidence; optional?: boolean }>();
  const calls = facts.config.filter((c) => c.key === repo && c.envs.includes('prod'));
  for (const call of calls) {
    if (runsWhenUnset(call.guards) === false) continue;
    for (const key of CONNECTION_KEYS) {
      for (const s of settingsOf(call.opts, key)) {
        if (onDefaultPath(s) === false) continue;
        const names = readsThatCount(s.value, call.runtime || mode === 'mix');
        if (key === 'ssl_opts') {
          // Only the host the TLS check names (`server_name_indication: String.to_charlist(hostname)`).
          const sni = settingsOf(s.value, 'server_name_indication').flatMap((x) => readsThatCount(x.value, call.runtime || mode === 'mix'));
          if (sni.length) byKey.set(key, { names: sni, evidence: { file: call.file, line: s.line } });
          continue;
        }
        byKey.set(key, { names, evidence: { file: call.file, line: s.line }, optional: nilWhenUnset(s.value) });
      }
    }
  }
  // The Repo's init/2 may put the URL (or parts) from the environment at boot.
  const cb = facts.runtimeSources.callbacks.find((c) => c.kind === 'repo' && c.module === repo);
  for (const s of cb?.settings ?? []) {
    if (!CONNECTION_KEYS.includes(s.key)) continue;
    const names = connectionNames(s.value);
    if (names.length) byKey.set(s.key, { names, evidence: { file: cb!.evidence.file, line: s.line }, optional: nilWhenUnset(s.value) });
  }
  // A URL variable that may be unset (no default, not required) beside host/user parts: Ecto ignores a
  // nil URL, so on the default path the parts are the connection.
  const url = byKey.get('url');
  if (url && PARTS.some((k) => byKey.get(k)?.names.length) && url.optional) byKey.delete('url');
  const out: string[] = [];
  let evidence: Evidence | null = null;
  for (const key of CONNECTION_KEYS) {
    const hit = byKey.get(key);
    if (!hit || hit.names.length === 0) continue;
    evidence ??= hit.evidence;
    for (const n of hit.names) if (!out.includes(n)) out.push(n);
  }
  return { value: out, evidence, reason: out.length ? `${repo}'s prod connection is read from ${out.join(', ')}` : null };
}

/** Names a setting reads at boot: all of them in runtime config (or under Mix); only `{:system, …}` tuples in a release's build-time config. */
function readsThatCount(value: Term, atBoot: boolean): string[] {
  if (atBoot) return connectionNames(value);
  const out: string[] = [];
  const visit = (t: Term) => {
    if (t.t === 'env' && t.via === '{:system, VAR}' && t.name && !out.includes(t.name)) out.push(t.name);
    else if (t.t === 'op') {
      visit(t.left);
      visit(t.right);
    } else if (t.t === 'call') t.args.forEach(visit);
  };
  visit(value);
  return out;
}

/**
 * The variables a connection value reads: the read and the variables it falls back to
 * (`System.get_env("DB_URL") || System.get_env("DATABASE_URL")`), through conversions
 * (`String.to_charlist(host)`); not reads inside a computed default (`Path.join([CONFIG_PATH, "db"])`).
 */
function connectionNames(t: Term, out: string[] = [], depth = 0): string[] {
  if (depth > 12) return out;
  switch (t.t) {
    case 'env':
      if (t.name && !out.includes(t.name)) out.push(t.name);
      if (t.default && (t.default.t === 'env' || (t.default.t === 'op' && t.default.op === '||'))) connectionNames(t.default, out, depth + 1);
      break;
    case 'op':
      connectionNames(t.left, out, depth + 1);
      connectionNames(t.right, out, depth + 1);
      break;
    case 'call':
    case 'list':
    case 'tuple':
      for (const a of t.t === 'call' ? t.args : t.items) connectionNames(a, out, depth + 1);
      break;
    case 'kw':
      for (const p of t.pairs) connectionNames(p.value, out, depth + 1);
      break;
    default:
      break;
  }
  return out;
}

/** The value is nil when its variables are unset: every read optional and without a default. */
function nilWhenUnset(t: Term): boolean {
  const reads = envReads(t);
  return reads.length > 0 && reads.every((r) => !r.required && !r.default);
}

/** The first Repo of the web app's `:ecto_repos` (else of any app), else the first Repo module defined. */
export function primaryRepo(facts: Facts, web: WebSelection): string | null {
  const lists: { app: string; repos: string[] }[] = [];
  for (const call of facts.config) {
    if (call.key !== null || !call.envs.includes('prod')) continue;
    const repos = kwGet(call.opts, 'ecto_repos');
    if (repos?.t !== 'list') continue;
    const names = repos.items.filter((i): i is Extract<Term, { t: 'alias' }> => i.t === 'alias').map((i) => i.v);
    if (names.length) lists.push({ app: call.app, repos: names });
  }
  const own = lists.filter((l) => l.app === web.project.otpApp).at(-1) ?? lists[0];
  // An analytics store listed first (ClickHouse…) is not the primary database: the first SQL repo is.
  const sql = (m: string) => /Postgres|MyXQL|MySQL|SQLite|Tds/.test(facts.repos.find((r) => r.module === m)?.adapter ?? 'Postgres');
  const repos = own?.repos ?? facts.repos.map((r) => r.module);
  return repos.find(sql) ?? repos[0] ?? null;
}
