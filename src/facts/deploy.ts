/**
 * What every target needs to know, decided once from the facts layer (src/facts/) and phoenix-ops.yaml:
 * names, port, health check, database, clustering, and who provides each env var the app needs at boot
 * (a value set here, a secret, the platform, or a value only the user knows). Targets render from this,
 * so the Dockerfile, fly.toml and Kubernetes manifests never disagree about a port or a secret.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Evidence } from '../model/evidence.js';
import type { RenderOptions, SecretSpec } from '../model/plan.js';
import type { Database, Profile } from '../scan/profile.js';
import { clustering as clusteringOf } from './clustering.js';
import { generatedDockerfile } from './dockerfile.js';
import { migrationOwner, repoModules } from './ecto-repos.js';
import { keptDockerfile, type KeptDockerfile } from './existing-deploy.js';
import { healthCheck, type HealthCheck } from './health.js';
import { listenPort } from './listen-port.js';
import { projectDir } from './project.js';
import { needsRedis } from './redis.js';
import { envRoles, requiredEnv, type EnvRole } from './required-env.js';
import { runtimeWiring, type DatabaseVar, type RuntimeWiring } from './runtime-wiring.js';
import { isPlatformSecretName } from './secret-name.js';

/** A value the app requires that only the user knows: the plan lists it as "you must set". */
export interface EnvInput {
  name: string;
  /** What it is for, for placeholders: "required by config/runtime.exs:12". */
  hint: string;
  evidence: Evidence;
}

export interface DeployFacts {
  /** DNS-safe deployment name (phoenix-ops.yaml `app`). */
  app: string;
  /** The web app's OTP application name. */
  otpApp: string;
  /** Camelized module prefix of the web app's domain (hello_phoenix → HelloPhoenix). */
  appModule: string;
  /** Name passed to `mix release` (the `releases:` entry, else the otp app). */
  releaseName: string;
  /** Phoenix project folder relative to the scanned root ('.' when it is the root). */
  projectPath: string;
  umbrella: boolean;
  port: number;
  host: string | null;
  /** The health check the platform runs (HTTP on a served path, or TCP). */
  health: HealthCheck;
  /** The HTTP path probes use, or null for a TCP check. */
  healthPath: string | null;
  /** The path the health patch adds (phoenix-ops.yaml `health.path`). */
  wantedHealthPath: string;
  /** The app already answers the health path: no patch is needed. */
  healthExists: boolean;
  database: Database;
  usesEcto: boolean;
  /** The env var the database URL goes in (the Repo's `url:` read, e.g. PG_URL), or null when the app reads the database's parts instead. */
  databaseUrlVar: string | null;
  /** Every env var that carries the database URL (databaseUrlVar first): each gets the URL of the database the target provisions. */
  databaseUrlVars: string[];
  /** The env vars carrying the database connection (the scan's `runtime.databaseEnv`), each with the part it carries. */
  databaseEnv: readonly DatabaseVar[];
  /** Module with migrate/0 used by bin/migrate (existing or the one generated). */
  releaseModule: string;
  releaseModuleExists: boolean;
  /** The otp app whose `:ecto_repos` the release module migrates (in an umbrella, the child app that lists the repos). */
  releaseModuleApp: string;
  /** Where the generated release module goes (relative to the project folder); null when the project has one or uses no Ecto. */
  releaseModuleFile: string | null;
  /** Repo modules listed in `:ecto_repos`. */
  ectoRepos: string[];
  liveView: boolean;
  oban: boolean;
  clustering: 'dns_cluster' | 'libcluster' | 'none';
  redis: boolean;
  /** Instances to keep running at least (LiveView, Oban and clustering need one). */
  minRunning: number;
  /** Secrets the deployment needs (names only). */
  secrets: SecretSpec[];
  /** Non-secret env vars to set on the platform. */
  env: Record<string, string>;
  /** Required values only the user knows (not secrets): written as placeholders the plan lists. */
  inputs: EnvInput[];
  /** Required vars the platform sets by itself (FLY_APP_NAME on Fly, K_SERVICE on Cloud Run). */
  platformProvided: string[];
  /** The project's own Dockerfile when it is kept (not replaced by the generated one): platform files follow its port and paths. */
  keptDockerfile: KeptDockerfile | null;
  /** The generated Dockerfile every target builds (see facts/dockerfile.ts generatedDockerfile). */
  dockerfile: string;
  /** Folder of the release inside the image (`/app`): bin/server and bin/migrate live in its bin/. */
  releaseDir: string;
  /** Role of every env var the runtime config reads, for targets that provide parts (compose's database host). */
  roles: ReadonlyMap<string, EnvRole>;
}

