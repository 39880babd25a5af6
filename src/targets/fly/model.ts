/**
 * What the Fly files, resources and steps are rendered from, decided once from the deploy facts,
 * phoenix-ops.yaml and the profile: machine count (one for SQLite), database and add-ons, host,
 * env, migration strategy, and the health check's needs behind force_ssl.
 */
import { TCP_CHECK_HINT } from '../../facts/health.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import { endpointSetting } from '../../facts/web.js';
import { migrationStep } from '../../facts/migration-step.js';
import type { Profile } from '../../scan/profile.js';
import type { Term } from '../../scan/term.js';
import { kwGet } from '../../scan/term.js';
import type { RenderOptions } from '../../model/plan.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { runtimeWiring } from '../../facts/runtime-wiring.js';
import { isPlatformSecretName } from '../../facts/secret-name.js';
import { volumeLayout, writablePaths, type VolumeLayout } from '../../facts/writable-paths.js';

/** Env vars every Fly Machine gets (https://fly.io/docs/machines/runtime-environment/). */
export const FLY_PLATFORM_ENV = [
  'FLY_APP_NAME', 'FLY_MACHINE_ID', 'FLY_ALLOC_ID', 'FLY_REGION', 'FLY_PUBLIC_IP', 'FLY_IMAGE_REF', 'FLY_MACHINE_VERSION',
  'FLY_PRIVATE_IP', 'FLY_PROCESS_GROUP', 'FLY_VM_MEMORY_MB', 'PRIMARY_REGION',
] as const;

/** A Fly region code (three letters: iad, ams, nrt): config.region when it is one, else iad (a Google Cloud region is not). */
export function flyRegion(config: Pick<DeployConfig, 'region'>): string {
  return /^[a-z]{3}$/.test(config.region) ? config.region : 'iad';
}

export interface FlyContext {
  f: DeployFacts;
  config: DeployConfig;
  host: string;
  /** Machines to run (SQLite: always 1, a volume attaches to one machine). */
  count: number;
  minRunning: number;
  sqlite: boolean;
  /** Fly volume name for SQLite or the app's writable folders (lowercase letters, digits and underscores, ≤ 30). */
  volumeName: string | null;
  /** Where the app's writable folders live on the volume (null when it writes none). */
  storage: VolumeLayout | null;
  /** The volume's mount point (/data for SQLite). */
  mount: string;
  /** `[deploy] release_command = "/app/bin/migrate"`: Ecto apps except SQLite. */
  releaseCommand: boolean;
  /** Non-secret env for `[env]`, sorted. */
  env: Record<string, string>;
  postgres: FlyPostgres | null;
  redis: { plan: string; name: string } | null;
  tigris: { name: string; gb: number } | null;
  /** prod config sets force_ssl: the check sends X-Forwarded-Proto so Plug.SSL does not redirect it. */
  forceSsl: boolean;
  notes: string[];
}

export interface FlyPostgres {
  managed: boolean;
  plan: string;
  clusterName: string;
  /** The secret `attach` stores the URL in (`--variable-name`): the app's URL variable, else DATABASE_URL. */
  urlVar: string;
  /** The user and database `attach` creates, named (`--database-user`, `--database-name`) when the app reads the parts. */
  parts: { user: string; name: string } | null;
}

/** What `fly postgres attach` creates when the app reads its database's parts: a user and a database named after the app, behind port 5432. */
function attachParts(profile: Profile, config: DeployConfig): { user: string; name: string } | null {
  const database = config.database.kind === 'auto' ? profile.database : config.database.kind;
  if (database !== 'postgres') return null;
  const reads = runtimeWiring(profile).database.some((d) => d.role === 'db-user' || d.role === 'db-name' || d.role === 'db-host');
  const id = config.app.replace(/-/g, '_');
  return reads ? { user: id, name: id } : null;
}

export function memoryString(mb: number): string {
  return mb % 1024 === 0 ? `${mb / 1024}gb` : `${mb}mb`;
}

function hasAtom(t: Term | undefined, atom: string): boolean {
  if (!t) return false;
  if (t.t === 'atom') return t.v === atom;
  if (t.t === 'list') return t.items.some((i) => hasAtom(i, atom));
  return false;
}

/** Values only the user knows are set like secrets (`fly secrets set`, asked by apply): fly.toml is committed, so it cannot hold them. */
function withInputsAsSecrets(facts: DeployFacts): DeployFacts {
  const inputs = facts.inputs.map((i) => ({ name: i.name, description: `a value you must give (not a secret; ${i.hint})`, generate: null, source: null, required: true }));
  return { ...facts, secrets: [...facts.secrets, ...inputs] };
}

