/**
 * What the Gigalixir files and steps are rendered from: the Elixir and OTP versions (the project's pins,
 * through the docker target's version choice), the buildpacks (elixir, phoenix-static when the app builds
 * assets, releases), the env Gigalixir does not set, the secrets and the database.
 * Buildpack keys: github.com/gigalixir/gigalixir-buildpack-elixir (README), gigalixir-buildpack-phoenix-static,
 * gigalixir-buildpack-releases; CLI: github.com/gigalixir/gigalixir-cli (gigalixir/__init__.py).
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions, SecretSpec } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { isPlatformSecretName } from '../../facts/secret-name.js';
import { writablePaths } from '../../facts/writable-paths.js';
import { dockerBuild } from '../docker/model.js';
import { compare } from '../shared/yaml.js';

/**
 * Env vars Gigalixir's run container sets (github.com/gigalixir/gigalixir-run, `launch()`): PORT 4000, the
 * node name and cookie, the libcluster Kubernetes selector, and SECRET_KEY_BASE is read there too.
 */
export const GIGALIXIR_PLATFORM_ENV = [
  'PORT', 'APP_NAME', 'MY_POD_IP', 'MY_NODE_NAME', 'MY_COOKIE', 'ERLANG_COOKIE', 'RELEASE_NODE', 'RELEASE_DISTRIBUTION', 'RELEASE_COOKIE',
  'LIBCLUSTER_KUBERNETES_SELECTOR', 'LIBCLUSTER_KUBERNETES_NODE_BASENAME', 'GIGALIXIR_APP_NAME', 'GIGALIXIR_COMMAND', 'POOL_SIZE',
] as const;

/** The port Gigalixir routes to and sets as PORT (the run container's `ENV PORT 4000`). */
export const GIGALIXIR_PORT = 4000;

export interface GigalixirModel {
  f: DeployFacts;
  app: string;
  elixir: string;
  otp: string;
  /** The phoenix-static buildpack runs (the app builds assets), with the Node version when the app uses npm. */
  assets: { node: string | null } | null;
  /** A database Gigalixir provisions: `pg:create --free` or a standard size. */
  postgres: { free: boolean; size: number } | null;
  /** Non-secret env set with `gigalixir config:set`, sorted. */
  env: [string, string][];
  /** The secrets the app needs; those without a `source` are set through the API with the value on stdin (generated, or asked from the user). */
  secrets: SecretSpec[];
  /** Database URL variables other than DATABASE_URL (pg:create sets only that one): copied from the database's URL. */
  extraUrlVars: string[];
  replicas: number;
  /** Replica size in GB of memory (0.5 … 128). */
  size: number;
  migrate: boolean;
  notes: string[];
}

const STANDARD_SIZES = [0.6, 1.7, 4, 8, 16, 32, 48, 64, 96];

function postgresChoice(f: DeployFacts, config: DeployConfig, notes: string[]): GigalixirModel['postgres'] {
  if (f.database === 'mysql' || f.database === 'mssql') notes.push(`${f.database === 'mysql' ? 'MySQL' : 'SQL Server'}: Gigalixir offers only Postgres. Use an external database and give ${f.databaseUrlVars.join(', ') || 'its variables'} at apply.`);
  if (f.database === 'sqlite') notes.push('SQLite: Gigalixir has no persistent disk. The database file is lost on every deploy and restart, so move to Postgres (gigalixir pg:create) for anything you keep.');
  if (f.database !== 'postgres') return null;
  const plan = config.database.plan;
  if (plan === 'free') {
    notes.push('Postgres: a free-tier Gigalixir database (pg:create --free: 2 connections, 10,000 rows, no backups; POOL_SIZE is set to 2). Not for production.');
    return { free: true, size: 0 };
  }
  const asked = plan === null ? 0.6 : Number(plan);
  const size = STANDARD_SIZES.find((s) => s >= asked) ?? 0.6;
  notes.push(`Postgres: a standard Gigalixir database of size ${size} (pg:create sets DATABASE_URL and POOL_SIZE); database.plan "free" picks the free tier.`);
  return { free: false, size };
}