/** How a target provides env: what its platform sets, the host it defaults to, the database it runs itself. */
export interface DeployContext extends RenderOptions {
  /** Env vars the platform sets in every instance. */
  platformEnv?: readonly string[];
  /** Public host when phoenix-ops.yaml sets none (Fly: <app>.fly.dev), or null when only the user knows it. */
  defaultHost?: string | null;
  /** Values of the database parts when the target runs the database itself (compose). */
  databaseParts?: Partial<Record<'db-host' | 'db-user' | 'db-name' | 'db-port', string>>;
}

export function camelize(otp: string): string {
  return otp
    .split('_')
    .filter(Boolean)
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('');
}

const GENERATED: Partial<Record<EnvRole, SecretSpec['generate']>> = { 'secret-key-base': 'secret-key-base', 'release-cookie': 'release-cookie' };
const DATABASE_PARTS = ['db-host', 'db-user', 'db-name', 'db-port'] as const;
type DatabasePart = (typeof DATABASE_PARTS)[number];
const isDatabasePart = (role: EnvRole | null): role is DatabasePart => DATABASE_PARTS.some((p) => p === role);

/** What provisioning depends on, decided first: the database, Redis, clustering, the port, the host. */
interface Basics {
  otpApp: string;
  database: Database;
  usesEcto: boolean;
  clustering: DeployFacts['clustering'];
  redis: boolean;
  port: number;
  host: string | null;
  roles: ReadonlyMap<string, EnvRole>;
  roleVar(role: EnvRole): string | null;
  wiring: RuntimeWiring;
  /** Where a value the app reads is read, for the plan's "you must set" list. */
  fallbackEvidence: Evidence;
}

function basics(profile: Profile, config: DeployConfig, ctx: DeployContext, kept: KeptDockerfile | null): Basics {
  const database: Database = config.database.kind === 'auto' ? profile.database : config.database.kind;
  const wiring = runtimeWiring(profile);
  // The roles of the config's reads, and the part each database variable carries (from its name when its place does not say).
  const roles = new Map(envRoles(profile));
  for (const d of wiring.database) if (d.role && !roles.has(d.name)) roles.set(d.name, d.role);
  const listen = listenPort(profile);
  return {
    otpApp: profile.web.otpApp,
    database,
    usesEcto: database !== 'none',
    clustering: clusteringOf(profile, config),
    redis: needsRedis(profile, config),
    // A fixed port is where the app listens, whatever the platform says; a kept Dockerfile's port counts only when the app takes its port from the environment.
    port: listen.kind === 'fixed' ? listen.port : kept?.port && listen.kind === 'env' ? kept.port : config.port,
    host: config.host ?? ctx.defaultHost ?? null,
    roles,
    roleVar: (role) => [...roles].find(([, r]) => r === role)?.[0] ?? null,
    wiring,
    fallbackEvidence: { file: profile.runtimeConfig.file ?? 'config/runtime.exs', line: 1 },
  };
}

/** The secrets the deployment needs, once each by name. */
class Secrets {
  readonly list: SecretSpec[] = [];
  readonly names = new Set<string>();
  add(s: SecretSpec): void {
    if (this.names.has(s.name)) return;
    this.names.add(s.name);
    this.list.push(s);
  }
}

/** The env var(s) the database URL goes in: the URL variables the app reads, else its `url:` read or DATABASE_URL (none when it reads only the parts). */
function databaseUrlVars(b: Basics): string[] {
  if (!b.usesEcto || b.database === 'sqlite') return [];
  const wired = b.wiring.database.filter((d) => d.role === 'database-url').map((d) => d.name);
  if (wired.length || b.wiring.database.length) return wired;
  const readsDbParts = [...b.roles.values()].some((r) => r === 'db-host' || r === 'db-name' || r === 'db-user');
  const named = b.roleVar('database-url') ?? (readsDbParts ? null : 'DATABASE_URL');
  return named ? [named] : [];
}

