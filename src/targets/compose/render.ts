/**
 * The compose target: compose.yaml for a production-like local run (the release image from the
 * Dockerfile, the database and Redis with health checks, a one-shot migration service that must finish
 * before the app starts) and compose.env.example, the names of the values to supply (placeholders only,
 * templates/compose.env.example.eta).
 */
import { TCP_CHECK_HINT } from '../../facts/health.js';
import type { WritablePath } from '../../facts/writable-paths.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions, Step, TargetOutput } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { IMAGE_TAG, IMAGE_TAG_ENV } from '../../model/image-tag.js';
import { toYaml } from '../shared/yaml.js';
import { MYSQL_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE, type SqlEngine } from './datastores.js';
import { composeModel, type ComposeModel } from './model.js';
import { composeEnvExample } from './templates/index.js';

export const COMPOSE_FILE = 'compose.yaml';
/** The name used when the project has a Compose file of its own, so `docker compose up` keeps running that one. */
export const RELEASE_COMPOSE_FILE = 'compose.release.yaml';
/** Compose's default file names, in the order it looks for them (docs.docker.com/compose/intro/compose-application-model/). */
const DEFAULT_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * compose.yaml, unless the project keeps a Compose file of its own (often its dev database): Compose
 * prefers compose.yaml over docker-compose.yml, so writing one beside it would take over every plain
 * `docker compose up` of the project. The generated file is then compose.release.yaml, always passed
 * with `--file`.
 */
export function composeFileFor(profile: Profile, options: RenderOptions = {}): string {
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath.replace(/\/+$/, '')}/`;
  const present = new Set((profile.facts.files ?? []).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)));
  const own = DEFAULT_NAMES.filter((n) => present.has(n) && (n !== COMPOSE_FILE || options.keptFiles?.has(COMPOSE_FILE)));
  return own.length ? RELEASE_COMPOSE_FILE : COMPOSE_FILE;
}
export const ENV_EXAMPLE = 'compose.env.example';
/** Host port the app is published on. */
export const HOST_PORT = 4000;

type Obj = Record<string, unknown>;

const HINTS: Record<string, string> = {
  SECRET_KEY_BASE: 'output of: mix phx.gen.secret',
  POSTGRES_PASSWORD: 'any local password, letters and digits only (it goes into the database URL as typed)',
  MYSQL_ROOT_PASSWORD: 'any local password, letters and digits only (it goes into the database URL as typed)',
};

/** The values compose.env must supply: each use is a `${NAME:?…}` reference, so Compose refuses to start while one is missing. */
class RequiredVars {
  readonly names = new Set<string>();
  need(name: string): string {
    this.names.add(name);
    return `\${${name}:?set ${name} in compose.env}`;
  }
}

/** The app's environment (also the migrate service's), sorted: the release's env, the db and Redis services' URLs, secrets from compose.env. */
function appEnvironment(c: ComposeModel, vars: RequiredVars): Record<string, string> {
  const { facts, engine } = c;
  const env: Record<string, string> = { ...facts.env, PHX_HOST: 'localhost' };
  delete env.DNS_CLUSTER_QUERY;
  const redisVar = redisUrlVar(c);
  for (const s of facts.secrets) {
    if (s.name === 'RELEASE_COOKIE') continue; // one container: no cluster to join
    if (facts.databaseUrlVars.includes(s.name) && engine) continue;
    if (s.name === redisVar) continue;
    // The app's database password is the db service's password.
    env[s.name] = engine && facts.roles.get(s.name) === 'db-password' ? vars.need(c.passwordVar) : vars.need(s.name);
  }
  // The password goes into the URL as typed: the env example asks for letters and digits only.
  for (const name of engine ? facts.databaseUrlVars : []) env[name] = `ecto://${engine === 'postgres' ? 'postgres' : 'root'}:${vars.need(c.passwordVar)}@db/${c.dbName}`;
  if (redisVar) env[redisVar] = 'redis://redis:6379';
  for (const v of facts.inputs) if (!(v.name in env)) env[v.name] = vars.need(v.name);
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(env).sort()) sorted[k] = env[k] ?? '';
  return sorted;
}

/** The env var the app reads Redis's URL from (its redis-url role, else REDIS_URL), when it uses Redis. */
function redisUrlVar(c: ComposeModel): string | null {
  if (!c.facts.redis) return null;
  return [...c.facts.roles].find(([, r]) => r === 'redis-url')?.[0] ?? 'REDIS_URL';
}