function sqliteNotes(config: DeployConfig): string[] {
  if (config.machine.count > 1) {
    return [`SQLite: one machine instead of ${config.machine.count}. A Fly volume attaches to a single machine, so an SQLite app cannot scale out (move to Postgres for that).`];
  }
  return ['SQLite: one machine with a volume at /data; it cannot scale out (a volume attaches to one machine).'];
}

/** `[env]`: the deploy env with PHX_HOST, sorted; names that look like secrets are left out (with a note each). */
function flyEnv(f: DeployFacts, host: string, notes: string[]): Record<string, string> {
  const env: Record<string, string> = { ...f.env, PHX_HOST: f.env.PHX_HOST ?? host };
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(env)) {
    if (isPlatformSecretName(k)) notes.push(`${k} looks like a secret: set it with \`fly secrets set\` instead of [env] (left out of fly.toml).`);
  }
  for (const k of Object.keys(env).sort()) if (!isPlatformSecretName(k)) sorted[k] = env[k] ?? '';
  return sorted;
}

function postgresChoice(f: DeployFacts, config: DeployConfig, parts: FlyPostgres['parts'], notes: string[]): FlyContext['postgres'] {
  const urlVar = f.databaseUrlVar ?? 'DATABASE_URL';
  if (f.database === 'mysql' || f.database === 'mssql') {
    const engine = f.database === 'mysql' ? 'MySQL' : 'SQL Server';
    notes.push(`${engine}: Fly offers no managed ${engine}; use an external database and set ${urlVar} (the plan asks for it).`);
  }
  if (f.database !== 'postgres') return null;
  const managed = config.database.mode === 'managed';
  const postgres = { managed, plan: config.database.plan ?? (managed ? 'basic' : 'development'), clusterName: `${f.app}-db`, urlVar, parts };
  notes.push(
    managed
      ? `Postgres: Fly Managed Postgres, plan "${postgres.plan}" (the smallest; change database.plan in phoenix-ops.yaml); \`fly mpg attach\` sets ${urlVar}.`
      : `Postgres: unmanaged Fly Postgres app ${postgres.clusterName} ("${postgres.plan}" preset; you operate it, Fly support does not); \`fly postgres attach\` sets ${urlVar}.`,
  );
  if (parts) {
    // Inputs are secrets here (withInputsAsSecrets): the parts attach does not name.
    const asked = f.secrets.filter((s) => f.databaseEnv.some((d) => d.name === s.name && d.role !== 'database-url'));
    notes.push(
      `The app reads the database's parts (${f.databaseEnv.map((d) => d.name).join(', ')}): attach creates the user ${parts.user} and the database ${parts.name} (set in [env], port 5432)${asked.length ? `; ${asked.map((a) => a.name).join(', ')} ${asked.length === 1 ? 'is' : 'are'} asked for at apply: copy ${asked.length === 1 ? 'it' : 'them'} from the ${urlVar} attach stores (\`fly ssh console -C 'printenv ${urlVar}'\`)` : ''}.`,
    );
  }
  return postgres;
}

/** force_ssl: Fly terminates TLS and talks plain HTTP to the machine, so the check must say it came over HTTPS. */
function forceSslOn(profile: Profile, notes: string[]): boolean {
  const set = endpointSetting(profile, ['force_ssl']);
  const on = profile.security.forceSsl || (set !== null && set.value.t !== 'nil' && !(set.value.t === 'bool' && !set.value.v));
  if (!on) return false;
  const rewrite = set ? hasAtom(kwGet(set.value, 'rewrite_on'), 'x_forwarded_proto') : false;
  if (set && !rewrite) {
    notes.push(`force_ssl (${set.evidence.file}:${set.evidence.line}) lacks rewrite_on: [:x_forwarded_proto]: behind Fly's proxy every request arrives as HTTP and is redirected forever. Add it.`);
  } else {
    notes.push('force_ssl is on: the health check sends X-Forwarded-Proto: https so Plug.SSL answers it instead of redirecting.');
  }
  return true;
}

/** What the runtime config and the clustering setup need on Fly. */
function runtimeNotes(profile: Profile, f: DeployFacts): string[] {
  const notes: string[] = [];
  const file = profile.runtimeConfig.file;
  const runtimeEnv = new Set(profile.runtimeConfig.env.map((e) => e.name));
  if (f.database === 'postgres' && file && !runtimeEnv.has('ECTO_IPV6')) {
    notes.push(`${file} does not read ECTO_IPV6: Fly's private network is IPv6-only, so add \`socket_options: if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []\` to the Repo config.`);
  }
  if (file && !runtimeEnv.has('PORT')) notes.push(`${file} does not read PORT: make the endpoint listen on ${f.port} (internal_port) or health checks fail.`);
  if (f.clustering === 'libcluster') {
    notes.push(
      `libcluster: your topology decides how nodes find each other; on Fly use Cluster.Strategy.DNSPoll with query "${f.app}.internal" and node_basename "${f.app}-<image ref suffix>" (the RELEASE_NODE that rel/env.sh.eex sets).`,
    );
  } else if (f.clustering === 'dns_cluster') {
    notes.push(`Clustering: rel/env.sh.eex sets DNS_CLUSTER_QUERY=${f.app}.internal and an IPv6 node name on Fly; RELEASE_COOKIE is a secret shared by all machines.`);
  }
  if (f.inputs.length > 0) notes.push(`Set with \`fly secrets set\` (apply asks for them): ${f.inputs.map((i) => `${i.name} (${i.evidence.file}:${i.evidence.line})`).join(', ')}, required by the runtime config.`);
  if (f.health.kind === 'tcp') notes.push(`Health check: TCP on port ${f.port}, because ${f.health.reason} (${TCP_CHECK_HINT}).`);
  if (profile.deployFiles.flyTomls.length > 0) notes.push(`The project already has ${profile.deployFiles.flyTomls.join(', ')}: phoenix-ops leaves it as is and shows the differences.`);
  return notes;
}

/** Where the app's writable folders go on the machine's volume, and what that costs in scale. */
function storageNotes(s: VolumeLayout, asked: number): string[] {
  const notes = s.onVolume.map((w) => `${w.path} (${w.evidence.file}:${w.evidence.line}) is on the volume mounted at ${s.mount}.`);
  for (const [name, folder] of Object.entries(s.env)) notes.push(`${name} is set to ${folder}, on the volume, so what the app writes there survives deploys.`);
  for (const w of s.outside) notes.push(`The app writes to ${w.path} (${w.evidence.file}:${w.evidence.line}), fixed in the code outside the volume at ${s.mount}: what it writes there is lost on every deploy. Make it configurable (an env var) or move it under ${s.mount}.`);
  if (asked > 1) notes.push(`One machine instead of ${asked}: a Fly volume attaches to a single machine, and the app keeps files on it.`);
  return notes;
}

export function flyContext(profile: Profile, config: DeployConfig, options: RenderOptions = {}): FlyContext {
  const parts = attachParts(profile, config);
  const databaseParts = parts ? { 'db-user': parts.user, 'db-name': parts.name, 'db-port': '5432' } : undefined;
  const f = withInputsAsSecrets(deployFacts(profile, config, { ...options, platformEnv: FLY_PLATFORM_ENV, defaultHost: `${config.app}.fly.dev`, databaseParts }));
  const sqlite = f.database === 'sqlite';
  const notes: string[] = sqlite ? sqliteNotes(config) : [];
  const storage = volumeLayout(writablePaths(profile), sqlite ? '/data' : null, new Set([...Object.keys(config.env), ...Object.keys(f.env)]));
  const count = sqlite || storage ? 1 : Math.max(1, config.machine.count);
  const host = f.host ?? `${f.app}.fly.dev`;
  const env = Object.fromEntries(Object.entries({ ...flyEnv(f, host, notes), ...storage?.env }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (storage) notes.push(...storageNotes(storage, config.machine.count));
  const postgres = postgresChoice(f, config, parts, notes);
  const redis = f.redis ? { plan: config.redis.plan ?? 'payg', name: `${f.app}-redis` } : null;
  if (redis) notes.push(`Redis: Upstash Redis on Fly (${redis.name}, plan "${redis.plan}"); its URL is stored as the REDIS_URL secret.`);
  const tigris = config.storage.enabled ? { name: `${f.app}-storage`, gb: config.storage.gb } : null;
  if (tigris) notes.push('Object storage: a Tigris bucket; `fly storage create` sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3 and BUCKET_NAME on the app.');
  const step = f.usesEcto && !sqlite ? migrationStep(profile) : null;
  const releaseCommand = step?.run === true;
  if (step?.note) notes.push(step.note);
  if (releaseCommand) notes.push('Migrations run before each deploy in a temporary machine (`release_command = "/app/bin/migrate"`), never at image build time.');
  const forceSsl = forceSslOn(profile, notes);
  notes.push(...runtimeNotes(profile, f));
  const volumeName = sqlite || storage ? `${f.otpApp.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_data`.slice(0, 30) : null;
  return { f, config, host, count, minRunning: Math.min(f.minRunning, count), sqlite, volumeName, storage, mount: storage?.mount ?? '/data', releaseCommand, env, postgres, redis, tigris, forceSsl, notes };
}
