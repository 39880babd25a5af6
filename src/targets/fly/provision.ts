/**
 * Fly resources (priced by `cost`), secrets (names and where the values come from) and the flyctl
 * steps `apply` runs, in order, each with its undo where flyctl has one. Values never appear here:
 * steps carry placeholders (see ../shared/placeholders.ts).
 */
import type { Resource } from '../../model/resource.js';
import { FLY_POSTGRES_DEVELOPMENT, flyUnmanagedPostgresPresets } from './postgres-presets.js';
import type { SecretSpec, Step } from '../../model/plan.js';
import { generated, input, output } from '../shared/placeholders.js';
import type { FlyContext, FlyPostgres } from './model.js';
import { memoryString } from './model.js';

export function flyResources(c: FlyContext): Resource[] {
  const m = c.config.machine;
  const region = c.config.region;
  const out: Resource[] = [
    {
      id: 'app-machines',
      kind: 'fly-machine',
      description: `${c.count} × ${m.cpuKind}-cpu-${m.cpus}x, ${memoryString(m.memoryMb)} (auto stop, ${c.minRunning} kept running)`,
      count: c.count,
      cpuKind: m.cpuKind,
      cpus: m.cpus,
      memoryMb: m.memoryMb,
      region,
      autoStop: true,
      minRunning: c.minRunning,
    },
  ];
  if (c.volumeName) {
    out.push({ id: 'data-volume', kind: 'fly-volume', description: `${c.config.database.storageGb} GB volume for ${c.sqlite ? 'SQLite' : "the app's files"} at ${c.mount}`, count: 1, sizeGb: c.config.database.storageGb, region });
  }
  if (c.postgres) {
    out.push({
      id: 'postgres',
      kind: 'fly-postgres',
      description: c.postgres.managed ? `Managed Postgres, ${c.postgres.plan} plan, ${c.config.database.storageGb} GB` : `Fly Postgres app (unmanaged), ${c.postgres.plan} preset`,
      managed: c.postgres.managed,
      plan: c.postgres.plan,
      storageGb: c.config.database.storageGb,
      region,
    });
  }
  if (c.redis) out.push({ id: 'redis', kind: 'fly-redis', description: `Upstash Redis, ${c.redis.plan}`, plan: c.redis.plan });
  if (c.tigris) out.push({ id: 'storage', kind: 'fly-tigris', description: `Tigris bucket, ${c.tigris.gb} GB`, storageGb: c.tigris.gb });
  out.push({ id: 'egress', kind: 'egress', description: 'data sent to the internet', provider: 'fly', region });
  return out;
}

/** The deploy facts' secrets with Fly's sources filled in. */
export function flySecrets(c: FlyContext): SecretSpec[] {
  return c.f.secrets.map((s) => {
    if (c.postgres && s.name === c.postgres.urlVar) return { ...s, source: c.postgres.managed ? 'fly mpg attach' : 'fly postgres attach' };
    // Another URL variable, a password or a host: only the user can copy it from the URL attach stores (or an external database).
    if (s.source === 'the database the target provisions') return { ...s, source: null };
    if (s.name === 'REDIS_URL' && c.redis) return { ...s, source: 'fly redis create' };
    return s;
  });
}

/** flyctl calls the steps share: the app flag and the probe that finds secrets set on the app. */
interface Fly {
  app: string;
  region: string;
  onApp: string[];
  /** `--org SLUG` when phoenix-ops.yaml names the org; otherwise apply sets FLY_ORG (preflight: the only org, or FLY_ORG). */
  org: string[];
  hasSecrets: (names: string[]) => { command: string[]; select: string[] };
}

function flyOf(c: FlyContext): Fly {
  const onApp = ['--app', c.f.app];
  const secretsList = ['fly', 'secrets', 'list', ...onApp, '--json'];
  const org = c.config.fly.org ? ['--org', c.config.fly.org] : [];
  return { app: c.f.app, region: c.config.region, onApp, org, hasSecrets: (names) => ({ command: secretsList, select: names.map((n) => `[name=${n}]`) }) };
}

