/**
 * Names and sizes for the Cloud Run target, decided once from deployFacts and phoenix-ops.yaml, so the
 * service YAML, the job YAML and the Terraform agree on every id.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Profile } from '../../scan/profile.js';
import { sqlEngine, type SqlEngine } from '../compose/datastores.js';
import type { RenderOptions } from '../../model/plan.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { inputPlaceholder } from '../shared/env-inputs.js';

/** Env vars Cloud Run sets in every container (https://cloud.google.com/run/docs/container-contract#env-vars). */
export const CLOUDRUN_PLATFORM_ENV = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'] as const;

export interface CloudRunModel {
  facts: DeployFacts;
  name: string;
  project: string;
  projectPlaceholder: boolean;
  region: string;
  /** config.region was not a Google Cloud region (e.g. a Fly region) and was replaced. */
  regionReplaced: string | null;
  repository: string;
  image: string;
  imagePlaceholder: boolean;
  runServiceAccountId: string;
  runServiceAccountEmail: string;
  deployServiceAccountId: string;
  migrateJobName: string;
  sql: SqlEngine | null;
  sqlInstance: string;
  sqlConnection: string;
  minInstances: number;
  maxInstances: number;
  concurrency: number;
  timeoutSeconds: number;
  /** CPU stays allocated between requests (LiveView sockets, Oban jobs, PubSub). */
  cpuAlwaysAllocated: boolean;
  sessionAffinity: boolean;
  /** The app needs PubSub across instances (clustering, Presence, broadcasts, LiveView on several instances). */
  crossInstancePubSub: boolean;
  /** Redis is provisioned (the app uses it, or PubSub must move to it). */
  redis: boolean;
  /** PubSub must be switched to the Redis adapter (it is not already). */
  switchPubSub: boolean;
  cpu: number;
  memoryMb: number;
  /** Env var → Secret Manager secret id. */
  secretIds: Record<string, string>;
  /** Plain env for the containers (PORT excluded: Cloud Run sets it). */
  env: Record<string, string>;
}

const GCP_REGION = /^[a-z]+-[a-z]+[0-9]+$/;

/** The Google Cloud region the steps use: config.region when it is one, else us-central1 (a Fly region is not). */
export function cloudRunRegion(config: Pick<DeployConfig, 'region'>): string {
  return GCP_REGION.test(config.region) ? config.region : 'us-central1';
}

export function cloudRunModel(profile: Profile, config: DeployConfig, options: RenderOptions = {}): CloudRunModel {
  // Cloud SQL's user and database are named after the app (terraform/cloudsql.tf): an app that reads the parts gets them.
  const sqlId = config.app.replace(/-/g, '_');
  const provisioned = sqlEngine(config.database.kind === 'auto' ? profile.database : config.database.kind);
  const databaseParts = provisioned ? { 'db-user': sqlId, 'db-name': sqlId } : undefined;
  const facts = deployFacts(profile, config, { ...options, platformEnv: CLOUDRUN_PLATFORM_ENV, databaseParts });
  const name = facts.app;
  const region = cloudRunRegion(config);
  const project = config.cloudrun.project;
  const repository = name;
  const image = config.cloudrun.image ?? `${region}-docker.pkg.dev/${project}/${repository}/${name}:latest`;
  const sql = sqlEngine(facts.database);
  // SQLite lives in one instance's in-memory filesystem: more instances would each have their own database.
  const maxInstances = facts.database === 'sqlite' ? 1 : Math.max(1, config.machine.maxCount);
  const usage = profile.facts.usage;
  const crossInstancePubSub =
    maxInstances > 1 && (facts.clustering !== 'none' || facts.liveView || usage.presence.length > 0 || usage.pubsubBroadcast.length > 0 || profile.pubsub === 'redis');
  const switchPubSub = crossInstancePubSub && profile.pubsub !== 'redis';
  const redis = facts.redis || switchPubSub;

  const secretNames = new Set(facts.secrets.map((s) => s.name));
  if (redis) secretNames.add('REDIS_URL');
  // No BEAM cluster on Cloud Run: the cookie has no use there.
  secretNames.delete('RELEASE_COOKIE');
  const secretIds: Record<string, string> = {};
  for (const s of [...secretNames].sort()) secretIds[s] = `${name}-${s.toLowerCase().replace(/_/g, '-')}`.slice(0, 255);

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts.env)) if (k !== 'PORT' && !secretNames.has(k)) env[k] = v;
  if (config.host) env.PHX_HOST = config.host;
  // Without PHX_HOST the endpoint's url host stays at its default and LiveView's origin check rejects every socket:
  // the service URL is known only after the first deploy, so it is a value the user must set.
  else env.PHX_HOST = inputPlaceholder({ name: 'PHX_HOST', hint: 'the service URL host (gcloud run services describe) or your domain', evidence: { file: 'phoenix-ops.yaml', line: 1 } });
  for (const i of facts.inputs) env[i.name] = inputPlaceholder(i);

  return {
    facts,
    name,
    project,
    projectPlaceholder: project === 'my-gcp-project',
    region,
    regionReplaced: region === config.region ? null : config.region,
    repository,
    image,
    imagePlaceholder: config.cloudrun.image === null,
    runServiceAccountId: accountId(name, 'run'),
    runServiceAccountEmail: `${accountId(name, 'run')}@${project}.iam.gserviceaccount.com`,
    deployServiceAccountId: accountId(name, 'deploy'),
    migrateJobName: `${name}-migrate`,
    sql,
    sqlInstance: `${name}-db`,
    sqlConnection: `${project}:${region}:${name}-db`,
    minInstances: Math.min(facts.minRunning, maxInstances),
    maxInstances,
    concurrency: facts.liveView ? 250 : 80,
    timeoutSeconds: facts.liveView ? 3600 : 300,
    cpuAlwaysAllocated: facts.liveView || facts.oban,
    sessionAffinity: facts.liveView,
    crossInstancePubSub,
    redis,
    switchPubSub,
    cpu: Math.max(1, config.machine.cpus),
    memoryMb: Math.max(512, config.machine.memoryMb),
    secretIds,
    env,
  };
}

/** Service account ids are 6–30 characters of [a-z0-9-], starting with a letter. */
function accountId(app: string, suffix: string): string {
  const id = `${app.slice(0, 29 - suffix.length)}-${suffix}`.replace(/-+/g, '-');
  return id.length >= 6 ? id : `${id}-sa`.slice(0, 30);
}
