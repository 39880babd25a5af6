/**
 * What every target needs to know, decided once from the profile and phoenix-ops.yaml: names,
 * port, health path, database, clustering, secrets and env. Targets render from this, so the
 * Dockerfile, fly.toml and Kubernetes manifests never disagree about a port or a secret.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { SecretSpec } from '../../model/plan.js';
import type { Database, EnvVar, Profile } from '../../scan/profile.js';
import { isSecretName as isCredentialName } from '../../scan/redact.js';
import { ectoRepos, projectDir, repoOwner } from './project.js';

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
  healthPath: string;
  /** The app already answers healthPath; false means a health route patch is proposed. */
  healthExists: boolean;
  database: Database;
  usesEcto: boolean;
  /** Module with migrate/0 used by bin/migrate (existing or the one generated). */
  releaseModule: string;
  releaseModuleExists: boolean;
  /** The otp app whose `:ecto_repos` the release module migrates (in an umbrella, the child app that owns the repos). */
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
  /** Env vars the runtime config requires that nothing here sets: the plan lists them for the user. */
  unresolvedRequired: EnvVar[];
}

export function camelize(otp: string): string {
  return otp
    .split('_')
    .filter(Boolean)
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('');
}

/** Env var names whose values are secrets (never written to files, only listed). */
export function isSecretName(name: string): boolean {
  // Any *_URL may embed credentials: on a platform it goes in the secret store, not in plain env.
  return isCredentialName(name) || /_URL$/.test(name);
}

export function deployFacts(profile: Profile, config: DeployConfig): DeployFacts {
  const otpApp = profile.web.otpApp;
  const domainOtp = otpApp.endsWith('_web') ? otpApp.slice(0, -4) : otpApp;
  const appModule = camelize(domainOtp);
  const rootProject = profile.facts.projects[0];
  const releaseName = rootProject?.releases[0]?.name ?? (profile.umbrella ? domainOtp : otpApp);
  const database: Database = config.database.kind === 'auto' ? profile.database : config.database.kind;
  const usesEcto = database !== 'none';
  const clustering: DeployFacts['clustering'] =
    config.clustering === false ? 'none' : config.clustering === true && profile.clustering === 'none' ? 'dns_cluster' : profile.clustering;
  const envNames = new Set(profile.runtimeConfig.env.map((e) => e.name));
  const redis = config.redis.enabled === 'auto' ? profile.pubsub === 'redis' || envNames.has('REDIS_URL') : config.redis.enabled;
  const minRunning = config.machine.minRunning ?? (profile.liveView || profile.oban || clustering !== 'none' ? 1 : 0);
  const healthExists = profile.health !== null && profile.health.path === config.health.path;

  const secrets: SecretSpec[] = [
    { name: 'SECRET_KEY_BASE', description: 'signs and encrypts cookies and LiveView sessions', generate: 'secret-key-base', source: null, required: true },
  ];
  if (usesEcto && database !== 'sqlite') {
    secrets.push({ name: 'DATABASE_URL', description: `${database} connection URL`, generate: null, source: 'the database the target provisions', required: true });
  }
  if (redis) secrets.push({ name: 'REDIS_URL', description: 'Redis connection URL (PubSub / cache)', generate: null, source: 'the Redis the target provisions', required: true });
  if (clustering !== 'none') {
    secrets.push({ name: 'RELEASE_COOKIE', description: 'shared Erlang distribution cookie so nodes can connect', generate: 'release-cookie', source: null, required: true });
  }
  const known = new Set(secrets.map((s) => s.name));
  const env: Record<string, string> = { PHX_SERVER: 'true', PORT: String(config.port) };
  if (config.host) env.PHX_HOST = config.host;
  if (database === 'sqlite') env.DATABASE_PATH = `/data/${otpApp}.db`;
  for (const [k, v] of Object.entries(config.env)) env[k] = v;
  const setHere = new Set([...Object.keys(env), 'PHX_HOST', 'DNS_CLUSTER_QUERY', 'ECTO_IPV6', 'POOL_SIZE', 'RELEASE_NODE', 'RELEASE_DISTRIBUTION']);
  const unresolvedRequired: EnvVar[] = [];
  for (const v of profile.runtimeConfig.env) {
    if (v.dynamic || !v.required || known.has(v.name) || setHere.has(v.name)) continue;
    if (isSecretName(v.name)) {
      secrets.push({ name: v.name, description: `required by ${v.evidence.file}:${v.evidence.line}`, generate: null, source: null, required: true });
      known.add(v.name);
    } else unresolvedRequired.push(v);
  }
  for (const name of config.secrets) {
    if (!known.has(name)) {
      secrets.push({ name, description: 'listed in phoenix-ops.yaml', generate: null, source: null, required: true });
      known.add(name);
    }
  }
  const owner = repoOwner(profile);
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
    port: config.port,
    host: config.host,
    healthPath: config.health.path,
    healthExists,
    database,
    usesEcto,
    releaseModule: profile.releaseModule?.module ?? `${camelize(owner.otpApp)}.Release`,
    releaseModuleExists,
    releaseModuleApp: owner.otpApp,
    releaseModuleFile: releaseModuleExists || !usesEcto ? null : `${ownerDir ? `${ownerDir}/` : ''}lib/${owner.otpApp}/release.ex`,
    ectoRepos: [...new Set(ectoRepos(profile).map((r) => r.module))],
    liveView: profile.liveView,
    oban: profile.oban,
    clustering,
    redis,
    minRunning,
    secrets,
    env: sortedEnv,
    unresolvedRequired,
  };
}