/** The PORT and the app's own port variable get the routed port; the server switches get "true" (a switch that is also the port variable keeps the port). */
function bootEnv(b: Basics, config: DeployConfig): Map<string, string> {
  const env = new Map<string, string>();
  const listen = b.wiring.portVars.length > 1 ? null : listenPortName(b);
  for (const v of [...b.wiring.portVars, ...(listen ? [listen] : [])]) env.set(v, String(b.port));
  for (const v of b.wiring.serverVars) if (!env.has(v)) env.set(v, 'true');
  if (b.host) env.set('PHX_HOST', b.host);
  if (b.database === 'sqlite') env.set(b.roleVar('database-path') ?? 'DATABASE_PATH', `/data/${b.otpApp}.db`);
  for (const [k, v] of Object.entries(config.env)) env.set(k, v);
  return env;
}

/** A port variable the roles name when the scan's runtime facts name none (profiles without them). */
function listenPortName(b: Basics): string | null {
  const name = b.roleVar('port');
  return name && name !== 'PORT' ? name : null;
}

const PART_LABEL: Partial<Record<EnvRole, string>> = { 'db-host': 'the database host', 'db-user': 'the database user', 'db-name': 'the database name', 'db-port': 'the database port', 'database-path': 'the database path' };

/**
 * The database variables the app reads (the scan's `runtime.databaseEnv`), wired to the database the target
 * provisions: URLs and the password are secrets the provisioning fills, the parts the target knows are set,
 * the others are asked for (never dropped).
 */
function wireDatabase(b: Basics, ctx: DeployContext, out: { secrets: Secrets; env: Map<string, string>; inputs: EnvInput[] }): void {
  const { secrets, env, inputs } = out;
  if (!b.usesEcto) return;
  for (const d of b.wiring.database) {
    if (secrets.names.has(d.name) || env.has(d.name)) continue;
    const evidence = d.evidence ?? b.fallbackEvidence;
    const where = `${evidence.file}:${evidence.line}`;
    const part = isDatabasePart(d.role) ? ctx.databaseParts?.[d.role] : undefined;
    if (part !== undefined) env.set(d.name, part);
    else if (d.role === 'database-url' && b.database !== 'sqlite') {
      secrets.add({ name: d.name, description: `${b.database} connection URL (read at ${where})`, generate: null, source: 'the database the target provisions', required: true });
    } else if (d.role === 'database-path' && b.database === 'sqlite') env.set(d.name, `/data/${b.otpApp}.db`);
    else if (d.role === 'db-password') {
      secrets.add({ name: d.name, description: `password of the ${b.database} database (read at ${where})`, generate: null, source: 'the database the target provisions', required: true });
    } else {
      const what = (d.role && PART_LABEL[d.role]) ?? 'part of the database connection';
      inputs.push({ name: d.name, hint: `${what}, read at ${where}`, evidence });
    }
  }
}

