/**
 * Each fixture's full `scan --json`, checked into test/scan/expected/<name>.json (reviewed against
 * test/fixtures/README.md), plus focused assertions on the facts each fixture exists to exercise.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';
import { toScanJson } from '../../src/scan/json.js';
import type { Profile } from '../../src/scan/profile.js';
import { EXAMPLE, fixture, REPO } from '../helpers/project.js';

const names = readdirSync(join(REPO, 'test', 'fixtures'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function stable(p: Profile): string {
  return `${JSON.stringify({ ...toScanJson(p), root: '<root>' }, null, 2)}\n`;
}

describe('full scan JSON per fixture', () => {
  it('there are at least 12 fixtures', () => expect(names.length).toBeGreaterThanOrEqual(12));
  it.each(names)('%s', async (name) => {
    await expect(stable(await scan(fixture(name)))).toMatchFileSnapshot(`./expected/${name}.json`);
  });
  it('example app', async () => {
    await expect(stable(await scan(EXAMPLE))).toMatchFileSnapshot('./expected/example-hello_phoenix.json');
  });
});

const env = (p: Profile, name: string) => p.runtimeConfig.env.find((e) => e.name === name);

describe('what each fixture exercises', () => {
  it('Phoenix 1.5: webpack, releases.exs, prod.secret.exs read at build time', async () => {
    const p = await scan(fixture('phx15-webpack'));
    expect(p.versions.phoenix).toBe('1.5.9');
    expect(p.assets).toBe('webpack');
    expect(p.facts.assets.needsNpmInstall).toBe(true);
    expect(p.runtimeConfig.file).toBe('config/releases.exs');
    expect(env(p, 'SECRET_KEY_BASE')?.required).toBe(true);
    const buildTime = p.facts.envReads.filter((r) => !r.runtime && r.env === 'prod').map((r) => `${r.name}@${r.file}`);
    expect(buildTime).toEqual(expect.arrayContaining(['DATABASE_URL@config/prod.secret.exs', 'SECRET_KEY_BASE@config/prod.secret.exs']));
    expect(p.liveView).toBe(false);
  });
  it('Phoenix 1.8: Bandit, dns_cluster, the minimal default CSP is not an explicit CSP', async () => {
    const p = await scan(fixture('phx18-bandit'));
    expect(p.httpServer).toBe('bandit');
    expect(p.clustering).toBe('dns_cluster');
    expect(p.security.csp).toBe(false);
    expect(p.versions.elixir).toMatch(/^1\.18/);
  });
  it('umbrella: web and domain apps, root config, release name', async () => {
    const p = await scan(fixture('umbrella'));
    expect(p.umbrella).toBe(true);
    expect(p.apps.map((a) => [a.path, a.phoenix])).toEqual([
      ['apps/warehouse', false],
      ['apps/warehouse_web', true],
    ]);
    expect(p.web.path).toBe('apps/warehouse_web');
    expect(p.facts.projects[0]!.releases.map((r) => r.name)).toEqual(['warehouse']);
    expect(p.database).toBe('postgres');
  });
  it('subfolder: finds the app in backend/ and says where', async () => {
    const p = await scan(fixture('subfolder'));
    expect(p.projectPath).toBe('backend');
    expect(p.runtimeConfig.file).toBe('backend/config/runtime.exs');
    expect(p.evidence.phoenix).toMatch(/^backend\/mix\.lock:\d+$/);
  });
  it('SQLite and MySQL adapters', async () => {
    const sqlite = await scan(fixture('sqlite'));
    expect(sqlite.database).toBe('sqlite');
    expect(env(sqlite, 'DATABASE_PATH')?.required).toBe(true);
    expect(env(sqlite, 'POOL_SIZE')?.default).toBe('5');
    expect((await scan(fixture('mysql'))).database).toBe('mysql');
  });
  it('API without Ecto', async () => {
    const p = await scan(fixture('api-no-ecto'));
    expect(p.database).toBe('none');
    expect(p.liveView).toBe(false);
    expect(p.security.checkOrigin).toBe('false');
  });
  it('Oban, libcluster, Redis PubSub, Sentry, Hammer', async () => {
    const p = await scan(fixture('oban-libcluster-redis'));
    expect([p.oban, p.clustering, p.pubsub, p.sentry, p.rateLimiter]).toEqual([true, 'libcluster', 'redis', true, 'hammer']);
    expect(env(p, 'SENTRY_DSN')?.required).toBe(false);
  });
  it('env vars through Dotenvy, a project helper module, {:system, …} tuples and dynamic names', async () => {
    const p = await scan(fixture('env-helpers'));
    expect(env(p, 'SECRET_KEY_BASE')).toMatchObject({ required: true, dynamic: false });
    expect(env(p, 'PORT')).toMatchObject({ required: false, default: '4000' });
    expect(env(p, 'S3_BUCKET')).toMatchObject({ required: true });
    expect(env(p, 'AWS_REGION')).toMatchObject({ required: false, default: 'eu-west-1' });
    expect(env(p, 'REDIS_URL')).toMatchObject({ required: false });
    const dyn = p.runtimeConfig.env.filter((e) => e.dynamic);
    expect(dyn).toHaveLength(1);
    expect(dyn[0]!.name).toContain('_TOKEN');
    expect(p.runtimeConfig.env.some((e) => e.name.includes('HARBOR_MAERSK'))).toBe(false);
  });
  it('HTTPS through Plug.SSL, CSP through a custom plug, health through an endpoint plug', async () => {
    const p = await scan(fixture('plug-ssl'));
    expect(p.security).toMatchObject({ forceSsl: true, hsts: true, csp: true });
    expect(p.health).toEqual({ path: '/healthz' });
  });
  it('existing deploy files are listed and parsed', async () => {
    const p = await scan(fixture('existing-deploy'));
    expect(p.deployFiles.dockerfiles).toEqual(['Dockerfile', 'Dockerfile.dev']);
    expect(p.deployFiles.flyTomls).toEqual(['fly.toml']);
    expect(p.deployFiles.k8s).toEqual(['k8s/deployment.yaml']);
    expect(p.deployFiles.workflows).toEqual(['.github/workflows/ci.yml']);
    expect(p.facts.relScripts.map((s) => [s.file, s.executable, s.crlf])).toContainEqual(['rel/overlays/bin/server', true, false]);
    expect((p.facts.flyTomls[0]!.data as { http_service: { internal_port: number } }).http_service.internal_port).toBe(8080);
    expect(p.facts.dockerfiles[0]!.stages.length).toBeGreaterThanOrEqual(2);
    expect(p.releaseModule).toEqual({ file: 'lib/beacon_app/release.ex', module: 'BeaconApp.Release' });
  });
  it('the same input gives the same JSON', async () => {
    expect(stable(await scan(fixture('umbrella')))).toBe(stable(await scan(fixture('umbrella'))));
  });
});
