/**
 * What render.yaml is rendered from, decided once from the deploy facts and phoenix-ops.yaml: the web
 * service's plan, region and instance count, the disk (SQLite or the app's writable folders), the
 * Postgres database and Key Value instance, and where every env var the app reads comes from.
 * Field meanings: Render's Blueprint YAML Reference, https://render.com/docs/blueprint-spec.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import type { DatabaseRole } from '../../facts/runtime-wiring.js';
import { isPlatformSecretName } from '../../facts/secret-name.js';
import { volumeLayout, writablePaths, type VolumeLayout } from '../../facts/writable-paths.js';
import { compare } from '../shared/yaml.js';

/**
 * Env vars Render sets in every service (https://render.com/docs/environment-variables; PORT defaults to
 * 10000, https://render.com/docs/web-services#port-binding).
 */
export const RENDER_PLATFORM_ENV = [
  'PORT', 'RENDER', 'RENDER_SERVICE_NAME', 'RENDER_SERVICE_ID', 'RENDER_EXTERNAL_HOSTNAME', 'RENDER_EXTERNAL_URL', 'RENDER_INSTANCE_ID',
  'RENDER_GIT_COMMIT', 'RENDER_GIT_BRANCH', 'RENDER_DISCOVERY_SERVICE', 'RENDER_CPU_COUNT', 'IS_PULL_REQUEST',
] as const;

/** Render's regions (Blueprint spec, `region`). */
export const RENDER_REGIONS = ['oregon', 'ohio', 'virginia', 'frankfurt', 'singapore'] as const;

/** Fly and Google Cloud region codes people already use in phoenix-ops.yaml, to the nearest Render region. */
const NEAREST: Readonly<Record<string, (typeof RENDER_REGIONS)[number]>> = {
  iad: 'virginia', ewr: 'virginia', bos: 'virginia', atl: 'virginia', mia: 'virginia', yyz: 'ohio', yul: 'virginia', ord: 'ohio', dfw: 'ohio', den: 'oregon',
  sjc: 'oregon', lax: 'oregon', sea: 'oregon', phx: 'oregon', 'us-east1': 'virginia', 'us-east4': 'virginia', 'us-central1': 'ohio', 'us-west1': 'oregon',
  ams: 'frankfurt', fra: 'frankfurt', cdg: 'frankfurt', lhr: 'frankfurt', arn: 'frankfurt', waw: 'frankfurt', mad: 'frankfurt', 'europe-west1': 'frankfurt', 'europe-west3': 'frankfurt',
  sin: 'singapore', nrt: 'singapore', hkg: 'singapore', syd: 'singapore', bom: 'singapore', 'asia-southeast1': 'singapore',
};

/** Web service instance types by memory (Render pricing: starter 512 MB, standard 2 GB, pro 4 GB, pro plus 8 GB, pro max 16 GB, pro ultra 32 GB). */
const PLANS: readonly { plan: string; memoryMb: number }[] = [
  { plan: 'starter', memoryMb: 512 }, { plan: 'standard', memoryMb: 2048 }, { plan: 'pro', memoryMb: 4096 },
  { plan: 'pro plus', memoryMb: 8192 }, { plan: 'pro max', memoryMb: 16384 }, { plan: 'pro ultra', memoryMb: 32768 },
];

/** Where one env var's value comes from, as a Blueprint `envVars` entry. */
export type RenderEnvSource =
  | { value: string }
  | { generateValue: true }
  | { sync: false; why: string }
  | { fromDatabase: { name: string; property: 'connectionString' | 'host' | 'port' | 'user' | 'password' | 'database' } }
  | { fromService: { type: 'keyvalue'; name: string; property: 'connectionString' } };

