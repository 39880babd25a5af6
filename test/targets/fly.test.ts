/**
 * Target `fly`, rendered with the docker target for the example app and every fixture (default
 * config): fly.toml parsed back with smol-toml and checked against the Dockerfile and the config,
 * resources priced by the estimator, steps as argv with placeholders instead of secret values.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimate } from '../../src/cost/estimate.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { renderDocker } from '../../src/targets/docker/index.js';
import { renderFly, target } from '../../src/targets/fly/index.js';
import { str } from '../../src/targets/fly/toml.js';
import { placeholders } from '../../src/targets/shared/placeholders.js';
import { REPO } from '../helpers/project.js';
import { validateToml } from '../helpers/validate.js';

/** Rendered as generate --apply-patches does: the health route patch is applied, so probes ask for it. */
const APPLIED = { acceptedPatches: new Set(['health-route']) };

const FIXTURES = join(REPO, 'test', 'fixtures');
const PROJECTS: Record<string, string> = { example: join(REPO, 'examples', 'hello_phoenix') };
for (const name of readdirSync(FIXTURES).sort()) {
  if (statSync(join(FIXTURES, name)).isDirectory()) PROJECTS[name] = join(FIXTURES, name);
}

async function configFor(profile: Profile): Promise<DeployConfig> {
  const mod = (await import('../../src/plan/config.js')) as { defaultConfig?: (p: Profile) => DeployConfig };
  if (!mod.defaultConfig) throw new Error('src/plan/config.ts has no defaultConfig');
  return mod.defaultConfig(profile);
}

interface FlyToml {
  app: string;
  primary_region: string;
  kill_signal: string;
  deploy?: { release_command?: string };
  env: Record<string, string>;
  http_service: {
    internal_port: number;
    force_https: boolean;
    auto_stop_machines: string;
    auto_start_machines: boolean;
    min_machines_running: number;
    processes: string[];
    concurrency: { type: string; hard_limit: number; soft_limit: number };
    checks: { path: string; method: string; interval: string; timeout: string; grace_period: string; headers?: Record<string, string> }[];
  };
  vm: { memory: string; cpu_kind: string; cpus: number }[];
  mounts?: { source: string; destination: string }[];
}

interface Rendered {
  name: string;
  profile: Profile;
  config: DeployConfig;
  fly: TargetOutput;
  docker: TargetOutput;
  toml: FlyToml;
}

const rendered: Rendered[] = [];
const byName = (name: string): Rendered => rendered.find((x) => x.name === name)!;

beforeAll(async () => {
  for (const [name, dir] of Object.entries(PROJECTS)) {
    const profile = await scan(dir);
    const config = await configFor(profile);
    const fly = renderFly(profile, config, APPLIED);
    const text = fly.files.find((f) => f.path === 'fly.toml')!.content;
    const toml = (await validateToml(text, `${name}/fly.toml`)) as unknown as FlyToml;
    rendered.push({ name, profile, config, fly, docker: renderDocker(profile, config, APPLIED), toml });
  }
});

describe('fly target: metadata', () => {
  it('includes docker and renders only fly.toml itself', () => {
    expect(target.id).toBe('fly');
    expect(target.includes).toEqual(['docker']);
    for (const r of rendered) expect(r.fly.files.map((f) => f.path)).toEqual(['fly.toml']);
  });
});