function dbService(engine: SqlEngine, dbName: string, vars: RequiredVars): Obj {
  if (engine === 'postgres') {
    return {
      image: POSTGRES_IMAGE,
      environment: { POSTGRES_DB: dbName, POSTGRES_PASSWORD: vars.need('POSTGRES_PASSWORD'), POSTGRES_USER: 'postgres' },
      volumes: ['db-data:/var/lib/postgresql/data'],
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres -d "$${POSTGRES_DB}"'], interval: '5s', timeout: '5s', retries: 10, start_period: '10s' },
      restart: 'unless-stopped',
    };
  }
  return {
    image: MYSQL_IMAGE,
    environment: { MYSQL_DATABASE: dbName, MYSQL_ROOT_PASSWORD: vars.need('MYSQL_ROOT_PASSWORD') },
    volumes: ['db-data:/var/lib/mysql'],
    healthcheck: { test: ['CMD-SHELL', 'mysqladmin ping -h 127.0.0.1 -uroot -p"$${MYSQL_ROOT_PASSWORD}" --silent'], interval: '5s', timeout: '5s', retries: 20, start_period: '20s' },
    restart: 'unless-stopped',
  };
}

function redisService(): Obj {
  return {
    image: REDIS_IMAGE,
    healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '5s', retries: 10 },
    restart: 'unless-stopped',
  };
}

/**
 * The runtime image has bash but no curl: the check speaks HTTP over /dev/tcp (X-Forwarded-Proto keeps
 * force_ssl quiet), or only connects when the app serves no health route.
 */
function appHealthcheck(c: ComposeModel): Obj {
  const { port, healthPath } = c.facts;
  const connect = `exec 3<>/dev/tcp/127.0.0.1/${port}`;
  const probe =
    healthPath === null
      ? connect
      : `${connect} && printf 'GET ${healthPath} HTTP/1.0\\r\\nHost: localhost\\r\\nX-Forwarded-Proto: https\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '`;
  return { test: ['CMD', 'bash', '-c', probe], interval: '10s', timeout: '5s', retries: 5, start_period: '30s' };
}

interface ComposeDocument {
  doc: Obj;
  image: string;
  volumes: string[];
  migrations: boolean;
  variables: string[];
}

/** compose.yaml's content: db, redis, migrate and app services in that order, then the named volumes. */
function composeDocument(c: ComposeModel): ComposeDocument {
  const { facts, engine } = c;
  const vars = new RequiredVars();
  const environment = appEnvironment(c, vars);
  const services: Obj = {};
  const appDepends: Obj = {};
  if (engine) {
    services.db = dbService(engine, c.dbName, vars);
    appDepends.db = { condition: 'service_healthy' };
  }
  if (facts.redis) {
    services.redis = redisService();
    appDepends.redis = { condition: 'service_healthy' };
  }
  // The tag apply chose for this build (it sets PHOENIX_OPS_IMAGE_TAG for every compose call); `local` by hand.
  const image = `${facts.app}:\${${IMAGE_TAG_ENV}:-local}`;
  const build = { context: '.', dockerfile: facts.dockerfile };
  const migrations = facts.usesEcto && engine !== null && c.migration.run;
  if (migrations) {
    const command = [`${facts.releaseDir}/bin/migrate`];
    services.migrate = { build, image, command, environment, depends_on: { db: { condition: 'service_healthy' } }, restart: 'no' };
    appDepends.migrate = { condition: 'service_completed_successfully' };
  }
  const app: Obj = { build, image, environment, ports: [`${HOST_PORT}:${facts.port}`] };
  if (Object.keys(appDepends).length) app.depends_on = appDepends;
  app.healthcheck = appHealthcheck(c);
  app.restart = 'unless-stopped';
  const volumes: Obj = {};
  const mounts: string[] = [];
  if (facts.database === 'sqlite') {
    mounts.push('app-data:/data');
    volumes['app-data'] = {};
  }
  for (const [name, path] of fileVolumes(c.writable)) {
    mounts.push(`${name}:${path}`);
    volumes[name] = {};
  }
  if (mounts.length) app.volumes = mounts;
  if (engine) volumes['db-data'] = {};
  services.app = app;
  const doc: Obj = { name: facts.app, services };
  if (Object.keys(volumes).length) doc.volumes = volumes;
  return { doc, image, volumes: Object.keys(volumes), migrations, variables: [...vars.names].sort() };
}

/** A named volume per writable folder (`files-uploads` for /srv/app/uploads), mounted at the folder itself. */
function fileVolumes(writable: readonly WritablePath[]): [string, string][] {
  const used = new Set<string>();
  return writable.map((w) => {
    const base = `files-${(w.path.slice(w.path.lastIndexOf('/') + 1).toLowerCase().replace(/[^a-z0-9_-]+/g, '-') || 'data')}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return [name, w.path];
  });
}

function composeYaml(file: string, d: ComposeDocument): string {
  return toYaml(d.doc, {
    header: [
      'Generated by phoenix-ops (compose target): the production release, locally.',
      `  cp ${ENV_EXAMPLE} compose.env   # then fill in every <...>; keep compose.env out of git`,
      `  docker compose ${file === COMPOSE_FILE ? '' : `--file ${file} `}--env-file compose.env up --build`,
      `Then open http://localhost:${HOST_PORT}${d.migrations ? ' (the migrate service runs first)' : ''}.`,
    ],
  });
}

