/**
 * `phoenix-ops generate` end to end on temp copies of the example app: files and manifest written, reruns
 * byte-identical, user edits and user files never clobbered without --force, --dry-run writes nothing,
 * patches only with --apply-patches, no temp files left, and no prompt (no hang) when stdin is not a TTY.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync, type CliResult } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

function tree(dir: string, rel = '', out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    const abs = join(dir, p);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) out.set(p, `link → ${readlinkSync(abs)}`);
    else if (st.isDirectory()) {
      out.set(p, `dir ${(st.mode & 0o7777).toString(8)}`);
      tree(dir, p, out);
    } else out.set(p, `${(st.mode & 0o7777).toString(8)} ${sha(readFileSync(abs))}`);
  }
  return out;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const mode = (abs: string) => lstatSync(abs).mode & 0o777;
const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');
const tempFiles = (dir: string) => [...tree(dir).keys()].filter((p) => p.split('/').pop()!.startsWith('.phoenix-ops-tmp-'));
const MANIFEST = '.phoenix-ops/manifest.json';
const ROUTER = 'lib/hello_phoenix_web/router.ex';

interface PlanJson {
  files: { path: string; mode: string; action: string }[];
  patches: { id: string; file: string; status: string }[];
  secrets: { name: string }[];
}
interface Manifest {
  version: number;
  files: Record<string, { sha256: string; target: string }>;
}

function planOf(dir: string, target: string): PlanJson {
  const r = runCli(['plan', dir, '--target', target, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as PlanJson;
}

/** The first `generate --target fly --yes` on a fresh copy: its stdout and the tree it leaves (for the non-TTY test). */
const firstRun = { stdout: '', tree: new Map<string, string>() };