/** `fly secrets unset NAMES --app A --stage` (internal/command/secrets/unset.go). */
function unsetSecrets(fly: Fly, names: string[]): string[] {
  return ['fly', 'secrets', 'unset', ...names, ...fly.onApp, '--stage'];
}

function appStep(c: FlyContext, fly: Fly): Step {
  return {
    id: 'app-create',
    description: `create the Fly app ${fly.app}`,
    // prompt.Org (flyctl internal/prompt/prompt.go:248-285): without --org/FLY_ORG it fails non-interactively unless the only org is personal.
    command: ['fly', 'apps', 'create', fly.app, ...fly.org, '--json'],
    probe: { command: ['fly', 'status', ...fly.onApp, '--json'], select: ['Name'] },
    rollback: ['fly', 'apps', 'destroy', fly.app, '--yes'],
    // Destroying the app destroys its volumes with it.
    ...(c.volumeName ? { holds: ['volume-create'] } : {}),
  };
}

/** `attach` flags: the secret the URL goes in (the app's URL variable), the user and database when the app reads the parts. */
function attachFlags(pg: FlyPostgres): string[] {
  return [
    ...(pg.urlVar !== 'DATABASE_URL' ? ['--variable-name', pg.urlVar] : []),
    ...(pg.parts ? ['--database-user', pg.parts.user, '--database-name', pg.parts.name] : []),
  ];
}

/** Fly Managed Postgres: create the cluster (its id from `fly mpg list --json`), attach it (sets the app's URL secret). */
function managedPostgresSteps(c: FlyContext, fly: Fly, pg: FlyPostgres): Step[] {
  const name = pg.clusterName;
  // orgs.OrgFromFlagOrSelect (internal/command/orgs/orgs.go:64-120): `mpg list` needs --org or FLY_ORG, even with one org.
  const list = ['fly', 'mpg', 'list', ...fly.org, '--json'];
  const clusterId = output('db-create', 'cluster-id');
  return [
    {
      id: 'db-create',
      description: `create the Managed Postgres cluster ${name} (${pg.plan})`,
      command: ['fly', 'mpg', 'create', '--name', name, '--region', fly.region, ...fly.org, '--plan', pg.plan, '--volume-size', String(c.config.database.storageGb)],
      // `fly mpg create` prints text (with the connection string): the id comes from `fly mpg list --json`.
      probe: { command: list, select: [`[name=${name}]`] },
      outputs: { command: list, values: { 'cluster-id': `[name=${name}].id` } },
      rollback: ['fly', 'mpg', 'destroy', clusterId, '--yes'],
      timeoutSeconds: 1800,
      data: true,
    },
    {
      id: 'db-attach',
      description: `attach it to ${fly.app} (sets the ${pg.urlVar} secret)`,
      command: ['fly', 'mpg', 'attach', clusterId, ...fly.onApp, ...attachFlags(pg)],
      probe: fly.hasSecrets([pg.urlVar]),
      // `fly mpg detach` removes no secret ("This does NOT remove any secrets", internal/command/mpg/detach.go:22-23):
      // unset what attach set, or the next apply's probe finds a stale secret and skips the attach.
      rollback: unsetSecrets(fly, [pg.urlVar]),
    },
  ];
}

