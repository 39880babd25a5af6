/**
 * What every target needs to know, decided once from the facts layer (src/facts/) and phoenix-ops.yaml:
 * names, port, health check, database, clustering, and who provides each env var the app needs at boot
 * (a value set here, a secret, the platform, or a value only the user knows). Targets render from this,
 * so the Dockerfile, fly.toml and Kubernetes manifests never disagree about a port or a secret.
 */
import { clustering as clusteringOf } from '../../facts/clustering.js';
import { migrationOwner, repoModules } from '../../facts/ecto-repos.js';
import { generatedDockerfile } from '../../facts/dockerfile.js';
import { keptDockerfile, type KeptDockerfile } from '../../facts/existing-deploy.js';
import { healthCheck, type HealthCheck } from '../../facts/health.js';
import { listenPort } from '../../facts/listen-port.js';
import { projectDir } from '../../facts/project.js';
import { needsRedis } from '../../facts/redis.js';
import { envRoles, requiredEnv, type EnvRole } from '../../facts/required-env.js';
import { isSecretEnvName } from '../../facts/secret-name.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Evidence } from '../../model/evidence.js';
import type { RenderOptions, SecretSpec } from '../../model/plan.js';
import type { Database, Profile } from '../../scan/profile.js';

export { isSecretEnvName as isSecretName };

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
  roles: Map<string, EnvRole>;
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
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('');
}

const GENERATED: Partial<Record<EnvRole, SecretSpec['generate']>> = { 'secret-key-base': 'secret-key-base', 'release-cookie': 'release-cookie' };