/** The secrets, the env, the values only the user knows and the vars the platform sets: who provides each env var the app needs at boot. */
function provisioning(profile: Profile, config: DeployConfig, ctx: DeployContext, b: Basics): Pick<DeployFacts, 'secrets' | 'env' | 'inputs' | 'platformProvided' | 'databaseUrlVar' | 'databaseUrlVars'> {
  const { database, usesEcto, redis, port, host, roleVar } = b;
  const urlVars = databaseUrlVars(b);
  const redisUrlVar = redis ? (roleVar('redis-url') ?? 'REDIS_URL') : null;

  const secrets = new Secrets();
  const secret = (s: SecretSpec) => secrets.add(s);
  const keyBaseVar = roleVar('secret-key-base') ?? 'SECRET_KEY_BASE';
  secret({ name: keyBaseVar, description: 'signs and encrypts cookies and LiveView sessions', generate: 'secret-key-base', source: null, required: true });
  for (const name of urlVars) secret({ name, description: `${database} connection URL`, generate: null, source: 'the database the target provisions', required: true });
  if (redisUrlVar) secret({ name: redisUrlVar, description: 'Redis connection URL (PubSub / cache)', generate: null, source: 'the Redis the target provisions', required: true });
  if (b.clustering !== 'none') {
    secret({ name: 'RELEASE_COOKIE', description: 'shared Erlang distribution cookie so nodes can connect', generate: 'release-cookie', source: null, required: true });
  }

  const env = bootEnv(b, config);
  // Set by rel/env.sh.eex or by the targets themselves where they apply.
  const setByRelease = new Set(['DNS_CLUSTER_QUERY', 'ECTO_IPV6', 'POOL_SIZE', 'RELEASE_NODE', 'RELEASE_DISTRIBUTION']);

  const inputs: EnvInput[] = [];
  wireDatabase(b, ctx, { secrets, env, inputs });
  const platform = new Set(ctx.platformEnv ?? []);
  const platformProvided: string[] = [];
  for (const v of requiredEnv(profile)) {
    const name = v.name;
    if (secrets.names.has(name) || env.has(name) || setByRelease.has(name) || inputs.some((i) => i.name === name)) continue;
    if (platform.has(name)) {
      platformProvided.push(name);
      continue;
    }
    const where = `required by ${v.evidence.file}:${v.evidence.line}`;
    const role = v.role ?? b.roles.get(name) ?? null;
    const part = isDatabasePart(role) ? ctx.databaseParts?.[role] : undefined;
    const generate = role ? GENERATED[role] : undefined;
    if (role === 'port') env.set(name, String(port));
    else if (role === 'server') env.set(name, 'true');
    else if (role === 'host' && host) env.set(name, host);
    else if (role === 'database-path' && database === 'sqlite') env.set(name, `/data/${b.otpApp}.db`);
    else if (part !== undefined) env.set(name, part);
    else if (generate) secret({ name, description: where, generate, source: null, required: true });
    else if (role === 'database-url' && usesEcto) secret({ name, description: `${database} connection URL (${where})`, generate: null, source: 'the database the target provisions', required: true });
    else if (role === 'redis-url' && redis) secret({ name, description: `Redis connection URL (${where})`, generate: null, source: 'the Redis the target provisions', required: true });
    else if (v.secret || isPlatformSecretName(name)) secret({ name, description: where, generate: null, source: null, required: true });
    else inputs.push({ name, hint: where, evidence: v.evidence });
  }
  for (const name of config.secrets) secret({ name, description: 'listed in phoenix-ops.yaml', generate: null, source: null, required: true });
  const sortedEnv = Object.fromEntries([...env].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return { secrets: secrets.list, env: sortedEnv, inputs, platformProvided, databaseUrlVar: urlVars[0] ?? null, databaseUrlVars: urlVars };
}

export function deployFacts(profile: Profile, config: DeployConfig, ctx: DeployContext = {}): DeployFacts {
  const kept = ctx.keptFiles?.has('Dockerfile') ? keptDockerfile(profile) : null;
  const b = basics(profile, config, ctx, kept);
  const { otpApp, usesEcto, clustering } = b;
  const domainOtp = otpApp.endsWith('_web') ? otpApp.slice(0, -4) : otpApp;
  const health = healthCheck(profile, config, ctx.acceptedPatches ?? new Set());
  const owner = migrationOwner(profile);
  const ownerDir = owner.project ? projectDir(profile, owner.project) : '';
  const releaseModuleExists = profile.releaseModule !== null;
  const provided = provisioning(profile, config, ctx, b);
  return {
    app: config.app,
    otpApp,
    appModule: camelize(domainOtp),
    releaseName: profile.facts.projects[0]?.releases[0]?.name ?? (profile.umbrella ? domainOtp : otpApp),
    projectPath: profile.projectPath,
    umbrella: profile.umbrella,
    port: b.port,
    host: b.host,
    health,
    healthPath: health.kind === 'http' ? health.path : null,
    wantedHealthPath: config.health.path,
    healthExists: profile.health !== null && profile.health.path === config.health.path,
    database: b.database,
    usesEcto,
    databaseUrlVar: provided.databaseUrlVar,
    databaseUrlVars: provided.databaseUrlVars,
    databaseEnv: b.wiring.database,
    releaseModule: profile.releaseModule?.module ?? `${camelize(owner.otpApp)}.Release`,
    releaseModuleExists,
    releaseModuleApp: owner.otpApp,
    releaseModuleFile: releaseModuleExists || !usesEcto ? null : `${ownerDir ? `${ownerDir}/` : ''}lib/${owner.otpApp}/release.ex`,
    ectoRepos: repoModules(profile),
    liveView: profile.liveView,
    oban: profile.oban,
    clustering,
    redis: b.redis,
    minRunning: config.machine.minRunning ?? (profile.liveView || profile.oban || clustering !== 'none' ? 1 : 0),
    secrets: provided.secrets,
    env: provided.env,
    inputs: provided.inputs,
    platformProvided: provided.platformProvided,
    keptDockerfile: kept,
    dockerfile: generatedDockerfile(profile),
    releaseDir: kept?.releaseDir && kept.releaseDir.startsWith('/') ? kept.releaseDir : '/app',
    roles: b.roles,
  };
}
