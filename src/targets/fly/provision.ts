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

export function flySteps(c: FlyContext): Step[] {
  const app = c.f.app;
  const region = c.config.region;
  const steps: Step[] = [
    { id: 'app-create', description: `create the Fly app ${app}`, command: ['fly', 'apps', 'create', app], rollback: ['fly', 'apps', 'destroy', app, '--yes'] },
  ];
  if (c.postgres?.managed) {
    steps.push(
      {
        id: 'db-create',
        description: `create the Managed Postgres cluster ${c.postgres.clusterName} (${c.postgres.plan})`,
        command: ['fly', 'mpg', 'create', '--name', c.postgres.clusterName, '--region', region, '--plan', c.postgres.plan, '--volume-size', String(c.config.database.storageGb)],
      },
      {
        id: 'db-attach',
        description: `attach it to ${app} (sets the DATABASE_URL secret)`,
        command: ['fly', 'mpg', 'attach', output('db-create', 'cluster-id'), '--app', app],
      },
    );
  } else if (c.postgres) {
    const preset = flyUnmanagedPostgresPresets[c.postgres.plan] ?? flyUnmanagedPostgresPresets['development']!;
    steps.push(
      {
        id: 'db-create',
        description: `create the Fly Postgres app ${c.postgres.clusterName} (${c.postgres.plan})`,
        command: [
          'fly', 'postgres', 'create', '--name', c.postgres.clusterName, '--region', region,
          '--initial-cluster-size', String(preset.nodes), '--vm-size', `${preset.cpuKind === 'shared' ? 'shared-cpu' : 'performance'}-${preset.cpus}x`,
          '--volume-size', String(Math.max(preset.volumeGb, 1)),
        ],
        rollback: ['fly', 'apps', 'destroy', c.postgres.clusterName, '--yes'],
      },
      {
        id: 'db-attach',
        description: `attach it to ${app} (creates a database and user, sets DATABASE_URL)`,
        command: ['fly', 'postgres', 'attach', c.postgres.clusterName, '--app', app, '--yes'],
        rollback: ['fly', 'postgres', 'detach', c.postgres.clusterName, '--app', app],
      },
    );
  }
  if (c.sqlite && c.volumeName) {
    steps.push({
      id: 'volume-create',
      description: `create the ${c.config.database.storageGb} GB volume ${c.volumeName} for SQLite`,
      command: ['fly', 'volumes', 'create', c.volumeName, '--region', region, '--size', String(c.config.database.storageGb), '--app', app, '--yes'],
    });
  }
  if (c.redis) {
    steps.push(
      {
        id: 'redis-create',
        description: `create the Upstash Redis database ${c.redis.name}`,
        command: ['fly', 'redis', 'create', '--name', c.redis.name, '--region', region, '--plan', c.redis.plan, '--no-replicas', '--disable-eviction'],
      },
      {
        id: 'redis-secret',
        description: 'store its URL as the REDIS_URL secret',
        command: ['fly', 'secrets', 'set', `REDIS_URL=${output('redis-create', 'url')}`, '--app', app, '--stage'],
        rollback: ['fly', 'secrets', 'unset', 'REDIS_URL', '--app', app, '--stage'],
      },
    );
  }
  if (c.tigris) {
    steps.push({
      id: 'storage-create',
      description: `create the Tigris bucket ${c.tigris.name} (sets the AWS_* and BUCKET_NAME secrets)`,
      command: ['fly', 'storage', 'create', '--name', c.tigris.name, '--app', app, '--yes'],
    });
  }
  const secrets = flySecrets(c);
  const gen = secrets.filter((s) => s.generate);
  if (gen.length > 0) {
    steps.push({
      id: 'secrets-generated',
      description: `set generated secrets (${gen.map((s) => s.name).join(', ')}), staged for the first deploy`,
      command: ['fly', 'secrets', 'set', ...gen.map((s) => `${s.name}=${generated(s.generate!)}`), '--app', app, '--stage'],
      rollback: ['fly', 'secrets', 'unset', ...gen.map((s) => s.name), '--app', app, '--stage'],
    });
  }
  const asked = secrets.filter((s) => !s.generate && !s.source);
  if (asked.length > 0) {
    steps.push({
      id: 'secrets-input',
      description: `set the secrets only you know (${asked.map((s) => s.name).join(', ')})`,
      command: ['fly', 'secrets', 'set', ...asked.map((s) => `${s.name}=${input(s.name)}`), '--app', app, '--stage'],
      rollback: ['fly', 'secrets', 'unset', ...asked.map((s) => s.name), '--app', app, '--stage'],
    });
  }
  steps.push({
    id: 'deploy',
    description: `build the image on Fly's builders and deploy ${c.count === 1 ? 'one machine' : `${c.count} machines`}`,
    command: ['fly', 'deploy', '--remote-only', '--app', app, ...(c.count === 1 ? ['--ha=false'] : [])],
  });
  if (c.count > 2) {
    steps.push({ id: 'scale', description: `scale to ${c.count} machines`, command: ['fly', 'scale', 'count', String(c.count), '--app', app, '--yes'] });
  }
  return steps;
}
