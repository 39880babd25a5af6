/**
 * `phoenix-ops plan` end to end: writes nothing to the project (full tree listing + hashes before/after),
 * lists files with their action, secrets by name only, the estimate, and diffs for files that differ.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

/** Every entry under `dir` (hidden ones included): path → "dir", "link → target" or "mode sha256". */
function tree(dir: string, rel = '', out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    const abs = join(dir, p);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) out.set(p, `link → ${readlinkSync(abs)}`);
    else if (st.isDirectory()) {
      out.set(p, `dir ${(st.mode & 0o7777).toString(8)}`);
      tree(dir, p, out);
    } else out.set(p, `${(st.mode & 0o7777).toString(8)} ${createHash('sha256').update(readFileSync(abs)).digest('hex')}`);
  }
  return out;
}

interface PlanJson {
  target: string;
  files: { path: string; description: string; mode: string; action: string; reason: string; diff: string }[];
  patches: { id: string; file: string; description: string; status: string; diff: string }[];
  secrets: Record<string, unknown>[];
  resources: unknown[];
  steps: unknown[];
  notes: string[];
  estimate: { target: string; currency: string; items: { monthly: number }[]; monthly: number; assumptions: unknown };
}

const SECRET_FIELDS = ['name', 'description', 'generate', 'source', 'required'];