/** Non-secret env Gigalixir does not set: the app's port and server switches, PHX_HOST, the app's own values. */
function plainEnv(f: DeployFacts, notes: string[]): [string, string][] {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(f.env)) {
    if (k === 'PORT') continue;
    if (isPlatformSecretName(k)) {
      notes.push(`${k} looks like a secret: it is set from stdin with the other secrets, not with config:set.`);
      continue;
    }
    env[k] = v;
  }
  return Object.entries(env).sort(([a], [b]) => compare(a, b));
}

export function gigalixirModel(profile: Profile, config: DeployConfig, options: RenderOptions = {}): GigalixirModel {
  const app = config.app;
  const f = deployFacts(profile, { ...config, port: GIGALIXIR_PORT }, { ...options, platformEnv: GIGALIXIR_PLATFORM_ENV, defaultHost: `${app}.gigalixirapp.com` });
  const b = dockerBuild(profile, config, options);
  const notes: string[] = [b.image.note.replace(/image/g, 'Elixir/OTP pair')];
  const postgres = postgresChoice(f, config, notes);
  const env = plainEnv(f, notes);
  const extraUrlVars = postgres ? f.databaseUrlVars.filter((v) => v !== 'DATABASE_URL') : [];
  // Gigalixir sets the cookie; pg:create sets DATABASE_URL (the extra URL variables are copied from it).
  const secrets = f.secrets
    .filter((s) => s.name !== 'RELEASE_COOKIE')
    .map((s) => {
      if (postgres && (s.name === 'DATABASE_URL' || extraUrlVars.includes(s.name))) return { ...s, source: 'gigalixir pg:create' };
      // pg:create sets only DATABASE_URL: the parts the app reads (the password) are asked for, copied from `gigalixir pg`.
      return s.source === 'the database the target provisions' ? { ...s, source: null } : s;
    });
  const parts = f.databaseEnv.filter((d) => d.role !== 'database-url').map((d) => d.name);
  if (postgres && parts.length) notes.push(`The app reads the database's parts (${parts.join(', ')}): pg:create sets only DATABASE_URL, so apply asks for them. Copy them from the url that \`gigalixir pg\` prints.`);
  for (const [k, v] of Object.entries(f.env)) if (isPlatformSecretName(k)) secrets.push({ name: k, description: `value ${v} from the deploy config`, generate: null, source: null, required: true });
  for (const i of f.inputs) secrets.push({ name: i.name, description: i.hint, generate: null, source: null, required: true });
  if (f.redis) notes.push('Redis: Gigalixir has no Redis add-on. Give the URL of a Redis you run elsewhere at apply.');
  if (f.clustering !== 'none') notes.push('Clustering: Gigalixir names nodes <app>@<pod ip> and sets the cookie (RELEASE_NODE, RELEASE_COOKIE); use libcluster with Cluster.Strategy.Kubernetes and the LIBCLUSTER_KUBERNETES_* variables it sets. Clustering needs the standard tier.');
  if (writablePaths(profile).length > 0 && f.database !== 'sqlite') notes.push('The app writes files to disk: Gigalixir has no persistent disk, so those files are lost on every deploy.');
  if (f.port !== GIGALIXIR_PORT) notes.push(`The app listens on port ${f.port} whatever PORT says; Gigalixir routes to ${GIGALIXIR_PORT} (its readiness check opens that port), so make the endpoint read PORT.`);
  const migrate = f.usesEcto && f.database !== 'sqlite';
  if (migrate) notes.push('Migrations: `gigalixir ps:migrate` runs them in a running replica over SSH after each deploy. Add your SSH key first (gigalixir account:ssh_keys:add).');
  const assets = b.assets.deploy.length > 0 ? { node: b.assets.node?.pin.version ?? null } : null;
  return {
    f, app, elixir: b.image.tag.elixir, otp: b.image.tag.otp, assets, postgres, env, secrets, extraUrlVars,
    replicas: Math.max(1, config.machine.count), size: Math.min(128, Math.max(0.5, Math.round(config.machine.memoryMb / 102.4) / 10)), migrate, notes,
  };
}
