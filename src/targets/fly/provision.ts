/**
 * Fly resources (priced by `cost`), secrets (names and where the values come from) and the flyctl
 * steps `apply` runs, in order, each with its undo where flyctl has one. Values never appear here:
 * steps carry placeholders (see ../shared/placeholders.ts).
 */
import type { Resource } from '../../model/resource.js';
import { flyUnmanagedPostgresPresets } from './postgres-presets.js';
import type { SecretSpec, Step } from '../../model/plan.js';
import { generated, input, output } from '../shared/placeholders.js';
import type { FlyContext } from './model.js';
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
  if (c.sqlite) {
    out.push({ id: 'data-volume', kind: 'fly-volume', description: `${c.config.database.storageGb} GB volume for SQLite at /data`, count: 1, sizeGb: c.config.database.storageGb, region });
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
    if (s.name === 'DATABASE_URL' && c.postgres) return { ...s, source: c.postgres.managed ? 'fly mpg attach' : 'fly postgres attach' };
    if (s.name === 'DATABASE_URL') return { ...s, source: null };
    if (s.name === 'REDIS_URL' && c.redis) return { ...s, source: 'fly redis create' };
    return s;
  });
}

/**
 * flyctl steps, each with an idempotency probe (JSON from `fly … --json`) and its undo. Secrets go to
 * `fly secrets import`, which reads NAME=VALUE lines from stdin (flyctl internal/command/secrets/import.go),
 * never through argv.
 */
