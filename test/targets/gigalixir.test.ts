/**
 * The gigalixir target on the example app and every fixture: the buildpack configs are bash (shellcheck),
 * pin the project's Elixir and OTP, .buildpacks lists the releases buildpack last, the Procfile starts the
 * release overlay, no Dockerfile; the steps carry secrets on stdin only and every step that makes something
 * can be undone; determinism.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { target } from '../../src/targets/gigalixir/index.js';
import { BUILDPACKS } from '../../src/targets/gigalixir/files.js';
import { validateShell } from '../helpers/validate.js';
import { projectDirs } from '../helpers/validate-more.js';

const APPLIED = { acceptedPatches: new Set(['health-route']) };

interface Case {
  name: string;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
}

const cases: Case[] = [];
const byName = (n: string) => cases.find((c) => c.name === n)!;
const file = (c: Case, path: string) => c.out.files.find((f) => f.path === path)?.content;

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const profile = await scan(dir);
    const config = { ...defaultConfig(profile), targets: ['gigalixir'] } as DeployConfig;
    cases.push({ name, profile, config, out: target.render(profile, config, APPLIED) });
  }
}, 120_000);

describe('gigalixir target', () => {
  it('writes bash-valid buildpack configs, .buildpacks, a Procfile and the release overlay, and no Dockerfile, for every fixture', async () => {
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const paths = c.out.files.map((f) => f.path);
      expect(paths, c.name).toEqual(expect.arrayContaining(['elixir_buildpack.config', '.buildpacks', 'Procfile', 'rel/overlays/bin/server', '.gigalixir/config.env']));
      expect(paths.some((p) => /Dockerfile|dockerignore|env\.sh\.eex/.test(p)), c.name).toBe(false);
      for (const p of ['elixir_buildpack.config', 'phoenix_static_buildpack.config', '.gigalixir/config.env']) {
        const text = file(c, p);
        // Sourced by the buildpacks (bash): the variables are read there, hence SC2034 off.
        if (text !== undefined) await validateShell(`#!/bin/bash\n# shellcheck disable=SC2034\n${text}`, `${c.name}/${p}`);
      }
      const packs = file(c, '.buildpacks')!.trim().split('\n');
      expect(packs[0]).toBe(BUILDPACKS.elixir);
      expect(packs.at(-1)).toBe(BUILDPACKS.releases);
      expect(packs.includes(BUILDPACKS.phoenixStatic), c.name).toBe(paths.includes('phoenix_static_buildpack.config'));
      expect(file(c, 'Procfile')).toBe('web: /app/bin/server\n');
    }
  });

  it('pins the Elixir and OTP versions the project pins (.tool-versions)', () => {
    const c = byName('hello_phoenix');
    expect(file(c, 'elixir_buildpack.config')).toMatch(/^erlang_version=27\.1\.2$/m);
    expect(file(c, 'elixir_buildpack.config')).toMatch(/^elixir_version=1\.17\.3$/m);
  });

  it('secrets reach Gigalixir on stdin only; plain values through config:set; every step that makes something has an undo', () => {
    for (const c of cases) {
      const secretNames = new Set(c.out.secrets.map((s) => s.name));
      for (const s of c.out.steps) {
        expect(s.command.join(' '), `${c.name}: ${s.id}`).not.toMatch(/\{\{(generate|input|output):/);
        if (s.id.startsWith('env-')) expect(secretNames.has(s.command.at(-1)!.split('=')[0]!), `${c.name}: ${s.id}`).toBe(false);
        if (s.probe) expect(s.rollback, `${c.name}: ${s.id}`).toBeDefined();
      }
      for (const s of c.out.steps.filter((x) => x.id.startsWith('secret-'))) {
        expect(s.command[0]).toBe('curl');
        expect(s.command).toContain('--netrc');
        expect(s.command).toEqual(expect.arrayContaining(['--output', '/dev/null']));
        expect(JSON.parse(s.stdin!.replace(/\{\{[^}]+\}\}/g, 'x'))).toMatchObject({ avoid_restart: true });
      }
    }
    const ids = byName('hello_phoenix').out.steps.map((s) => s.id);
    expect(ids).toEqual(['app-create', 'db-create', 'env-phx_host', 'env-phx_server', 'secret-secret_key_base', 'deploy', 'migrate']);
  });

  it('the env file names every secret apply sets and holds no secret value', () => {
    const c = byName('hello_phoenix');
    const env = file(c, '.gigalixir/config.env')!;
    expect(env).toMatch(/^PHX_HOST=hello-phoenix\.gigalixirapp\.com$/m);
    expect(env).toMatch(/^#\s+SECRET_KEY_BASE: generated at apply$/m);
    expect(env).toMatch(/^#\s+DATABASE_URL: from gigalixir pg:create$/m);
  });

  it('SQLite and MySQL: the notes say what Gigalixir cannot do', () => {
    expect(byName('sqlite').out.notes.join('\n')).toMatch(/no persistent disk/);
    expect(byName('mysql').out.notes.join('\n')).toMatch(/only Postgres/);
    expect(byName('sqlite').out.steps.some((s) => s.id === 'db-create' || s.id === 'migrate')).toBe(false);
  });

  it('is deterministic', () => {
    for (const c of cases) expect(target.render(c.profile, c.config, APPLIED), c.name).toEqual(c.out);
  });
});