describe('generate --target fly --yes, rerun, edit, --force', () => {
  let dir: string;
  let original: Map<string, string>;
  let plan: PlanJson;
  let paths: string[];
  let firstTree: Map<string, string>;
  let firstManifest: string;
  /** Files of the plan once generated: release.ex and the health controller then exist, so the scan sees them as the app's own. */
  let n2: number;
  const firstContent = new Map<string, string>();

  beforeAll(() => {
    dir = makeProject();
    original = tree(dir);
    plan = planOf(dir, 'fly');
    paths = plan.files.map((f) => f.path);
  });

  it('--dry-run writes nothing at all and says what it would create', () => {
    const r = runCli(['generate', dir, '--target', 'fly', '--yes', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(tree(dir)).toEqual(original);
    for (const p of paths) expect(r.stdout).toContain(`would create ${p}\n`);
    expect(r.stdout).toContain(`dry run: ${paths.length} created, 0 updated, 0 unchanged, 0 skipped`);
  });

  it('creates every planned file (scripts 0755, others 0644, LF) and the manifest', () => {
    const r = runCli(['generate', dir, '--target', 'fly', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(paths).toEqual(expect.arrayContaining(['Dockerfile', '.dockerignore', 'fly.toml', 'rel/overlays/bin/server', 'rel/overlays/bin/migrate']));
    for (const f of plan.files) {
      const abs = join(dir, f.path);
      expect(existsSync(abs), f.path).toBe(true);
      expect(mode(abs).toString(8), f.path).toBe(f.mode);
      expect(read(dir, f.path), f.path).not.toContain('\r');
      expect(r.stdout).toContain(`create ${f.path}\n`);
      firstContent.set(f.path, read(dir, f.path));
    }
    expect(mode(join(dir, 'rel/overlays/bin/server'))).toBe(0o755);
    expect(mode(join(dir, 'rel/overlays/bin/migrate'))).toBe(0o755);
    expect(mode(join(dir, 'fly.toml'))).toBe(0o644);
    expect(read(dir, 'rel/overlays/bin/server')).toMatch(/^#!/);
    expect(r.stdout).toContain(`${paths.length} created, 0 updated, 0 unchanged, 0 skipped`);

    const m = JSON.parse(read(dir, MANIFEST)) as Manifest;
    expect(m.version).toBe(1);
    expect(Object.keys(m.files)).toEqual([...paths].sort());
    for (const p of paths) expect(m.files[p], p).toEqual({ sha256: sha(readFileSync(join(dir, p))), target: 'fly' });

    // The user's files are untouched (patches are not applied without --apply-patches).
    const now = tree(dir);
    for (const [p, v] of original) expect(now.get(p), p).toBe(v);
    const added = [...now.keys()].filter((p) => !original.has(p) && now.get(p)!.startsWith('dir') === false);
    expect(added.sort()).toEqual([...paths, MANIFEST].sort());
    firstTree = now;
    firstManifest = read(dir, MANIFEST);
    firstRun.stdout = r.stdout;
    firstRun.tree = now;
  });

  it('a second run leaves everything unchanged: byte-identical files and manifest', () => {
    const again = planOf(dir, 'fly').files.map((f) => f.path);
    for (const p of again) expect(paths).toContain(p);
    n2 = again.length;
    const r = runCli(['generate', dir, '--target', 'fly', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/^(create|write|skipped) /m);
    expect(r.stdout).toContain(`0 created, 0 updated, ${n2} unchanged, 0 skipped`);
    expect(tree(dir)).toEqual(firstTree);
    expect(read(dir, MANIFEST)).toBe(firstManifest);
  });

  it('a plan after generating says unchanged for every file', () => {
    const p = planOf(dir, 'fly');
    for (const f of p.files) expect(f.action, f.path).toBe('unchanged');
  });

  it('a generated file the user edited is skipped (its diff with --diff), kept byte-identical, exit 0', () => {
    appendFileSync(join(dir, 'fly.toml'), '\n# my tweak\n');
    const edited = readFileSync(join(dir, 'fly.toml'));
    const r = runCli(['generate', dir, '--target', 'fly', '--yes', '--diff']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^skipped fly\.toml: edited since phoenix-ops wrote it/m);
    expect(r.stdout).toContain('--- a/fly.toml\n+++ b/fly.toml\n');
    expect(r.stdout).toMatch(/^-# my tweak$/m);
    expect(readFileSync(join(dir, 'fly.toml')).equals(edited)).toBe(true);
    expect(r.stdout).toMatch(new RegExp(`^0 created, 0 updated, ${n2 - 1} unchanged, 1 skipped$`, 'm'));
    expect(read(dir, MANIFEST)).toBe(firstManifest);
    const p = planOf(dir, 'fly');
    expect(p.files.find((f) => f.path === 'fly.toml')!.action).toBe('skip-user-edited');
  });

  it('--force overwrites the edited file with the generated content', () => {
    const r = runCli(['generate', dir, '--target', 'fly', '--yes', '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^write fly\.toml$/m);
    expect(read(dir, 'fly.toml')).toBe(firstContent.get('fly.toml'));
    expect(r.stdout).toContain(`0 created, 1 updated, ${n2 - 1} unchanged, 0 skipped`);
    expect(tree(dir)).toEqual(firstTree);
    expect(read(dir, MANIFEST)).toBe(firstManifest);
  });

  it('a generated file that was deleted is written again, identical', () => {
    rmSync(join(dir, 'rel/overlays/bin/server'));
    const r = runCli(['generate', dir, '--target', 'fly', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^create rel\/overlays\/bin\/server$/m);
    expect(tree(dir)).toEqual(firstTree);
  });

  it('leaves no temp files anywhere', () => {
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe.concurrent('generate never overwrites a file it did not write', () => {
  const userDockerfile = 'FROM elixir:1.17\n# my own Dockerfile\nCMD ["mix", "phx.server"]\n';

  it('a pre-existing user Dockerfile is skipped (twice; its diff with --diff), and only --force replaces it', async () => {
    const dir = makeProject({ Dockerfile: userDockerfile });
    const first = await runCliAsync(['generate', dir, '--target', 'fly', '--yes', '--diff']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(read(dir, 'Dockerfile')).toBe(userDockerfile);
    expect(first.stdout).toMatch(/^skipped Dockerfile: already exists and was not written by phoenix-ops/m);
    expect(first.stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(first.stdout).toMatch(/^-# my own Dockerfile$/m);
    expect(first.stdout).toMatch(/ 1 skipped$/m);
    expect(existsSync(join(dir, 'fly.toml'))).toBe(true);
    const m1 = JSON.parse(read(dir, MANIFEST)) as Manifest;
    expect(m1.files).not.toHaveProperty('Dockerfile');
    expect(m1.files).toHaveProperty('fly.toml');

    const second = await runCliAsync(['generate', dir, '--target', 'fly', '--yes']);
    expect(second.code).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(userDockerfile);
    expect(second.stdout).toMatch(/^skipped Dockerfile: /m);
    // Without --diff a skipped file is one line: no diff of it.
    expect(second.stdout).not.toContain('--- a/Dockerfile');

    const forced = await runCliAsync(['generate', dir, '--target', 'fly', '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^write Dockerfile$/m);
    expect(read(dir, 'Dockerfile')).not.toBe(userDockerfile);
    const m2 = JSON.parse(read(dir, MANIFEST)) as Manifest;
    expect(m2.files.Dockerfile).toEqual({ sha256: sha(readFileSync(join(dir, 'Dockerfile'))), target: 'fly' });
    expect(tempFiles(dir)).toEqual([]);
  });

  it('--dry-run --force over a user file writes nothing either', async () => {
    const dir = makeProject({ Dockerfile: userDockerfile });
    const before = tree(dir);
    const r = await runCliAsync(['generate', dir, '--target', 'fly', '--dry-run', '--force', '--apply-patches']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^would write Dockerfile$/m);
    expect(tree(dir)).toEqual(before);
  });
});

describe('generate and patches to the user\'s files', () => {
  let without: string;
  let withPatches: string;
  let dry: string;
  let rWithout: CliResult;
  let rWith: CliResult;
  let rDry: CliResult;
  let routerBefore: string;

  beforeAll(async () => {
    without = makeProject();
    withPatches = makeProject();
    dry = makeProject();
    routerBefore = read(without, ROUTER);
    [rWithout, rWith, rDry] = await Promise.all([
      runCliAsync(['generate', without, '--target', 'fly', '--yes']),
      runCliAsync(['generate', withPatches, '--target', 'fly', '--yes', '--apply-patches']),
      runCliAsync(['generate', dry, '--target', 'fly', '--dry-run', '--apply-patches']),
    ]);
  });

  it('the app has no health route, so the plan carries the health-route patch to the router', () => {
    const p = planOf(makeProject(), 'fly');
    expect(p.patches.map((x) => `${x.id} ${x.file} ${x.status}`)).toContain(`health-route ${ROUTER} applies`);
  });

  it('without --apply-patches the router is untouched and the output says how to apply them', () => {
    expect(rWithout.code).toBe(0);
    expect(read(without, ROUTER)).toBe(routerBefore);
    expect(rWithout.stdout).toMatch(/\d+ patch(es)? to your files not applied.*--apply-patches/);
  });

  it('with --apply-patches the router gets the route, and a following scan finds the health route', () => {
    expect(rWith.code).toBe(0);
    expect(rWith.stderr).toBe('');
    expect(rWith.stdout).toMatch(/^patch health-route$/m);
    const router = read(withPatches, ROUTER);
    expect(router).not.toBe(routerBefore);
    expect(router).toMatch(/get "\/health", HealthController, :index/);
    const scan = runCli(['scan', withPatches, '--json']);
    expect(scan.code).toBe(0);
    expect(scan.stderr).toBe('');
    const j = JSON.parse(scan.stdout) as { health: { path: string } | null; warnings: unknown[] };
    expect(j.health).toEqual({ path: '/health' });
    expect(j.warnings).toEqual([]);
  });

  it('after the patch, plan says already-applied and every file unchanged; a rerun changes nothing', () => {
    const p = planOf(withPatches, 'fly');
    expect(p.patches.filter((x) => x.status === 'applies')).toEqual([]);
    for (const f of p.files) expect(f.action, f.path).toBe('unchanged');
    const before = tree(withPatches);
    const again = runCli(['generate', withPatches, '--target', 'fly', '--yes', '--apply-patches']);
    expect(again.code).toBe(0);
    expect(tree(withPatches)).toEqual(before);
  });

  it('--dry-run --apply-patches writes nothing and says it would patch', () => {
    expect(rDry.code).toBe(0);
    expect(read(dry, ROUTER)).toBe(routerBefore);
    expect(existsSync(join(dry, MANIFEST))).toBe(false);
    expect(existsSync(join(dry, 'fly.toml'))).toBe(false);
    expect(rDry.stdout).toMatch(/^would patch health-route$/m);
  });

  it('a router the user edited gets the patch computed from its current text (the edit is kept)', () => {
    const dir = makeProject({ [ROUTER]: (t) => t.replace('  # Other scopes may use custom stacks.\n', '  # Other scopes may use custom stacks (edited).\n') });
    const r = runCli(['generate', dir, '--target', 'fly', '--yes', '--apply-patches']);
    expect(r.code).toBe(0);
    expect(read(dir, ROUTER)).toContain('(edited)');
    expect(read(dir, ROUTER)).toMatch(/get "\/health", HealthController, :index/);
  });

  it('leaves no temp files anywhere', () => {
    for (const d of [without, withPatches, dry]) expect(tempFiles(d)).toEqual([]);
  });
});

describe('generate without a terminal', () => {
  it('with stdin not a TTY and no --yes it does not prompt or hang, and does what --yes does', async () => {
    const a = makeProject();
    const b = makeProject();
    const [noYes, openStdin] = await Promise.all([
      runCliAsync(['generate', a, '--target', 'fly'], { timeoutMs: 30_000 }),
      // stdin left open (a pipe nobody writes to): reading it would hang.
      runCliAsync(['generate', b, '--target', 'fly'], { timeoutMs: 30_000, keepStdinOpen: true }),
    ]);
    for (const [r, d] of [[noYes, a], [openStdin, b]] as const) {
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(firstRun.stdout);
      expect(tree(d)).toEqual(firstRun.tree);
    }
  });
});

describe.concurrent('generate usage errors', () => {
  it('a preflight error is exit 1 and writes nothing; --force writes anyway', () => {
    // The app runs yt-dlp, which no Debian package of bookworm serves (too old to download) and no
    // Dockerfile of the project installs: the image would lack it.
    const dir = makeProject({
      'lib/hello_phoenix/downloader.ex': 'defmodule HelloPhoenix.Downloader do\n  def fetch(url, dir), do: System.cmd("yt-dlp", ["--paths", dir, url])\nend\n',
    });
    const before = tree(dir);
    const r = runCli(['generate', dir, '--target', 'fly', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error \[executable\] .*the app runs yt-dlp \(lib\/hello_phoenix\/downloader\.ex:2\)/);
    expect(r.stderr).toMatch(/nothing written/);
    expect(tree(dir)).toEqual(before);
    const forced = runCli(['generate', dir, '--target', 'fly', '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(join(dir, 'fly.toml'))).toBe(true);
  });

  it('an unknown target is exit 2 with one line and writes nothing', () => {
    const dir = makeProject();
    const before = tree(dir);
    const r = runCli(['generate', dir, '--target', 'heroku', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(tree(dir)).toEqual(before);
  });

  it('a corrupt manifest is exit 2 (input error) with one line, and nothing is written', () => {
    const dir = makeProject({ [MANIFEST]: '{ not json' });
    const before = tree(dir);
    const r = runCli(['generate', dir, '--target', 'fly', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('.phoenix-ops/manifest.json');
    expect(tree(dir)).toEqual(before);
    writeFileSync(join(dir, MANIFEST), '{"version":1,"files":{}}\n');
    expect(runCli(['generate', dir, '--target', 'fly', '--yes']).code).toBe(0);
  });
});
