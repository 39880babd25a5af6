/**
 * A release script's executable bit as a deploy sees it: git's index for a tracked file (what every
 * clone and CI checkout gets), the disk for an untracked one or a project outside git.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rule } from '../../src/audit/rules/release-script-broken.js';
import { audit, scan } from '../../src/index.js';
import { fixture, makeProject } from '../helpers/project.js';

const git = (dir: string, ...args: string[]) => {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
};

/** The existing-deploy fixture in a fresh git work tree, every file staged. */
function tracked(): string {
  const dir = makeProject({}, fixture('existing-deploy'));
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  return dir;
}

const server = async (dir: string) => (await scan(dir)).facts.relScripts.find((s) => s.file === 'rel/overlays/bin/server');

describe('release script modes', () => {
  it('takes the mode git records over the disk (a checkout with core.fileMode=false shows none)', async () => {
    const dir = tracked();
    chmodSync(join(dir, 'rel/overlays/bin/server'), 0o644);
    expect(await server(dir)).toMatchObject({ executable: true, modeFrom: 'git' });
  });

  it('reports a script git records as 100644 even when the disk says 755', async () => {
    const dir = tracked();
    git(dir, 'update-index', '--chmod=-x', 'rel/overlays/bin/server');
    expect(await server(dir)).toMatchObject({ executable: false, modeFrom: 'git' });
    const findings = audit(await scan(dir), { rules: [rule] }).findings.map((f) => f.message);
    expect(findings).toEqual([expect.stringContaining('rel/overlays/bin/server: git records it as not executable (mode 100644')]);
  });

  it('reads the disk for a project outside git', async () => {
    const dir = makeProject({}, fixture('existing-deploy'));
    chmodSync(join(dir, 'rel/overlays/bin/server'), 0o644);
    expect(await server(dir)).toMatchObject({ executable: false, modeFrom: 'disk' });
    chmodSync(join(dir, 'rel/overlays/bin/server'), 0o755);
    expect(await server(dir)).toMatchObject({ executable: true, modeFrom: 'disk' });
  });

  it('outside git, a tree where no file is executable (a copy that kept no modes) cannot confirm the mode', async () => {
    const dir = makeProject({}, fixture('existing-deploy'));
    for (const s of ['server', 'migrate']) chmodSync(join(dir, 'rel/overlays/bin', s), 0o444);
    expect(await server(dir)).toMatchObject({ executable: false, modeFrom: 'copy' });
  });

  it('in git, a tree where no file is executable keeps the mode git records', async () => {
    const dir = makeProject({}, fixture('existing-deploy'));
    for (const s of ['server', 'migrate']) chmodSync(join(dir, 'rel/overlays/bin', s), 0o644);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    expect(await server(dir)).toMatchObject({ executable: false, modeFrom: 'git' });
    expect(audit(await scan(dir), { rules: [rule] }).findings.map((f) => f.severity)).toEqual(['high', 'high']);
  });
});
