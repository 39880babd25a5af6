/**
 * Auditing a generated app must not report the problems the generation fixes: generate the fly
 * target (which includes docker) into a copy of each project, accept its patches, scan again and
 * audit. The rules about releases, Docker, Fly, health and clustering must then be quiet.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import { rules } from '../../src/audit/rules/index.js';
import { defaultConfig } from '../../src/plan/config.js';
import { previewPlan } from '../../src/plan/preview.js';
import { applyPatches, applyWrites } from '../../src/plan/writer.js';
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

/** generate --apply-patches, as the CLI does it: preview (render for accepted patches and kept files), write, patch. */
async function generateInto(projectDir: string, profile: Awaited<ReturnType<typeof scan>>, target: 'fly') {
  const config = defaultConfig(profile);
  const preview = await previewPlan(projectDir, profile, config, target, { applyPatches: true });
  const result = await applyWrites(projectDir, preview.writes, preview.plan.files, { target });
  const patched = await applyPatches(projectDir, preview.plan.patches, { accept: 'all' });
  return { config, preview, written: result.written, patched };
}

describe('a generated deployment passes the rules it addresses', () => {
  it('every id listed here exists', () => {
    for (const id of FIXED_BY_GENERATION) expect(rules.map((r) => r.id)).toContain(id);
  });
  it.each(bases)('%s', async (_name, base) => {
    const dir = makeProject({}, base);
    const before = await scan(dir);
    const projectDir = before.projectPath === '.' ? dir : join(dir, before.projectPath);
    const { config, preview, patched } = await generateInto(projectDir, before, 'fly');
    expect(preview.preflight.filter((i) => i.severity === 'error')).toEqual([]);
    expect(patched.stale).toEqual([]);
    const after = await scan(dir);
    const result = audit(after, { deploy: config, only: FIXED_BY_GENERATION });
    const left = result.findings.map((f) => `${f.ruleId} ${f.evidence[0]?.file}:${f.evidence[0]?.line} ${f.message}`);
    expect(left).toEqual([]);
    expect(after.health?.path).toBe(config.health.path);
  });
});

// The corpus of real apps (../shared/corpus, when present): they keep their own deploy files, so the
// rules must stay quiet about every file phoenix-ops wrote or patched (not about the user's kept ones).
const CORPUS = join(REPO, '..', 'shared', 'corpus');
const corpusApps: [string, string][] = existsSync(join(CORPUS, 'truth.json'))
  ? (JSON.parse(readFileSync(join(CORPUS, 'truth.json'), 'utf8')) as { repo: string; root?: string }[]).map((a) => [a.repo, join(CORPUS, 'apps', a.repo.replace('/', '+'), a.root ?? '.')])
  : [];

describe.skipIf(corpusApps.length === 0)('generated deployments of the real-app corpus pass the rules they address', () => {
  it.each(corpusApps)('%s', async (_name, base) => {
    const dir = makeProject({}, base);
    const before = await scan(dir);
    const projectDir = before.projectPath === '.' ? dir : join(dir, before.projectPath);
    const { config, preview, written, patched } = await generateInto(projectDir, before, 'fly');
    expect(preview.preflight.filter((i) => i.severity === 'error')).toEqual([]);
    expect(patched.stale).toEqual([]);
    const prefix = before.projectPath === '.' ? '' : `${before.projectPath}/`;
    const ours = new Set([...written, ...preview.plan.patches.filter((p) => patched.applied.includes(p.id)).map((p) => p.file)].map((f) => `${prefix}${f}`));
    const after = await scan(dir);
    const result = audit(after, { deploy: config, only: FIXED_BY_GENERATION });
    const left = result.findings.filter((f) => f.evidence.some((e) => ours.has(e.file))).map((f) => `${f.ruleId} ${f.evidence[0]?.file}:${f.evidence[0]?.line} ${f.message}`);
    expect(left).toEqual([]);
    // A copy of a real app is large: removed now rather than all at the end.
    rmSync(dir, { recursive: true, force: true });
  });
});
