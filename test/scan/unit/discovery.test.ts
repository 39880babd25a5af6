/**
 * Finding the Phoenix project under the folder given: a poncho's `apps/x` (no umbrella), a nested
 * `elixir/` folder, an app two levels below a README-only repository root, and umbrellas whose
 * root has no `config/`.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index.js';
import type { Profile } from '../../../src/scan/profile.js';
import { EXAMPLE, fixture, scanProject } from '../../helpers/project.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repository with `copies` (relative folder → source tree) and extra `files` (relative path → text). */
function repo(copies: Record<string, string>, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-discovery-'));
  made.push(dir);
  for (const [rel, src] of Object.entries(copies)) cpSync(src, join(dir, rel), { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const CORE_MIX = `defmodule Core.MixProject do
  use Mix.Project

  def project do
    [app: :core, version: "0.1.0", elixir: "~> 1.14", deps: [{:ecto_sql, "~> 3.10"}]]
  end
end
`;

const NON_PHOENIX_ROOT_MIX = `defmodule Platform.MixProject do
  use Mix.Project

  def project do
    [app: :platform, version: "0.1.0", deps: [{:credo, "~> 1.7", only: :dev}]]
  end
end
`;

/** What the example app looks like when found at `prefix` ('' for the root). */
function expectExampleAt(p: Profile, path: string) {
  const pre = path === '.' ? '' : `${path}/`;
  expect(p.projectPath).toBe(path);
  expect(p.umbrella).toBe(false);
  expect(p.apps).toEqual([{ path, otpApp: 'hello_phoenix', phoenix: true }]);
  expect(p.web).toEqual({ path, otpApp: 'hello_phoenix', endpointModule: 'HelloPhoenixWeb.Endpoint', routerModule: 'HelloPhoenixWeb.Router' });
  expect(p.runtimeConfig.file).toBe(`${pre}config/runtime.exs`);
  expect(p.runtimeConfig.env.map((e) => `${e.name}@${e.evidence.file}:${e.evidence.line}`)).toEqual([
    `PHX_SERVER@${pre}config/runtime.exs:16`,
    `DATABASE_URL@${pre}config/runtime.exs:22`,
    `ECTO_IPV6@${pre}config/runtime.exs:28`,
    `POOL_SIZE@${pre}config/runtime.exs:33`,
    `SECRET_KEY_BASE@${pre}config/runtime.exs:40`,
    `PHX_HOST@${pre}config/runtime.exs:46`,
    `PORT@${pre}config/runtime.exs:47`,
    `DNS_CLUSTER_QUERY@${pre}config/runtime.exs:49`,
  ]);
  expect(p.evidence.endpoint).toBe(`${pre}lib/hello_phoenix_web/endpoint.ex:1`);
  expect([p.database, p.liveView, p.versions.phoenix]).toEqual(['postgres', true, '1.7.14']);
}

describe('single app', () => {
  it('the folder itself holds the app', async () => {
    expectExampleAt(await scanProject({}), '.');
  });
});

describe('poncho layout (apps/* without an umbrella apps_path)', () => {
  it('no root mix.exs: the Phoenix app under apps/ is found, its sibling is not part of it', async () => {
    const dir = repo({ 'apps/web': EXAMPLE }, { 'apps/core/mix.exs': CORE_MIX, 'apps/core/lib/core.ex': 'defmodule Core do\nend\n', 'README.md': '# platform\n' });
    expectExampleAt(await scan(dir), 'apps/web');
  });

  it('a root mix.exs without Phoenix or apps_path: the Phoenix app under apps/ is found', async () => {
    const dir = repo({ 'apps/web': EXAMPLE }, { 'mix.exs': NON_PHOENIX_ROOT_MIX, 'apps/core/mix.exs': CORE_MIX });
    expectExampleAt(await scan(dir), 'apps/web');
  });
});

describe('nested folders', () => {
  it('the app in an `elixir/` folder next to other code', async () => {
    const dir = repo(
      { elixir: EXAMPLE },
      { 'README.md': '# monorepo\n', 'frontend/package.json': '{"name": "frontend", "dependencies": {"react": "^18.0.0"}}\n', 'scripts/setup.sh': '#!/bin/sh\n' },
    );
    expectExampleAt(await scan(dir), 'elixir');
  });

  it('a repository root with only a README and the app two levels deep', async () => {
    const dir = repo({ 'services/api': EXAMPLE }, { 'README.md': '# services\n' });
    expectExampleAt(await scan(dir), 'services/api');
  });

  it('a Phoenix app and a deeper one are two apps to choose from, not a guess by depth', async () => {
    const dir = repo({ backend: EXAMPLE, 'tools/demo/app': EXAMPLE });
    await expect(scan(dir)).rejects.toMatchObject({ code: 'several-apps', message: expect.stringContaining('(backend, tools/demo/app)') });
    expect((await scan(join(dir, 'backend'))).projectPath).toBe('.');
  });
});

describe('umbrellas', () => {
  it('umbrella apps are found even when the root has no config/', async () => {
    const dir = repo({ '.': fixture('umbrella') });
    rmSync(join(dir, 'config'), { recursive: true, force: true });
    const p = await scan(dir);
    expect(p.umbrella).toBe(true);
    expect(p.projectPath).toBe('.');
    expect(p.apps).toEqual([
      { path: 'apps/warehouse', otpApp: 'warehouse', phoenix: false },
      { path: 'apps/warehouse_web', otpApp: 'warehouse_web', phoenix: true },
    ]);
    expect(p.web).toEqual({ path: 'apps/warehouse_web', otpApp: 'warehouse_web', endpointModule: 'WarehouseWeb.Endpoint', routerModule: 'WarehouseWeb.Router' });
    expect(p.runtimeConfig).toEqual({ file: null, env: [] });
    expect(p.facts.configFiles).toEqual([]);
    expect(p.database).toBe('postgres');
  });

  it('an umbrella one level below the folder given is found at its root, not at its web app', async () => {
    const dir = repo({ platform: fixture('umbrella') }, { 'README.md': '# repo\n' });
    const p = await scan(dir);
    expect([p.projectPath, p.umbrella, p.web.path]).toEqual(['platform', true, 'platform/apps/warehouse_web']);
    expect(p.apps.map((a) => a.path)).toEqual(['platform/apps/warehouse', 'platform/apps/warehouse_web']);
    expect(p.runtimeConfig.file).toBe('platform/config/runtime.exs');
  });
});

describe('a folder holding several apps', () => {
  it('two Phoenix apps side by side: exit 2 naming both, never a guess', async () => {
    const dir = repo({ 'services/shop': EXAMPLE, 'services/admin': EXAMPLE });
    await expect(scan(dir)).rejects.toMatchObject({ name: 'ScanError', code: 'several-apps', message: expect.stringContaining('services/admin, services/shop') });
  });

  it('the folder of one of them is that app, with its own files only', async () => {
    const dir = repo({ 'services/shop': EXAMPLE, 'services/admin': EXAMPLE });
    const p = await scan(join(dir, 'services/shop'));
    expectExampleAt(p, '.');
    expect(p.facts.files.some((f) => f.includes('admin'))).toBe(false);
  });

  it("the audit of one of them reports no file of its sibling (the sibling's root image and .env stay out)", async () => {
    const { audit } = await import('../../../src/audit/engine.js');
    const dir = repo(
      { 'services/shop': EXAMPLE, 'services/admin': EXAMPLE },
      {
        'services/admin/Dockerfile': 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim\nWORKDIR /app\nCOPY . .\nRUN mix release\nCMD ["/app/_build/prod/rel/admin/bin/admin", "start"]\n',
        'services/admin/.env': 'SECRET_KEY_BASE=Hd83kQp0ZxLm2VbNHd83kQp0ZxLm2VbNHd83kQp0ZxLm2VbNHd83kQp0ZxLm2VbN\n',
      },
    );
    const mine = audit(await scan(join(dir, 'services/shop'))).findings.flatMap((f) => f.evidence.map((e) => e.file));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.filter((f) => f.includes('admin') || f.startsWith('..'))).toEqual([]);
    // The sibling, audited on its own, does report them: the check above can fail.
    const theirs = audit(await scan(join(dir, 'services/admin'))).findings.map((f) => f.ruleId);
    expect(theirs).toEqual(expect.arrayContaining(['dockerfile-runs-as-root', 'committed-secret-file']));
  });

  it('an app beside test apps and an example app: the app, not a test fixture', async () => {
    const dir = repo({ app: EXAMPLE, 'test/fixtures/demo': EXAMPLE, 'examples/demo': EXAMPLE });
    expectExampleAt(await scan(dir), 'app');
  });

  it('only test apps below a library: the shallowest one, as before', async () => {
    const dir = repo({ 'test/support/demo': EXAMPLE }, { 'mix.exs': NON_PHOENIX_ROOT_MIX });
    expect((await scan(dir)).projectPath).toBe('test/support/demo');
  });

  it('the CLI says it on one line with exit 2', async () => {
    const { runCli } = await import('../../helpers/cli.js');
    const dir = repo({ 'a/web': EXAMPLE, 'b/web': EXAMPLE });
    const r = runCli(['audit', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`phoenix-ops: ${dir}: holds several Phoenix apps (a/web, b/web); pass the folder of the one to use`]);
  });
});