export function flySteps(c: FlyContext): Step[] {
  const app = c.f.app;
  const region = c.config.region;
  const onApp = ['--app', app];
  const secretsList = ['fly', 'secrets', 'list', ...onApp, '--json'];
  const hasSecrets = (names: string[]) => ({ command: secretsList, select: names.map((n) => `[name=${n}]`) });
  const steps: Step[] = [
    {
      id: 'app-create',
      description: `create the Fly app ${app}`,
      command: ['fly', 'apps', 'create', app, '--json'],
      probe: { command: ['fly', 'status', ...onApp, '--json'], select: ['Name'] },
      rollback: ['fly', 'apps', 'destroy', app, '--yes'],
      // Destroying the app destroys its volumes with it.
      ...(c.sqlite && c.volumeName ? { holds: ['volume-create'] } : {}),
    },
  ];
  if (c.postgres?.managed) {
    const name = c.postgres.clusterName;
    const list = ['fly', 'mpg', 'list', '--json'];
    steps.push(
      {
        id: 'db-create',
        description: `create the Managed Postgres cluster ${name} (${c.postgres.plan})`,
        command: ['fly', 'mpg', 'create', '--name', name, '--region', region, '--plan', c.postgres.plan, '--volume-size', String(c.config.database.storageGb)],
        // `fly mpg create` prints text (with the connection string): the id comes from `fly mpg list --json`.
        probe: { command: list, select: [`[name=${name}]`] },
        outputs: { command: list, values: { 'cluster-id': `[name=${name}].id` } },
        rollback: ['fly', 'mpg', 'destroy', output('db-create', 'cluster-id'), '--yes'],
        timeoutSeconds: 1800,
        data: true,
      },
      {
        id: 'db-attach',
        description: `attach it to ${app} (sets the DATABASE_URL secret)`,
        command: ['fly', 'mpg', 'attach', output('db-create', 'cluster-id'), ...onApp],
        probe: hasSecrets(['DATABASE_URL']),
        rollback: ['fly', 'mpg', 'detach', output('db-create', 'cluster-id'), ...onApp],
      },
    );
  } else if (c.postgres) {
    const preset = flyUnmanagedPostgresPresets[c.postgres.plan] ?? flyUnmanagedPostgresPresets['development']!;
    const name = c.postgres.clusterName;
    steps.push(
      {
        id: 'db-create',
        description: `create the Fly Postgres app ${name} (${c.postgres.plan})`,
        command: [
          'fly', 'postgres', 'create', '--name', name, '--region', region,
          '--initial-cluster-size', String(preset.nodes), '--vm-size', `${preset.cpuKind === 'shared' ? 'shared-cpu' : 'performance'}-${preset.cpus}x`,
          '--volume-size', String(Math.max(preset.volumeGb, 1)),
        ],
        probe: { command: ['fly', 'status', '--app', name, '--json'], select: ['Name'] },
        rollback: ['fly', 'apps', 'destroy', name, '--yes'],
        timeoutSeconds: 1800,
        data: true,
      },
      {
        id: 'db-attach',
        description: `attach it to ${app} (creates a database and user, sets DATABASE_URL)`,
        command: ['fly', 'postgres', 'attach', name, ...onApp, '--yes'],
        probe: hasSecrets(['DATABASE_URL']),
        rollback: ['fly', 'postgres', 'detach', name, ...onApp],
      },
    );
  }
  if (c.sqlite && c.volumeName) {
    const vol = c.volumeName;
    steps.push({
      id: 'volume-create',
      description: `create the ${c.config.database.storageGb} GB volume ${vol} for SQLite`,
      command: ['fly', 'volumes', 'create', vol, '--region', region, '--size', String(c.config.database.storageGb), ...onApp, '--yes', '--json'],
      probe: { command: ['fly', 'volumes', 'list', ...onApp, '--json'], select: [`[name=${vol}]`] },
      outputs: { command: ['fly', 'volumes', 'list', ...onApp, '--json'], values: { id: `[name=${vol}].id` } },
      rollback: ['fly', 'volumes', 'destroy', output('volume-create', 'id'), ...onApp, '--yes'],
      data: true,
    });
  }
  if (c.redis) {
    const name = c.redis.name;
    steps.push(
      {
        id: 'redis-create',
        description: `create the Upstash Redis database ${name}`,
        command: ['fly', 'redis', 'create', '--name', name, '--region', region, '--plan', c.redis.plan, '--no-replicas', '--disable-eviction'],
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
        command: ['fly', 'secrets', 'import', ...onApp, '--stage'],
        stdin: `REDIS_URL=${output('redis-create', 'url')}\n`,
        secrets: ['REDIS_URL'],
        probe: hasSecrets(['REDIS_URL']),
        rollback: ['fly', 'secrets', 'unset', 'REDIS_URL', ...onApp, '--stage'],
      },
    );
  }
  if (c.tigris) {
    steps.push({
      id: 'storage-create',
      description: `create the Tigris bucket ${c.tigris.name} (sets the AWS_* and BUCKET_NAME secrets)`,
      command: ['fly', 'storage', 'create', '--name', c.tigris.name, ...onApp, '--yes'],
      probe: hasSecrets(['BUCKET_NAME']),
      rollback: ['fly', 'storage', 'destroy', c.tigris.name, '--yes'],
      data: true,
    });
  }
  const secrets = flySecrets(c);
  const gen = secrets.filter((s) => s.generate);
  if (gen.length > 0) {
    steps.push({
      id: 'secrets-generated',
      description: `set generated secrets (${gen.map((s) => s.name).join(', ')}), staged for the first deploy`,
      command: ['fly', 'secrets', 'import', ...onApp, '--stage'],
      stdin: gen.map((s) => `${s.name}=${generated(s.generate!)}\n`).join(''),
      secrets: gen.map((s) => s.name),
      probe: hasSecrets(gen.map((s) => s.name)),
      rollback: ['fly', 'secrets', 'unset', ...gen.map((s) => s.name), ...onApp, '--stage'],
    });
  }
  const asked = secrets.filter((s) => !s.generate && !s.source);
  if (asked.length > 0) {
    steps.push({
      id: 'secrets-input',
      description: `set the secrets only you know (${asked.map((s) => s.name).join(', ')})`,
      command: ['fly', 'secrets', 'import', ...onApp, '--stage'],
      stdin: asked.map((s) => `${s.name}=${input(s.name)}\n`).join(''),
      secrets: asked.map((s) => s.name),
      probe: hasSecrets(asked.map((s) => s.name)),
      rollback: ['fly', 'secrets', 'unset', ...asked.map((s) => s.name), ...onApp, '--stage'],
    });
  }
  steps.push({
    id: 'deploy',
    description: `build the image on Fly's builders and deploy ${c.count === 1 ? 'one machine' : `${c.count} machines`}`,
    command: ['fly', 'deploy', '--remote-only', ...onApp, ...(c.count === 1 ? ['--ha=false'] : [])],
    rerun: 'on-change',
    timeoutSeconds: 1800,
  });
  if (c.count > 2) {
    steps.push({ id: 'scale', description: `scale to ${c.count} machines`, command: ['fly', 'scale', 'count', String(c.count), ...onApp, '--yes'] });
  }
  return steps;
}