/** Unmanaged Fly Postgres: a Postgres app sized by its preset, attached with a database and user of its own. */
function unmanagedPostgresSteps(fly: Fly, pg: FlyPostgres): Step[] {
  const preset = flyUnmanagedPostgresPresets[pg.plan] ?? FLY_POSTGRES_DEVELOPMENT;
  const name = pg.clusterName;
  const vmSize = `${preset.cpuKind === 'shared' ? 'shared-cpu' : 'performance'}-${preset.cpus}x`;
  const size = ['--initial-cluster-size', String(preset.nodes), '--vm-size', vmSize, '--volume-size', String(Math.max(preset.volumeGb, 1))];
  return [
    {
      id: 'db-create',
      description: `create the Fly Postgres app ${name} (${pg.plan})`,
      command: ['fly', 'postgres', 'create', '--name', name, '--region', fly.region, ...fly.org, ...size],
      probe: { command: ['fly', 'status', '--app', name, '--json'], select: ['Name'] },
      rollback: ['fly', 'apps', 'destroy', name, '--yes'],
      timeoutSeconds: 1800,
      data: true,
    },
    {
      id: 'db-attach',
      description: `attach it to ${fly.app} (creates a database and user, sets ${pg.urlVar})`,
      command: ['fly', 'postgres', 'attach', name, ...fly.onApp, ...attachFlags(pg), '--yes'],
      probe: fly.hasSecrets([pg.urlVar]),
      // `fly postgres detach` always asks which attachment (prompt.Select, internal/command/postgres/detach.go:101,118-131),
      // so it cannot run without a terminal: unset the secret attach set instead.
      rollback: unsetSecrets(fly, [pg.urlVar]),
    },
  ];
}

function volumeStep(c: FlyContext, fly: Fly, vol: string): Step {
  const size = String(c.config.database.storageGb);
  const list = ['fly', 'volumes', 'list', ...fly.onApp, '--json'];
  return {
    id: 'volume-create',
    description: `create the ${size} GB volume ${vol} for ${c.sqlite ? 'SQLite' : "the app's files"}`,
    command: ['fly', 'volumes', 'create', vol, '--region', fly.region, '--size', size, ...fly.onApp, '--yes', '--json'],
    probe: { command: list, select: [`[name=${vol}]`] },
    outputs: { command: list, values: { id: `[name=${vol}].id` } },
    rollback: ['fly', 'volumes', 'destroy', output('volume-create', 'id'), ...fly.onApp, '--yes'],
    data: true,
  };
}

function redisSteps(fly: Fly, redis: { plan: string; name: string }): Step[] {
  const name = redis.name;
  return [
    {
      id: 'redis-create',
      description: `create the Upstash Redis database ${name}`,
      // internal/command/redis/create.go: --enable-prodpack=false answers the ProdPack prompt (:177-187, flyctl 0.4.10);
      // --plan matches a plan's id or display name only (:315-333) and, left out, selects pay-as-you-go.
      command: ['fly', 'redis', 'create', '--name', name, '--region', fly.region, ...fly.org, ...(redis.plan === 'payg' ? [] : ['--plan', redis.plan]), '--no-replicas', '--disable-eviction', '--enable-prodpack=false'],
      probe: { command: ['fly', 'redis', 'status', name] },
      // flyctl has no JSON for Redis (internal/command/redis/status.go prints a table): the URL, a secret,
      // is read from the "Private URL" row and kept in memory only.
      outputs: { command: ['fly', 'redis', 'status', name], text: true, values: { url: 'Private URL' }, sensitive: ['url'] },
      rollback: ['fly', 'redis', 'destroy', name, '--yes'],
      data: true,
    },
    {
      id: 'redis-secret',
      description: 'store its URL as the REDIS_URL secret',
      command: ['fly', 'secrets', 'import', ...fly.onApp, '--stage'],
      stdin: `REDIS_URL=${output('redis-create', 'url')}\n`,
      stdinEscape: 'fly-secrets',
      secrets: ['REDIS_URL'],
      probe: fly.hasSecrets(['REDIS_URL']),
      rollback: unsetSecrets(fly, ['REDIS_URL']),
    },
  ];
}

/**
 * The secrets `fly storage create` sets on the app: the Tigris add-on's environment (flyctl
 * internal/command/extensions/core/core.go:452-515 sets whatever names the API returns; fly.io/docs/js/the-basics/object-storage
 * lists these five).
 */
export const TIGRIS_SECRETS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'BUCKET_NAME'];

/**
 * Removes the bucket, then the secrets `storage create` set: `fly storage destroy` only deletes the add-on
 * (internal/command/extensions/tigris/destroy.go:40-79, gql.DeleteAddOn) and leaves them on the app. Unsetting a
 * secret the app lacks is no error (internal/appsecrets/secrets.go:53-63 relies on it), so a retry is safe.
 * Arguments: bucket, app, then the secret names.
 */