export function deployFacts(profile: Profile, config: DeployConfig, ctx: DeployContext = {}): DeployFacts {
  const otpApp = profile.web.otpApp;
  const domainOtp = otpApp.endsWith('_web') ? otpApp.slice(0, -4) : otpApp;
  const appModule = camelize(domainOtp);
  const rootProject = profile.facts.projects[0];
  const releaseName = rootProject?.releases[0]?.name ?? (profile.umbrella ? domainOtp : otpApp);
  const database: Database = config.database.kind === 'auto' ? profile.database : config.database.kind;
  const usesEcto = database !== 'none';
  const clustering = clusteringOf(profile, config);
  const redis = needsRedis(profile, config);
  const minRunning = config.machine.minRunning ?? (profile.liveView || profile.oban || clustering !== 'none' ? 1 : 0);
  const kept = ctx.keptFiles?.has('Dockerfile') ? keptDockerfile(profile) : null;
  // A kept Dockerfile's port counts only when the app takes its port from the environment.
  const port = kept?.port && listenPort(profile).kind === 'env' ? kept.port : config.port;
  const health = healthCheck(profile, config, ctx.acceptedPatches ?? new Set());
  const host = config.host ?? ctx.defaultHost ?? null;
  const platform = new Set(ctx.platformEnv ?? []);
  const roles = envRoles(profile);
  const roleVar = (role: EnvRole) => [...roles].find(([, r]) => r === role)?.[0] ?? null;
  const readsDbParts = [...roles.values()].some((r) => r === 'db-host' || r === 'db-name' || r === 'db-user');
  const databaseUrlVar = usesEcto && database !== 'sqlite' ? (roleVar('database-url') ?? (readsDbParts ? null : 'DATABASE_URL')) : null;
  const redisUrlVar = redis ? (roleVar('redis-url') ?? 'REDIS_URL') : null;

  const secrets: SecretSpec[] = [];
  const known = new Set<string>();
  const secret = (s: SecretSpec) => {
    if (known.has(s.name)) return;
    known.add(s.name);
    secrets.push(s);
  };
  const keyBaseVar = roleVar('secret-key-base') ?? 'SECRET_KEY_BASE';
  secret({ name: keyBaseVar, description: 'signs and encrypts cookies and LiveView sessions', generate: 'secret-key-base', source: null, required: true });
  if (databaseUrlVar) secret({ name: databaseUrlVar, description: `${database} connection URL`, generate: null, source: 'the database the target provisions', required: true });
  if (redisUrlVar) secret({ name: redisUrlVar, description: 'Redis connection URL (PubSub / cache)', generate: null, source: 'the Redis the target provisions', required: true });
  if (clustering !== 'none') {
    secret({ name: 'RELEASE_COOKIE', description: 'shared Erlang distribution cookie so nodes can connect', generate: 'release-cookie', source: null, required: true });
  }

  const env: Record<string, string> = { PHX_SERVER: 'true', PORT: String(port) };
  // An app that reads its port from another variable (`MYAPP_PORT`) gets it set too: platforms set only PORT.
  const listen = listenPort(profile);
  if (listen.kind === 'env' && listen.name !== 'PORT') env[listen.name] = String(port);
  if (host) env.PHX_HOST = host;
  if (database === 'sqlite') env[roleVar('database-path') ?? 'DATABASE_PATH'] = `/data/${otpApp}.db`;
  for (const [k, v] of Object.entries(config.env)) env[k] = v;
  // Set by rel/env.sh.eex or by the targets themselves where they apply.
  const setByRelease = new Set(['DNS_CLUSTER_QUERY', 'ECTO_IPV6', 'POOL_SIZE', 'RELEASE_NODE', 'RELEASE_DISTRIBUTION']);

  const inputs: EnvInput[] = [];
  const platformProvided: string[] = [];
  for (const v of requiredEnv(profile)) {
    const name = v.name;
    if (known.has(name) || name in env || setByRelease.has(name)) continue;
    if (platform.has(name)) {
      platformProvided.push(name);
      continue;
    }
    const where = `required by ${v.evidence.file}:${v.evidence.line}`;
    const role = v.role;
    const part = role && ctx.databaseParts ? ctx.databaseParts[role as keyof NonNullable<DeployContext['databaseParts']>] : undefined;
    if (role === 'port') env[name] = String(port);
    else if (role === 'server') env[name] = 'true';
    else if (role === 'host' && host) env[name] = host;
    else if (role === 'database-path' && database === 'sqlite') env[name] = `/data/${otpApp}.db`;
    else if (part !== undefined) env[name] = part;
    else if (role && GENERATED[role]) secret({ name, description: where, generate: GENERATED[role]!, source: null, required: true });
    else if (role === 'database-url' && usesEcto) secret({ name, description: `${database} connection URL (${where})`, generate: null, source: 'the database the target provisions', required: true });
    else if (role === 'redis-url' && redis) secret({ name, description: `Redis connection URL (${where})`, generate: null, source: 'the Redis the target provisions', required: true });
    else if (v.secret || isSecretEnvName(name)) secret({ name, description: where, generate: null, source: null, required: true });
    else inputs.push({ name, hint: where, evidence: v.evidence });
  }
  for (const name of config.secrets) secret({ name, description: 'listed in phoenix-ops.yaml', generate: null, source: null, required: true });

  const owner = migrationOwner(profile);
  const ownerDir = owner.project ? projectDir(profile, owner.project) : '';
  const releaseModuleExists = profile.releaseModule !== null;
  const sortedEnv: Record<string, string> = {};
  for (const k of Object.keys(env).sort()) sortedEnv[k] = env[k]!;

  return {
    app: config.app,
    otpApp,
    appModule,
    releaseName,
    projectPath: profile.projectPath,
    umbrella: profile.umbrella,
    port,
    host,
    health,
    healthPath: health.kind === 'http' ? health.path : null,
    wantedHealthPath: config.health.path,
    healthExists: profile.health !== null && profile.health.path === config.health.path,
    database,
    usesEcto,
    databaseUrlVar,
    releaseModule: profile.releaseModule?.module ?? `${camelize(owner.otpApp)}.Release`,
    releaseModuleExists,
    releaseModuleApp: owner.otpApp,
    releaseModuleFile: releaseModuleExists || !usesEcto ? null : `${ownerDir ? `${ownerDir}/` : ''}lib/${owner.otpApp}/release.ex`,
    ectoRepos: repoModules(profile),
    liveView: profile.liveView,
    oban: profile.oban,
    clustering,
    redis,
    minRunning,
    secrets,
    env: sortedEnv,
    inputs,
    platformProvided,
    keptDockerfile: kept,
    dockerfile: generatedDockerfile(profile),
    releaseDir: kept?.releaseDir && kept.releaseDir.startsWith('/') ? kept.releaseDir : '/app',
    roles,
  };
}

/** Placeholder for a value only the user knows (k8s ConfigMap, Cloud Run env, systemd env file). */
export function inputPlaceholder(i: EnvInput): string {
  return `<set ${i.name}: ${i.hint}>`;
}

/** The plan note listing the values the user must set. */
export function inputsNote(inputs: EnvInput[], where: string): string | null {
  if (inputs.length === 0) return null;
  return `You must set ${inputs.length === 1 ? 'this value' : 'these values'} the runtime config requires (${where}): ${inputs.map((i) => `${i.name} (${i.evidence.file}:${i.evidence.line})`).join(', ')}.`;
}