function envExample(c: ComposeModel, file: string, variables: string[]): string {
  const { facts } = c;
  const hint = (v: string) => HINTS[v] ?? facts.secrets.find((s) => s.name === v)?.description ?? facts.inputs.find((i) => i.name === v)?.hint ?? 'value';
  return composeEnvExample.render({ file, variables: variables.map((name) => ({ name, hint: hint(name) })) });
}

function composeNotes(c: ComposeModel, file: string): string[] {
  const { facts } = c;
  const notes = [
    `${file} runs the production release locally on http://localhost:${HOST_PORT}: docker compose --file ${file} --env-file compose.env up --build (copy ${ENV_EXAMPLE} to compose.env first and keep it out of git).`,
  ];
  if (file !== COMPOSE_FILE) notes.push(`The project has a Compose file of its own: this one is ${file}, so a plain \`docker compose up\` still runs yours.`);
  if (facts.health.kind === 'tcp') notes.push(`The app's health check connects to port ${facts.port} over TCP, because ${facts.health.reason} (${TCP_CHECK_HINT}).`);
  if (facts.clustering !== 'none') notes.push('Compose runs one app container: clustering stays off (DNS_CLUSTER_QUERY unset).');
  if (facts.database === 'sqlite') notes.push('SQLite lives in the app-data volume at /data.');
  if (facts.usesEcto && c.engine !== null && c.migration.note) notes.push(c.migration.note);
  for (const w of c.writable) notes.push(`${w.path} (${w.evidence.file}:${w.evidence.line}) is a named volume, so what the app writes there survives container restarts.`);
  if (facts.database === 'mssql') notes.push(`SQL Server is not started by ${file}: point DATABASE_URL at one.`);
  return notes;
}

export function renderCompose(profile: Profile, config: DeployConfig, options: RenderOptions = {}): TargetOutput {
  const c = composeModel(profile, config, options);
  const file = composeFileFor(profile, options);
  const d = composeDocument(c);
  return {
    files: [
      { path: file, content: composeYaml(file, d), description: 'production-like local run: release image, database, migrations, health checks' },
      { path: ENV_EXAMPLE, content: envExample(c, file, d.variables), description: `names of the values ${file} needs (placeholders only)` },
    ],
    patches: [],
    resources: [],
    secrets: c.facts.secrets.filter((s) => s.name !== 'RELEASE_COOKIE'),
    steps: composeSteps(file, c.facts.app, `${c.facts.app}:${IMAGE_TAG}`, d.volumes),
    notes: composeNotes(c, file),
  };
}

/**
 * `docker compose up --detach --wait` with compose.env (the user's file: values never pass through
 * phoenix-ops). Named volumes are created first, labelled as Compose labels its own, so a failed first run
 * can remove them while volumes that held data before are never touched.
 */
function composeSteps(file: string, project: string, image: string, volumeNames: string[]): Step[] {
  const compose = (...args: string[]) => ['docker', 'compose', '--file', file, '--env-file', 'compose.env', ...args];
  const steps: Step[] = volumeNames.map((v) => {
    const name = `${project}_${v}`;
    return {
      id: `compose-volume-${v}`,
      description: `create the volume ${name}`,
      command: ['docker', 'volume', 'create', '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.volume=${v}`, name],
      probe: { command: ['docker', 'volume', 'inspect', name, '--format', 'json'], select: ['[0].Name'] },
      rollback: ['docker', 'volume', 'rm', name],
      data: true,
    };
  });
  steps.push(
    {
      id: 'compose-build',
      description: `build the release image ${project}:<tag of this build> (compose.yaml reads the tag from $${IMAGE_TAG_ENV})`,
      command: compose('build'),
      rerun: 'on-change',
      probe: { command: ['docker', 'image', 'inspect', image, '--format', 'json'], select: ['[0].Id'] },
      rollback: ['docker', 'image', 'rm', image],
      timeoutSeconds: 1800,
    },
    {
      id: 'compose-up',
      description: 'start the services and wait until they are healthy (migrations run first)',
      command: compose('up', '--detach', '--wait', '--no-build'),
      rerun: 'on-change',
      // One JSON object per line since compose v2.21.0 (docker/compose cmd/compose/ps.go, 1054792b), an array before.
      probe: { command: compose('ps', '--all', '--format', 'json'), select: ['[0].Name'], jsonLines: true },
      rollback: compose('down', '--remove-orphans'),
      timeoutSeconds: 900,
    },
  );
  return steps;
}