export const STORAGE_DESTROY = ['set -euo pipefail', 'bucket=$1 app=$2', 'shift 2', 'fly storage destroy "$bucket" --yes', 'fly secrets unset "$@" --app "$app" --stage'].join('\n');

function storageStep(fly: Fly, tigris: { name: string }): Step {
  return {
    id: 'storage-create',
    description: `create the Tigris bucket ${tigris.name} (sets the ${TIGRIS_SECRETS.join(', ')} secrets; removing it unsets them)`,
    command: ['fly', 'storage', 'create', '--name', tigris.name, ...fly.onApp, '--yes'],
    probe: fly.hasSecrets(['BUCKET_NAME']),
    rollback: ['bash', '-c', STORAGE_DESTROY, 'storage-destroy', tigris.name, fly.app, ...TIGRIS_SECRETS],
    data: true,
  };
}

/** One `fly secrets import` (NAME=VALUE lines on stdin), staged for the first deploy. */
function secretsStep(fly: Fly, id: string, description: string, lines: { name: string; value: string }[]): Step {
  const names = lines.map((l) => l.name);
  return {
    id,
    description,
    command: ['fly', 'secrets', 'import', ...fly.onApp, '--stage'],
    stdin: lines.map((l) => `${l.name}=${l.value}\n`).join(''),
    // Each value quoted as flyctl's parser reads it back byte for byte (or refused, naming it): src/apply/fly-secrets-quote.ts.
    stdinEscape: 'fly-secrets',
    secrets: names,
    probe: fly.hasSecrets(names),
    rollback: unsetSecrets(fly, names),
  };
}

/** Generated secrets (SECRET_KEY_BASE, RELEASE_COOKIE), then the ones only the user knows. */
function secretSteps(c: FlyContext, fly: Fly): Step[] {
  const secrets = flySecrets(c);
  const out: Step[] = [];
  const gen = secrets.flatMap((s) => (s.generate ? [{ name: s.name, value: generated(s.generate) }] : []));
  if (gen.length > 0) out.push(secretsStep(fly, 'secrets-generated', `set generated secrets (${gen.map((s) => s.name).join(', ')}), staged for the first deploy`, gen));
  const asked = secrets.filter((s) => !s.generate && !s.source).map((s) => ({ name: s.name, value: input(s.name) }));
  if (asked.length > 0) out.push(secretsStep(fly, 'secrets-input', `set the secrets only you know (${asked.map((s) => s.name).join(', ')})`, asked));
  return out;
}

function deploySteps(c: FlyContext, fly: Fly): Step[] {
  const out: Step[] = [
    {
      id: 'deploy',
      description: `build the image on Fly's builders and deploy ${c.count === 1 ? 'one machine' : `${c.count} machines`}`,
      command: ['fly', 'deploy', '--remote-only', ...fly.onApp, ...(c.count === 1 ? ['--ha=false'] : [])],
      rerun: 'on-change',
      timeoutSeconds: 1800,
    },
  ];
  if (c.count > 2) out.push({ id: 'scale', description: `scale to ${c.count} machines`, command: ['fly', 'scale', 'count', String(c.count), ...fly.onApp, '--yes'] });
  return out;
}

/**
 * flyctl steps, each with an idempotency probe (JSON from `fly … --json`) and its undo. Secrets go to
 * `fly secrets import`, which reads NAME=VALUE lines from stdin (flyctl internal/command/secrets/import.go),
 * never through argv.
 */
export function flySteps(c: FlyContext): Step[] {
  const fly = flyOf(c);
  const pg = c.postgres;
  return [
    appStep(c, fly),
    ...(pg ? (pg.managed ? managedPostgresSteps(c, fly, pg) : unmanagedPostgresSteps(fly, pg)) : []),
    ...(c.volumeName ? [volumeStep(c, fly, c.volumeName)] : []),
    ...(c.redis ? redisSteps(fly, c.redis) : []),
    ...(c.tigris ? [storageStep(fly, c.tigris)] : []),
    ...secretSteps(c, fly),
    ...deploySteps(c, fly),
  ];
}
