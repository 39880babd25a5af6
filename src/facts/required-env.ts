/**
 * The env vars the app needs at boot, what each one is for, and who provides it on a target.
 *
 * A var's *role* comes from where its value lands in the runtime config, not from its name: a read
 * inside `config :app, App.Endpoint, http: [port: …]` is the listen port whatever it is called
 * (DIFF_PORT), `url: [host: …]` is the public host, `secret_key_base:` is the key base, a Repo's
 * `url:` is the database URL (PG_URL) and its `hostname:`/`username:`/… are the database's parts.
 */
import type { EnvRead, Evidence, Profile } from '../scan/profile.js';
import { envReads, type Term } from '../scan/term.js';
import { computed } from './computed.js';
import { ectoRepos } from './ecto-repos.js';
import { appliesToProd } from './project.js';
import { isSecretName } from './secret-name.js';

export type EnvRole =
  | 'port'
  | 'host'
  | 'secret-key-base'
  | 'database-url'
  | 'database-path'
  | 'db-host'
  | 'db-user'
  | 'db-password'
  | 'db-name'
  | 'db-port'
  | 'redis-url'
  | 'release-cookie'
  | 'server';

export interface RequiredEnv {
  name: string;
  role: EnvRole | null;
  secret: boolean;
  evidence: Evidence;
}

const BY_NAME: Record<string, EnvRole> = {
  PORT: 'port',
  PHX_HOST: 'host',
  SECRET_KEY_BASE: 'secret-key-base',
  DATABASE_URL: 'database-url',
  DATABASE_PATH: 'database-path',
  REDIS_URL: 'redis-url',
  RELEASE_COOKIE: 'release-cookie',
  PHX_SERVER: 'server',
};

const REPO_KEYS: Record<string, EnvRole> = {
  url: 'database-url',
  hostname: 'db-host',
  host: 'db-host',
  username: 'db-user',
  user: 'db-user',
  password: 'db-password',
  database: 'db-name',
  port: 'db-port',
  database_path: 'database-path',
};

/** The role of one config read: where its value lands. */
export function roleOfRead(read: Pick<EnvRead, 'key' | 'path' | 'name'>, endpoint: string | null, repos: ReadonlySet<string>): EnvRole | null {
  const path = read.path.join('.');
  if (read.key && endpoint && read.key === endpoint) {
    if (path === 'http.port' || path === 'https.port') return 'port';
    if (path === 'url.host') return 'host';
    if (path === 'secret_key_base') return 'secret-key-base';
    if (path === 'server') return 'server';
  }
  if (read.key && repos.has(read.key)) {
    const role = REPO_KEYS[read.path[0] ?? ''];
    if (role) return role;
  }
  if (read.key && /(^|\.)Repo$/.test(read.key) && read.path[0] === 'database' && /PATH/i.test(read.name)) return 'database-path';
  return BY_NAME[read.name] ?? null;
}

/** Every prod runtime read, with its role (a var read in several places takes the first role found). */
export const envRoles = computed((profile: Profile): ReadonlyMap<string, EnvRole> => {
  const repos = new Set(ectoRepos(profile).map((r) => r.module));
  const endpoint = profile.web.endpointModule;
  const out = new Map<string, EnvRole>();
  // Runtime reads first; compile-time prod reads (prod.exs) still say where a value lands.
  const reads = (profile.facts.envReads ?? []).filter((r) => !r.dynamic && appliesToProd(r));
  for (const read of [...reads.filter((r) => r.runtime), ...reads.filter((r) => !r.runtime)]) {
    const role = roleOfRead(read, endpoint, repos);
    if (role && !out.has(read.name)) out.set(read.name, role);
  }
  // A read bound to a variable first (`port = String.to_integer(System.get_env("APP_PORT") || "4000")`, then
  // `http: [port: port]`) lands where the config puts its value.
  for (const placed of placedReads(profile, endpoint, repos)) {
    const role = roleOfRead(placed, endpoint, repos);
    if (role && !out.has(placed.name)) out.set(placed.name, role);
  }
  for (const v of profile.runtimeConfig.env) {
    const role = Object.hasOwn(BY_NAME, v.name) ? BY_NAME[v.name] : undefined;
    if (role && !out.has(v.name)) out.set(v.name, role);
  }
  // `database_url = System.get_env("PG_URL") || raise …` then `url: database_url`: the read is not inside the
  // Repo config, so the name says it — a connection URL named after a database (or Redis).
  const has = (role: EnvRole) => [...out.values()].includes(role);
  for (const v of profile.runtimeConfig.env) {
    if (out.has(v.name) || v.dynamic) continue;
    if (!has('database-url') && /(^|_)(DATABASE|POSTGRES|PG|MYSQL|DB|REPO)_URL$/i.test(v.name)) out.set(v.name, 'database-url');
    else if (!has('redis-url') && /(^|_)REDIS_URL$/i.test(v.name)) out.set(v.name, 'redis-url');
  }
  return out;
});

/** The env reads inside the prod config values of the endpoint and the repos, with the path each lands at. */
function placedReads(profile: Profile, endpoint: string | null, repos: ReadonlySet<string>): Pick<EnvRead, 'key' | 'path' | 'name'>[] {
  const out: Pick<EnvRead, 'key' | 'path' | 'name'>[] = [];
  const walk = (key: string, term: Term, path: string[]) => {
    if (term.t === 'kw') for (const p of term.pairs) walk(key, p.value, [...path, p.key]);
    else for (const read of envReads(term)) if (read.name) out.push({ key, path, name: read.name });
  };
  for (const call of profile.facts.config ?? []) {
    if (!call.key || !call.envs.includes('prod') || (call.key !== endpoint && !repos.has(call.key))) continue;
    walk(call.key, call.opts, []);
  }
  return out;
}

/** Env vars without which the prod boot fails (the scan's `required`), each with its role. */
export const requiredEnv = computed((profile: Profile): readonly RequiredEnv[] => {
  const roles = envRoles(profile);
  const seen = new Set<string>();
  const out: RequiredEnv[] = [];
  for (const v of profile.runtimeConfig.env) {
    if (v.dynamic || !v.required || seen.has(v.name)) continue;
    seen.add(v.name);
    const role = roles.get(v.name) ?? null;
    const secret = role === 'secret-key-base' || role === 'database-url' || role === 'db-password' || role === 'redis-url' || role === 'release-cookie' || isSecretName(v.name);
    out.push({ name: v.name, role, secret, evidence: v.evidence });
  }
  return out;
});
