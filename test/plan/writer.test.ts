import { chmod, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_PATH, ManifestError, readManifest, sha256 } from '../../src/plan/manifest.js';
import { UnsafePathError } from '../../src/plan/safe-path.js';
import type { GeneratedFile } from '../../src/model/plan.js';
import { applyWrites, planWrites } from '../../src/plan/writer.js';
import { tempDir } from './helpers.js';

const MIGRATE = '#!/bin/sh\nexec ./bin/app eval "App.Release.migrate"\n';
const files = (content = 'FROM debian\n'): GeneratedFile[] => [
  { path: 'Dockerfile', content, description: 'image build' },
  { path: 'rel/overlays/bin/migrate', content: MIGRATE, mode: 0o755, description: 'migrations' },
];

async function generate(dir: string, gen: GeneratedFile[], force = false) {
  const actions = await planWrites(dir, gen, await readManifest(dir), { force });
  const result = await applyWrites(dir, actions, gen, { target: 'fly' });
  return { actions, result };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

describe('planWrites + applyWrites', () => {
  it('creates, then finds everything unchanged with the same bytes on a second run', async () => {
    const first = await generate(dir, files());
    expect(first.actions.map((a) => [a.path, a.action, a.diff])).toEqual([
      ['Dockerfile', 'create', ''],
      ['rel/overlays/bin/migrate', 'create', ''],
    ]);
    expect(first.result).toMatchObject({ created: 2, updated: 0, skipped: 0, written: ['Dockerfile', 'rel/overlays/bin/migrate'] });
    const manifestBytes = await readFile(join(dir, MANIFEST_PATH), 'utf8');
    expect(JSON.parse(manifestBytes)).toEqual({
      version: 1,
      files: {
        Dockerfile: { sha256: sha256('FROM debian\n'), target: 'fly' },
        'rel/overlays/bin/migrate': { sha256: sha256(MIGRATE), target: 'fly' },
      },
    });

    const dockerfileBefore = await readFile(join(dir, 'Dockerfile'));
    const second = await generate(dir, files());
    expect(second.actions.map((a) => a.action)).toEqual(['unchanged', 'unchanged']);
    expect(second.result).toMatchObject({ created: 0, updated: 0, unchanged: 2, written: [] });
    expect(await readFile(join(dir, 'Dockerfile'))).toEqual(dockerfileBefore);
    expect(await readFile(join(dir, MANIFEST_PATH), 'utf8')).toBe(manifestBytes);
  });

  it('updates a file it wrote and nobody edited, with a diff', async () => {
    await generate(dir, files());
    const { actions, result } = await generate(dir, files('FROM debian:trixie\n'));
    expect(actions[0]).toMatchObject({ action: 'update', reason: 'written by phoenix-ops and not edited since' });
    expect(actions[0]?.diff).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,1 +1,1 @@\n-FROM debian\n+FROM debian:trixie\n');
    expect(result.updated).toBe(1);
    expect(await readFile(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM debian:trixie\n');
    expect((await readManifest(dir)).files.Dockerfile?.sha256).toBe(sha256('FROM debian:trixie\n'));
  });

  it('keeps a file the user edited, shows the diff, and overwrites it only with force', async () => {
    await generate(dir, files());
    await writeFile(join(dir, 'Dockerfile'), 'FROM debian\nRUN echo mine\n');

    const kept = await generate(dir, files('FROM debian:trixie\n'));
    expect(kept.actions[0]?.action).toBe('skip-user-edited');
    expect(kept.actions[0]?.diff).toContain('-RUN echo mine');
    expect(kept.actions[0]?.diff).toContain('+FROM debian:trixie');
    expect(kept.result).toMatchObject({ skipped: 1, written: [] });
    expect(await readFile(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM debian\nRUN echo mine\n');

    const forced = await generate(dir, files('FROM debian:trixie\n'), true);
    expect(forced.actions[0]?.action).toBe('overwrite-forced');
    expect(forced.result).toMatchObject({ overwritten: 1, written: ['Dockerfile'] });
    expect(await readFile(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM debian:trixie\n');
    // Owned again: the next change is a plain update.
    expect((await generate(dir, files('FROM debian:bookworm\n'))).actions[0]?.action).toBe('update');
  });

  it('leaves a file it did not write alone unless forced', async () => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM alpine\n');
    const plan = await planWrites(dir, files(), await readManifest(dir));
    expect(plan[0]).toMatchObject({ action: 'skip-not-owned' });
    expect(plan[0]?.diff).toContain('-FROM alpine');
    await applyWrites(dir, plan, files());
    expect(await readFile(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM alpine\n');
    expect((await readManifest(dir)).files.Dockerfile).toBeUndefined();

    const forced = await planWrites(dir, files(), await readManifest(dir), { force: true });
    expect(forced[0]?.action).toBe('overwrite-forced');
  });

  it('takes ownership of a file that already has exactly the generated content', async () => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM debian\n');
    const { actions } = await generate(dir, files());
    expect(actions[0]?.action).toBe('unchanged');
    expect((await readManifest(dir)).files.Dockerfile).toEqual({ sha256: sha256('FROM debian\n'), target: 'fly' });
  });

  it('recreates a generated file the user deleted', async () => {
    await generate(dir, files());
    await writeFile(join(dir, 'Dockerfile'), '');
    await (await import('node:fs/promises')).unlink(join(dir, 'Dockerfile'));
    const { actions } = await generate(dir, files());
    expect(actions[0]).toMatchObject({ action: 'create', reason: 'written before but missing now; writing it again' });
  });

  it('sets 0755 on scripts and 0644 on other files, and restores a lost executable bit', async () => {
    await generate(dir, files());
    expect((await stat(join(dir, 'rel/overlays/bin/migrate'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(dir, 'Dockerfile'))).mode & 0o777).toBe(0o644);

    await chmod(join(dir, 'rel/overlays/bin/migrate'), 0o644);
    const { actions } = await generate(dir, files());
    expect(actions[1]).toMatchObject({ action: 'update', reason: 'same content; mode 0644 → 0755' });
    expect((await stat(join(dir, 'rel/overlays/bin/migrate'))).mode & 0o777).toBe(0o755);
  });

  it('keeps the mode of an updated file that has no mode of its own', async () => {
    await generate(dir, files());
    await chmod(join(dir, 'Dockerfile'), 0o600);
    await generate(dir, files('FROM debian:trixie\n'));
    expect((await stat(join(dir, 'Dockerfile'))).mode & 0o777).toBe(0o600);
  });

  it('writes nothing in a dry run but reports what it would do', async () => {
    const actions = await planWrites(dir, files(), await readManifest(dir));
    const result = await applyWrites(dir, actions, files(), { dryRun: true });
    expect(result).toMatchObject({ dryRun: true, created: 2, written: ['Dockerfile', 'rel/overlays/bin/migrate'] });
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves alone a file that changed between plan and apply', async () => {
    const actions = await planWrites(dir, files(), await readManifest(dir));
    await writeFile(join(dir, 'Dockerfile'), 'FROM mine\n');
    const result = await applyWrites(dir, actions, files());
    expect(result.conflicts).toEqual(['Dockerfile']);
    expect(result.created).toBe(1);
    expect(await readFile(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM mine\n');
  });

  it('skips a path where a folder stands, even with force', async () => {
    await mkdir(join(dir, 'Dockerfile'));
    const plan = await planWrites(dir, files(), await readManifest(dir), { force: true });
    expect(plan[0]?.action).toBe('skip-not-owned');
  });

  it('refuses paths with .. or absolute paths, and duplicates', async () => {
    const bad = (path: string): GeneratedFile[] => [{ path, content: 'x', description: 'bad' }];
    await expect(planWrites(dir, bad('../evil'), await readManifest(dir))).rejects.toThrow(UnsafePathError);
    await expect(planWrites(dir, bad('a/../../evil'), await readManifest(dir))).rejects.toThrow(/".."/);
    await expect(planWrites(dir, bad('/etc/passwd'), await readManifest(dir))).rejects.toThrow(/relative/);
    await expect(planWrites(dir, bad('.git/hooks/pre-commit'), await readManifest(dir))).rejects.toThrow(/\.git/);
    const dup = [...files(), { path: './Dockerfile', content: 'y', description: 'again' }];
    await expect(planWrites(dir, dup, await readManifest(dir))).rejects.toThrow(/share the path Dockerfile/);
  });

  it('refuses to follow a symlink out of the project folder', async () => {
    const outside = await tempDir('phoenix-ops-outside-');
    try {
      await writeFile(join(outside.dir, 'target'), 'outside\n');
      await symlink(join(outside.dir, 'target'), join(dir, 'Dockerfile'));
      await expect(planWrites(dir, files(), await readManifest(dir))).rejects.toThrow(
        /refusing to write Dockerfile: Dockerfile is a symlink to .* outside the project folder/,
      );
      // A linked folder on the way counts too.
      await symlink(outside.dir, join(dir, 'rel'));
      await expect(planWrites(dir, files().slice(1), await readManifest(dir))).rejects.toThrow(/rel is a symlink to .* outside/);
      expect(await readFile(join(outside.dir, 'target'), 'utf8')).toBe('outside\n');
      expect(await readdir(outside.dir)).toEqual(['target']);
    } finally {
      await outside.cleanup();
    }
  });

  it('refuses a dangling symlink', async () => {
    await symlink(join(dir, 'nowhere'), join(dir, 'Dockerfile'));
    await expect(planWrites(dir, files(), await readManifest(dir))).rejects.toThrow(/symlink to a missing target/);
  });

  it('writes through a symlink that stays inside the project', async () => {
    await mkdir(join(dir, 'deploy'));
    await writeFile(join(dir, 'deploy/Dockerfile'), 'FROM debian\n');
    await symlink('deploy/Dockerfile', join(dir, 'Dockerfile'));
    await generate(dir, files());
    await generate(dir, files('FROM debian:trixie\n'));
    expect(await readFile(join(dir, 'deploy/Dockerfile'), 'utf8')).toBe('FROM debian:trixie\n');
    expect((await (await import('node:fs/promises')).lstat(join(dir, 'Dockerfile'))).isSymbolicLink()).toBe(true);
  });

  it('refuses a manifest symlinked outside the project', async () => {
    const outside = await tempDir('phoenix-ops-outside-');
    try {
      await symlink(outside.dir, join(dir, '.phoenix-ops'));
      await expect(readManifest(dir)).rejects.toThrow(UnsafePathError);
    } finally {
      await outside.cleanup();
    }
  });

  it('reports a corrupt manifest clearly', async () => {
    await mkdir(join(dir, '.phoenix-ops'));
    await writeFile(join(dir, MANIFEST_PATH), '{ not json');
    await expect(readManifest(dir)).rejects.toThrow(ManifestError);
    await expect(readManifest(dir)).rejects.toThrow(/\.phoenix-ops\/manifest\.json: not valid JSON/);
  });
});