export interface RenderModel {
  f: DeployFacts;
  name: string;
  region: string;
  plan: string;
  instances: number;
  sqlite: boolean;
  disk: { name: string; mountPath: string; sizeGB: number } | null;
  storage: VolumeLayout | null;
  /** `preDeployCommand`: the release's migrate script (Ecto apps except SQLite, which migrate on boot). */
  preDeploy: string | null;
  database: { name: string; plan: string; region: string; storageGb: number } | null;
  keyValue: { name: string; plan: string } | null;
  /** Env var → its source, sorted by name. */
  env: [string, RenderEnvSource][];
  notes: string[];
}

const DB_PROPERTY: Readonly<Partial<Record<DatabaseRole, 'connectionString' | 'host' | 'port' | 'user' | 'password' | 'database'>>> = {
  'database-url': 'connectionString', 'db-host': 'host', 'db-port': 'port', 'db-user': 'user', 'db-password': 'password', 'db-name': 'database',
};

export function renderRegion(config: Pick<DeployConfig, 'region'>): string {
  if ((RENDER_REGIONS as readonly string[]).includes(config.region)) return config.region;
  return NEAREST[config.region] ?? 'oregon';
}

export function renderPlan(memoryMb: number): string {
  return (PLANS.find((p) => p.memoryMb >= memoryMb) ?? PLANS[PLANS.length - 1]!).plan;
}

/** The database variables the app reads, each from the Render Postgres it gets (split into the parts it reads). */
function databaseEnv(f: DeployFacts, db: string, env: Map<string, RenderEnvSource>): void {
  for (const name of f.databaseUrlVars) env.set(name, { fromDatabase: { name: db, property: 'connectionString' } });
  for (const d of f.databaseEnv) {
    const property = d.role ? DB_PROPERTY[d.role] : undefined;
    if (property) env.set(d.name, { fromDatabase: { name: db, property } });
  }
}

/** Every env var the app needs, with its source: values, the database, Key Value, generated and user-set secrets. */
function envSources(f: DeployFacts, m: Pick<RenderModel, 'database' | 'keyValue' | 'storage'>, notes: string[]): [string, RenderEnvSource][] {
  const env = new Map<string, RenderEnvSource>();
  for (const [k, v] of Object.entries({ ...f.env, ...m.storage?.env })) {
    env.set(k, isPlatformSecretName(k) ? { sync: false, why: 'looks like a secret' } : { value: v });
  }
  if (m.database) databaseEnv(f, m.database.name, env);
  for (const s of f.secrets) {
    if (env.has(s.name)) continue;
    if (s.source === 'the Redis the target provisions' && m.keyValue) env.set(s.name, { fromService: { type: 'keyvalue', name: m.keyValue.name, property: 'connectionString' } });
    else if (s.generate === 'release-cookie') env.set(s.name, { generateValue: true });
    else if (s.generate === 'secret-key-base') env.set(s.name, { sync: false, why: 'set the output of `mix phx.gen.secret` (64 bytes or more)' });
    else env.set(s.name, { sync: false, why: s.description });
  }
  for (const i of f.inputs) if (!env.has(i.name)) env.set(i.name, { sync: false, why: i.hint });
  const keyBase = f.secrets.find((s) => s.generate === 'secret-key-base');
  if (keyBase) {
    notes.push(
      `${keyBase.name} is \`sync: false\`: Render asks for it when you create the Blueprint. Paste the output of \`mix phx.gen.secret\`. Render's \`generateValue\` makes a 256-bit value, 44 base64 characters, and Plug's cookie store refuses a secret_key_base under 64 bytes. Deriving the value from two generated variables would mean wrapping every command that boots the release (the pre-deploy migration, shells, one-off jobs), so you set it once instead.`,
    );
  }
  const asked = [...env].filter(([, s]) => 'sync' in s).map(([k]) => k);
  if (asked.length) notes.push(`Render asks for these values when you create the Blueprint (\`sync: false\`; later syncs leave them alone, and preview environments do not copy them): ${asked.join(', ')}.`);
  return [...env].sort(([a], [b]) => compare(a, b));
}