describe('fly.toml, parsed back', () => {
  it('example fly.toml (snapshot)', () => {
    expect(byName('example').fly.files[0]!.content).toMatchSnapshot();
  });

  it('internal_port = config.port = the Dockerfile\'s PORT and EXPOSE = [env] PORT', () => {
    for (const r of rendered) {
      const dockerfile = r.docker.files.find((f) => f.path === 'Dockerfile')!.content;
      const envPort = Number(/^ENV PORT=(\d+)$/m.exec(dockerfile)![1]);
      const expose = Number(/^EXPOSE (\d+)$/m.exec(dockerfile)![1]);
      expect(r.toml.http_service.internal_port, r.name).toBe(r.config.port);
      expect(envPort, r.name).toBe(r.config.port);
      expect(expose, r.name).toBe(r.config.port);
      expect(r.toml.env.PORT, r.name).toBe(String(r.config.port));
    }
  });

  it('the HTTP check hits the health path the docker target serves', () => {
    for (const r of rendered) {
      const checks = r.toml.http_service.checks;
      expect(checks).toHaveLength(1);
      expect(checks[0]!.path, r.name).toBe(r.config.health.path);
      expect(checks[0]!.method).toBe('GET');
      const routed = r.profile.health?.path === r.config.health.path || r.docker.files.some((f) => f.path.endsWith('health_controller.ex'));
      expect(routed, r.name).toBe(true);
    }
  });

  it('release_command iff Ecto and not SQLite; mounts iff SQLite', () => {
    for (const r of rendered) {
      const db = r.profile.database;
      const ecto = db !== 'none';
      expect(r.toml.deploy?.release_command === '/app/bin/migrate', r.name).toBe(ecto && db !== 'sqlite');
      expect(r.toml.mounts !== undefined, r.name).toBe(db === 'sqlite');
    }
    const s = byName('sqlite').toml;
    expect(s.mounts).toEqual([{ source: 'notes_data', destination: '/data', processes: ['app'] }]);
    expect(s.env.DATABASE_PATH).toBe('/data/notes.db');
    expect(byName('api-no-ecto').toml.deploy).toBeUndefined();
  });

  it('fly launch\'s Phoenix settings: SIGTERM, PHX_HOST, force_https, auto stop/start, connection concurrency, vm from config', () => {
    for (const r of rendered) {
      const t = r.toml;
      expect(t.app).toBe(r.config.app);
      expect(t.primary_region).toBe(r.config.region);
      expect(t.kill_signal).toBe('SIGTERM');
      expect(t.env.PHX_HOST).toBe(r.config.host ?? `${r.config.app}.fly.dev`);
      expect(t.http_service).toMatchObject({ force_https: true, auto_stop_machines: 'stop', auto_start_machines: true, processes: ['app'] });
      expect(t.http_service.concurrency).toEqual({ type: 'connections', hard_limit: 1000, soft_limit: 1000 });
      expect(t.vm).toEqual([{ memory: '1gb', cpu_kind: r.config.machine.cpuKind, cpus: r.config.machine.cpus }]);
      // [env] never carries a secret.
      for (const s of r.fly.secrets) expect(t.env[s.name], `${r.name}: ${s.name}`).toBeUndefined();
    }
  });

  it('min_machines_running keeps LiveView/Oban/cluster apps up and never exceeds the machine count', () => {
    for (const r of rendered) {
      const machines = r.fly.resources.find((x) => x.kind === 'fly-machine')!;
      expect(r.toml.http_service.min_machines_running).toBeLessThanOrEqual(machines.kind === 'fly-machine' ? machines.count : 0);
      if (r.profile.liveView || r.profile.oban) expect(r.toml.http_service.min_machines_running, r.name).toBeGreaterThanOrEqual(1);
    }
  });

  it('force_ssl apps: the check says it came over HTTPS', () => {
    for (const r of rendered) {
      const headers = r.toml.http_service.checks[0]!.headers;
      if (r.profile.security.forceSsl) expect(headers, r.name).toEqual({ 'X-Forwarded-Proto': 'https' });
      else expect(headers, r.name).toBeUndefined();
    }
  });

  it('is deterministic', async () => {
    for (const r of rendered) expect(JSON.stringify(renderFly(r.profile, await configFor(r.profile), APPLIED))).toBe(JSON.stringify(r.fly));
  });

  it('existing fly.toml: rendered anyway, with a note', () => {
    const e = byName('existing-deploy');
    expect(e.fly.files).toHaveLength(1);
    expect(e.fly.notes.some((n) => /already has fly\.toml/.test(n))).toBe(true);
  });

  it('TOML strings are escaped', async () => {
    const parsed = await validateToml(`a = ${str('quote " back \\ tab \t nl \n ctl \u0001 é')}\n`);
    expect(parsed.a).toBe('quote " back \\ tab \t nl \n ctl \u0001 é');
  });
});

describe('fly resources', () => {
  it('priced by the estimator without unknown-plan warnings', () => {
    for (const r of rendered) {
      const e = estimate(r.fly.resources, {}, 'fly', { now: new Date('2026-11-22T00:00:00Z') });
      expect(e.warnings.filter((w) => /unknown/i.test(w)), r.name).toEqual([]);
      expect(r.fly.resources.some((x) => x.kind === 'egress')).toBe(true);
    }
  });

  it('machines follow the config; SQLite runs exactly one machine with one volume', () => {
    const ex = byName('example');
    expect(ex.fly.resources[0]).toMatchObject({ kind: 'fly-machine', count: ex.config.machine.count, cpuKind: 'shared', cpus: 1, memoryMb: 1024, autoStop: true });
    const s = byName('sqlite');
    expect(s.fly.resources.find((x) => x.kind === 'fly-machine')).toMatchObject({ count: 1 });
    expect(s.fly.resources.filter((x) => x.kind === 'fly-volume')).toHaveLength(1);
    expect(s.fly.resources.some((x) => x.kind === 'fly-postgres')).toBe(false);
    expect(s.fly.notes.some((n) => /cannot scale out/.test(n))).toBe(true);
  });

  it('Postgres apps get Managed Postgres on the smallest plan; Redis apps get Upstash; MySQL gets a note', () => {
    expect(byName('example').fly.resources.find((x) => x.kind === 'fly-postgres')).toMatchObject({ managed: true, plan: 'basic', storageGb: 10 });
    expect(byName('oban-libcluster-redis').fly.resources.find((x) => x.kind === 'fly-redis')).toMatchObject({ plan: 'payg' });
    expect(byName('example').fly.resources.some((x) => x.kind === 'fly-redis')).toBe(false);
    const m = byName('mysql');
    expect(m.fly.resources.some((x) => x.kind === 'fly-postgres')).toBe(false);
    expect(m.fly.notes.some((n) => /no managed MySQL/.test(n))).toBe(true);
  });

  it('config switches: unmanaged Postgres, Tigris storage, more machines', async () => {
    const ex = byName('example');
    const config: DeployConfig = { ...ex.config, database: { ...ex.config.database, mode: 'self' }, storage: { enabled: true, gb: 20 }, machine: { ...ex.config.machine, count: 3 } };
    const out = renderFly(ex.profile, config, APPLIED);
    expect(out.resources.find((x) => x.kind === 'fly-postgres')).toMatchObject({ managed: false, plan: 'development' });
    expect(out.resources.find((x) => x.kind === 'fly-tigris')).toMatchObject({ storageGb: 20 });
    const ids = out.steps.map((s) => s.id);
    expect(ids).toEqual(['app-create', 'db-create', 'db-attach', 'storage-create', 'secrets-generated', 'deploy', 'scale']);
    expect(out.steps.find((s) => s.id === 'db-attach')!.command).toEqual(['fly', 'postgres', 'attach', 'hello-phoenix-db', '--app', 'hello-phoenix', '--yes']);
    expect(out.steps.find((s) => s.id === 'scale')!.command).toEqual(['fly', 'scale', 'count', '3', '--app', 'hello-phoenix', '--yes']);
  });
});

