import { chmod, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Patch } from '../../src/model/plan.js';
import { applyPatches, planPatches } from '../../src/plan/writer.js';
import { tempDir } from './helpers.js';

const before = 'children = [\n  Repo,\n  Endpoint\n]\n';
const after = 'children = [\n  Repo,\n  {DNSCluster, query: :ignore},\n  Endpoint\n]\n';
const patch: Patch = { id: 'dns-cluster-child', file: 'lib/app/application.ex', description: 'Start DNSCluster', before, after };

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await mkdir(join(dir, 'lib/app'), { recursive: true });
  await writeFile(join(dir, 'lib/app/application.ex'), before);
});
afterEach(async () => cleanup());

describe('patches', () => {
  it('applies when the file is as scanned, with its diff', async () => {
    const [plan] = await planPatches(dir, [patch]);
    expect(plan).toMatchObject({ id: 'dns-cluster-child', file: 'lib/app/application.ex', status: 'applies' });
    expect(plan?.diff).toBe(
      '--- a/lib/app/application.ex\n+++ b/lib/app/application.ex\n@@ -1,4 +1,5 @@\n children = [\n   Repo,\n+  {DNSCluster, query: :ignore},\n   Endpoint\n ]\n',
    );
    await chmod(join(dir, 'lib/app/application.ex'), 0o640);
    const result = await applyPatches(dir, [patch], { accept: ['dns-cluster-child'] });
    expect(result.applied).toEqual(['dns-cluster-child']);
    expect(await readFile(join(dir, 'lib/app/application.ex'), 'utf8')).toBe(after);
    expect((await stat(join(dir, 'lib/app/application.ex'))).mode & 0o777).toBe(0o640);
    // Second time: already there.
    expect((await planPatches(dir, [patch]))[0]?.status).toBe('already-applied');
    expect((await applyPatches(dir, [patch], { accept: 'all' })).alreadyApplied).toEqual(['dns-cluster-child']);
  });

  it('is stale when the file changed since the scan, and is then not written', async () => {
    await writeFile(join(dir, 'lib/app/application.ex'), `${before}# edited\n`);
    const [plan] = await planPatches(dir, [patch]);
    expect(plan?.status).toBe('stale');
    expect(plan?.diff).toContain('+  {DNSCluster, query: :ignore},');
    const result = await applyPatches(dir, [patch], { accept: 'all' });
    expect(result.stale).toEqual(['dns-cluster-child']);
    expect(await readFile(join(dir, 'lib/app/application.ex'), 'utf8')).toBe(`${before}# edited\n`);
  });

  it('writes only accepted patches', async () => {
    const other: Patch = { id: 'health-route', file: 'lib/app/router.ex', description: 'health', before: '', after: 'get "/health"\n' };
    const result = await applyPatches(dir, [patch, other], { accept: ['health-route'] });
    expect(result).toMatchObject({ applied: ['health-route'], notAccepted: ['dns-cluster-child'] });
    expect(await readFile(join(dir, 'lib/app/application.ex'), 'utf8')).toBe(before);
    expect(await readFile(join(dir, 'lib/app/router.ex'), 'utf8')).toBe('get "/health"\n');
  });

  it('is stale when the file is missing', async () => {
    const missing: Patch = { ...patch, id: 'm', file: 'lib/app/missing.ex' };
    expect((await planPatches(dir, [missing]))[0]).toMatchObject({ status: 'stale', reason: 'lib/app/missing.ex does not exist' });
  });

  it('turns a second patch to the same file stale, also in a dry run', async () => {
    const second: Patch = { ...patch, id: 'second', after: `${before}# more\n` };
    const dry = await applyPatches(dir, [patch, second], { accept: 'all', dryRun: true });
    expect(dry).toMatchObject({ applied: ['dns-cluster-child'], stale: ['second'] });
    expect(await readFile(join(dir, 'lib/app/application.ex'), 'utf8')).toBe(before);
    const real = await applyPatches(dir, [patch, second], { accept: 'all' });
    expect(real).toMatchObject({ applied: ['dns-cluster-child'], stale: ['second'] });
  });

  it('refuses patches outside the project', async () => {
    await expect(planPatches(dir, [{ ...patch, file: '../x.ex' }])).rejects.toThrow(/refusing to write/);
    await expect(applyPatches(dir, [{ ...patch, file: '../x.ex' }], { accept: 'all' })).rejects.toThrow(/refusing to write/);
  });
});