function storageNotes(m: Pick<RenderModel, 'sqlite' | 'storage' | 'disk'>, asked: number): string[] {
  if (!m.disk) return [];
  const notes = [`A ${m.disk.sizeGB} GB persistent disk at ${m.disk.mountPath} ${m.sqlite ? 'holds the SQLite database' : "holds the app's files"}. Disks need a paid instance type, and a service with a disk runs one instance with no zero-downtime deploys.`];
  if (asked > 1) notes.push(`One instance instead of ${asked}: a Render disk attaches to a single instance.`);
  for (const w of m.storage?.outside ?? []) notes.push(`The app writes to ${w.path} (${w.evidence.file}:${w.evidence.line}), which is fixed in the code outside the disk at ${m.disk.mountPath}. Whatever it writes there is lost on every deploy.`);
  return notes;
}

export function renderModel(profile: Profile, config: DeployConfig, options: RenderOptions = {}): RenderModel {
  const name = config.app;
  const f = deployFacts(profile, config, { ...options, platformEnv: RENDER_PLATFORM_ENV, defaultHost: `${name}.onrender.com` });
  const notes: string[] = [];
  const region = renderRegion(config);
  if (region !== config.region) notes.push(`Region: Render runs in ${RENDER_REGIONS.join(', ')}; "${config.region}" maps to ${region}.`);
  const sqlite = f.database === 'sqlite';
  const storage = volumeLayout(writablePaths(profile), sqlite ? '/data' : null, new Set([...Object.keys(config.env), ...Object.keys(f.env)]));
  const disk = sqlite || storage ? { name: `${name}-data`, mountPath: storage?.mount ?? '/data', sizeGB: config.database.storageGb } : null;
  // Render Postgres disks are 1 GB or a multiple of 5 GB (Blueprint spec, diskSizeGB).
  const dbGb = config.database.storageGb <= 1 ? 1 : Math.ceil(config.database.storageGb / 5) * 5;
  const database = f.database === 'postgres' ? { name: `${name}-db`, plan: config.database.plan ?? 'basic-256mb', region, storageGb: dbGb } : null;
  if (database) notes.push(`Postgres: a Render Postgres database ${database.name} (plan ${database.plan}), reachable only on Render's private network (ipAllowList: []). The app's database variables come from it (fromDatabase).`);
  if (f.database === 'mysql' || f.database === 'mssql') notes.push(`${f.database === 'mysql' ? 'MySQL' : 'SQL Server'}: Render has no managed ${f.database === 'mysql' ? 'MySQL' : 'SQL Server'}. Use an external database and set ${f.databaseUrlVars.join(', ') || 'its variables'} when Render asks.`);
  const keyValue = f.redis ? { name: `${name}-redis`, plan: config.redis.plan ?? 'starter' } : null;
  if (keyValue) notes.push(`Redis: a Render Key Value instance ${keyValue.name} (plan ${keyValue.plan}, private network only); its URL comes from fromService.`);
  const preDeploy = f.usesEcto && !sqlite ? `${f.releaseDir}/bin/migrate` : null;
  if (preDeploy) notes.push(`Migrations run before each deploy (preDeployCommand ${preDeploy}), on a paid instance type, with the service's env and no disk. A failure cancels the deploy.`);
  const instances = disk ? 1 : Math.max(1, config.machine.count);
  const plan = renderPlan(config.machine.memoryMb);
  const m = { f, name, region, plan, instances, sqlite, disk, storage, preDeploy, database, keyValue, env: [] as [string, RenderEnvSource][], notes };
  notes.push(...storageNotes(m, config.machine.count));
  m.env = envSources(f, m, notes);
  if (f.health.kind === 'tcp') notes.push(`Health check: none at an HTTP path (${f.health.reason}); Render then only waits for the port to open.`);
  if (f.clustering !== 'none') notes.push("Clustering: Render's private network resolves <service>-discovery to every instance, but phoenix-ops has not verified BEAM distribution on Render. The nodes run unclustered until you set it up.");
  return m;
}
