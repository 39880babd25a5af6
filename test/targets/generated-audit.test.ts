/**
 * Auditing a generated app must not report the problems the generation fixes: generate the fly
 * target (which includes docker) into a copy of each project, accept its patches, scan again and
 * audit. The rules about releases, Docker, Fly, health and clustering must then be quiet.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import { rules } from '../../src/audit/rules/index.js';
import { defaultConfig } from '../../src/plan/config.js';
import { emptyManifest } from '../../src/plan/manifest.js';
import { plan } from '../../src/plan/planner.js';
import { applyPatches, applyWrites, planWrites } from '../../src/plan/writer.js';
import { scan } from '../../src/scan/index.js';
import { EXAMPLE, fixture, makeProject, REPO } from '../helpers/project.js';

const FIXED_BY_GENERATION = [
  'release-migrations-missing',
  'release-scripts-missing',
  'release-script-broken',
  'health-endpoint-missing',
  'dockerignore-missing',
  'dockerfile-node-stage-missing',
  'dockerfile-runs-as-root',
  'dockerfile-alpine-base',
  'dockerfile-single-stage',
  'dockerfile-libncurses5-trixie',
  'dockerfile-runtime-config-early',
  'dockerfile-migrates-at-build',
  'dockerfile-migrates-at-boot',
  'fly-internal-port-mismatch',
  'fly-http-check-missing',
  'fly-release-command-missing',
  'fly-min-machines-zero-liveview',
  'dns-cluster-node-name-missing',
  'phx-server-not-enabled',
];

// Projects without deploy files of their own (existing-deploy keeps the user's files, by design).
const bases: [string, string][] = [
  ['example', EXAMPLE],
  ...readdirSync(join(REPO, 'test', 'fixtures'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'existing-deploy')
    .map((d): [string, string] => [d.name, fixture(d.name)]),
];

describe('a generated deployment passes the rules it addresses', () => {
  it('every id listed here exists', () => {
    for (const id of FIXED_BY_GENERATION) expect(rules.map((r) => r.id)).toContain(id);
  });
  it.each(bases)('%s', async (_name, base) => {
    const dir = makeProject({}, base);
    const before = await scan(dir);
    const projectDir = before.projectPath === '.' ? dir : join(dir, before.projectPath);
    const config = defaultConfig(before);
    const p = plan(before, config, 'fly');
    const writes = await planWrites(projectDir, p.files, emptyManifest());
    await applyWrites(projectDir, writes, p.files, { target: 'fly' });
    const patched = await applyPatches(projectDir, p.patches, { accept: 'all' });
    expect(patched.stale).toEqual([]);
    const after = await scan(dir);
    const result = audit(after, { deploy: config, only: FIXED_BY_GENERATION });
    const left = result.findings.map((f) => `${f.ruleId} ${f.evidence[0]?.file}:${f.evidence[0]?.line} ${f.message}`);
    expect(left).toEqual([]);
    expect(after.health?.path).toBe(config.health.path);
  });
});