describe('fly secrets and steps', () => {
  it('steps are argv arrays; secrets appear only as placeholders', () => {
    for (const r of rendered) {
      for (const s of r.fly.steps) {
        for (const argv of [s.command, s.rollback ?? []]) {
          expect(Array.isArray(argv)).toBe(true);
          for (const a of argv) {
            expect(typeof a).toBe('string');
            const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(a);
            if (m) expect(placeholders(m[2]!), `${r.name} ${s.id}: ${a}`).toEqual([m[2]]);
          }
        }
        expect(s.command[0]).toBe('fly');
        // Secret values travel only on stdin: no generated or asked-for value on any command line.
        for (const a of [...s.command, ...(s.rollback ?? []), ...(s.probe?.command ?? [])]) expect(a, `${r.name} ${s.id}`).not.toMatch(/\{\{(generate|input):/);
      }
    }
  });

  it('example: create app, Managed Postgres, generated secrets, remote deploy', () => {
    const ex = byName('example');
    expect(ex.fly.steps.map((s) => s.id)).toEqual(['app-create', 'db-create', 'db-attach', 'secrets-generated', 'deploy']);
    expect(ex.fly.steps[0]).toMatchObject({
      command: ['fly', 'apps', 'create', 'hello-phoenix', '--json'],
      rollback: ['fly', 'apps', 'destroy', 'hello-phoenix', '--yes'],
      probe: { command: ['fly', 'status', '--app', 'hello-phoenix', '--json'], select: ['Name'] },
    });
    expect(ex.fly.steps[1]!.command).toEqual(['fly', 'mpg', 'create', '--name', 'hello-phoenix-db', '--region', 'iad', '--plan', 'basic', '--volume-size', '10']);
    expect(ex.fly.steps[2]!.command).toEqual(['fly', 'mpg', 'attach', '{{output:db-create.cluster-id}}', '--app', 'hello-phoenix']);
    expect(ex.fly.steps[1]!.outputs).toEqual({ command: ['fly', 'mpg', 'list', '--json'], values: { 'cluster-id': '[name=hello-phoenix-db].id' } });
    expect(ex.fly.steps[3]!.command).toEqual(['fly', 'secrets', 'import', '--app', 'hello-phoenix', '--stage']);
    expect(ex.fly.steps[3]!.stdin).toBe('SECRET_KEY_BASE={{generate:secret-key-base}}\nRELEASE_COOKIE={{generate:release-cookie}}\n');
    expect(ex.fly.steps[3]!.probe!.select).toEqual(['[name=SECRET_KEY_BASE]', '[name=RELEASE_COOKIE]']);
    expect(ex.fly.steps[4]!.command).toEqual(['fly', 'deploy', '--remote-only', '--app', 'hello-phoenix']);
    const db = ex.fly.secrets.find((s) => s.name === 'DATABASE_URL')!;
    expect(db.source).toBe('fly mpg attach');
  });

  it('secrets the user must supply are asked for; SQLite deploys one machine without HA', () => {
    const u = byName('umbrella');
    const input = u.fly.steps.find((s) => s.id === 'secrets-input')!;
    expect(input.stdin).toContain('AWS_SECRET_ACCESS_KEY={{input:AWS_SECRET_ACCESS_KEY}}\n');
    const s = byName('sqlite');
    expect(s.fly.steps.find((x) => x.id === 'volume-create')!.command).toEqual(['fly', 'volumes', 'create', 'notes_data', '--region', 'iad', '--size', '10', '--app', 'notes', '--yes', '--json']);
    expect(s.fly.steps.find((x) => x.id === 'app-create')!.holds).toEqual(['volume-create']);
    expect(s.fly.steps.find((x) => x.id === 'deploy')!.command).toContain('--ha=false');
    const redis = byName('oban-libcluster-redis').fly.steps.map((x) => x.id);
    expect(redis).toContain('redis-create');
    expect(redis).toContain('redis-secret');
  });
});