describe('plan --json on a fresh copy of the example app', () => {
  let dir: string;
  let before: Map<string, string>;
  const res: Record<string, CliResult> = {};
  const json: Record<string, PlanJson> = {};

  beforeAll(async () => {
    dir = makeProject();
    before = tree(dir);
    const runs: Record<string, string[]> = {
      docker: ['plan', dir, '--target', 'docker', '--json'],
      fly: ['plan', dir, '--target', 'fly', '--json'],
      flyText: ['plan', dir, '--target', 'fly'],
      defaultTarget: ['plan', dir, '--json'],
    };
    await Promise.all(Object.entries(runs).map(async ([k, args]) => (res[k] = await runCliAsync(args))));
    for (const k of ['docker', 'fly', 'defaultTarget']) json[k] = JSON.parse(res[k]!.stdout) as PlanJson;
  });

  it('writes nothing to the project (every path, mode and hash unchanged)', () => {
    expect(tree(dir)).toEqual(before);
  });

  it.each(['docker', 'fly'])('%s: exit 0, nothing on stderr, every file to create, no file contents', (t) => {
    expect(res[t]!.stderr).toBe('');
    expect(res[t]!.code).toBe(0);
    const p = json[t]!;
    expect(p.target).toBe(t);
    expect(p.files.length).toBeGreaterThan(0);
    for (const f of p.files) {
      expect(f, f.path).toMatchObject({ action: 'create', reason: 'new file', diff: '' });
      expect(f).not.toHaveProperty('content');
      expect(f.path).not.toMatch(/^\/|\\|(^|\/)\.\.(\/|$)/);
    }
    const paths = p.files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['Dockerfile', '.dockerignore', 'rel/overlays/bin/server', 'rel/overlays/bin/migrate']));
    expect(p.files.find((f) => f.path === 'rel/overlays/bin/server')!.mode).toBe('755');
    expect(p.files.find((f) => f.path === 'Dockerfile')!.mode).toBe('644');
  });

  it('fly includes the docker files plus fly.toml', () => {
    const docker = json.docker!.files.map((f) => f.path);
    const fly = json.fly!.files.map((f) => f.path);
    expect(fly).toEqual(expect.arrayContaining([...docker, 'fly.toml']));
    expect(docker).not.toContain('fly.toml');
  });

  it.each(['docker', 'fly'])('%s: secrets by name only (no value field)', (t) => {
    for (const s of json[t]!.secrets) {
      for (const k of Object.keys(s)) expect(SECRET_FIELDS, `secret field ${k}`).toContain(k);
      expect(s.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
    const names = json.fly!.secrets.map((s) => s.name);
    expect(names).toContain('SECRET_KEY_BASE');
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(['docker', 'fly'])('%s: includes the estimate, monthly = sum of items', (t) => {
    const e = json[t]!.estimate;
    expect(e.target).toBe(t);
    expect(e.currency).toBe('USD');
    expect(Array.isArray(e.items)).toBe(true);
    expect(typeof e.monthly).toBe('number');
    expect(e.assumptions).toBeTruthy();
    expect(e.monthly).toBeCloseTo(e.items.reduce((s, i) => s + i.monthly, 0), 1);
  });

  it('fly has resources and a monthly cost above zero', () => {
    expect(json.fly!.resources.length).toBeGreaterThan(0);
    expect(json.fly!.estimate.monthly).toBeGreaterThan(0);
  });

  it('proposes the health-route patch to the router (the app has no health route), status applies, as a diff', () => {
    for (const t of ['docker', 'fly']) {
      const patch = json[t]!.patches.find((x) => x.id === 'health-route');
      expect(patch, `${t}: health-route patch`).toBeDefined();
      expect(patch!.file).toBe('lib/hello_phoenix_web/router.ex');
      expect(patch!.status).toBe('applies');
      expect(patch!.diff).toMatch(/^--- a\/lib\/hello_phoenix_web\/router\.ex\n\+\+\+ b\/lib\/hello_phoenix_web\/router\.ex\n/);
      expect(patch!.diff).toMatch(/^\+.*get "\/health"/m);
    }
  });

  it('defaults to fly without phoenix-ops.yaml', () => {
    expect(json.defaultTarget!.target).toBe('fly');
    expect(json.defaultTarget!.files).toEqual(json.fly!.files);
  });

  it('text lists every file with its action, the secrets and the cost, with no diff bodies for new files', () => {
    const t = res.flyText!.stdout;
    expect(res.flyText!.code).toBe(0);
    expect(res.flyText!.stderr).toBe('');
    expect(t).toMatch(/^Plan for target fly\n/);
    for (const f of json.fly!.files) expect(t).toMatch(new RegExp(`^  create +${f.path.replace(/\./g, '\\.')}\\b`, 'm'));
    for (const s of json.fly!.secrets) expect(t).toContain(String(s.name));
    expect(t).not.toMatch(/^\s*\+\+\+ b\/(Dockerfile|fly\.toml)/m);
  });

});

describe.concurrent('plan with existing files that differ', () => {
  const userDockerfile = 'FROM elixir:1.17\n# my own Dockerfile\nCMD ["mix", "phx.server"]\n';

  it('shows the diff of a file it would not write, writes nothing, and --no-diff leaves diffs out', async () => {
    const dir = makeProject({ Dockerfile: userDockerfile, 'fly.toml': 'app = "mine"\n' });
    const before = tree(dir);
    const [text, noDiff, json] = await Promise.all([
      runCliAsync(['plan', dir, '--target', 'fly']),
      runCliAsync(['plan', dir, '--target', 'fly', '--no-diff']),
      runCliAsync(['plan', dir, '--target', 'fly', '--json']),
    ]);
    expect(tree(dir)).toEqual(before);
    for (const r of [text, noDiff, json]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    }
    const p = JSON.parse(json.stdout) as PlanJson;
    const docker = p.files.find((f) => f.path === 'Dockerfile')!;
    expect(docker.action).toBe('skip-not-owned');
    expect(docker.diff).toMatch(/^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /);
    expect(docker.diff).toContain('-# my own Dockerfile');
    expect(p.files.find((f) => f.path === 'fly.toml')!.action).toBe('skip-not-owned');
    expect(p.files.find((f) => f.path === '.dockerignore')!.action).toBe('create');

    expect(text.stdout).toMatch(/skip \(not written by phoenix-ops\) Dockerfile/);
    expect(text.stdout).toContain('--- a/Dockerfile');
    expect(text.stdout).toContain('+++ b/Dockerfile');
    expect(text.stdout).toContain('-# my own Dockerfile');
    expect(text.stdout).toContain('--- a/fly.toml');
    expect(noDiff.stdout).toMatch(/skip \(not written by phoenix-ops\) Dockerfile/);
    expect(noDiff.stdout).not.toContain('--- a/Dockerfile');
    expect(noDiff.stdout).not.toContain('-# my own Dockerfile');
  });

  it('a file identical to what it would write is unchanged, not a diff', async () => {
    const fresh = makeProject();
    const gen = await runCliAsync(['generate', fresh, '--target', 'docker', '--yes']);
    expect(gen.code).toBe(0);
    const dockerfile = readFileSync(join(fresh, 'Dockerfile'), 'utf8');
    const dir = makeProject({ Dockerfile: dockerfile });
    const r = await runCliAsync(['plan', dir, '--target', 'docker', '--json']);
    const p = JSON.parse(r.stdout) as PlanJson;
    expect(p.files.find((f) => f.path === 'Dockerfile')).toMatchObject({ action: 'unchanged', diff: '' });
  });
});
