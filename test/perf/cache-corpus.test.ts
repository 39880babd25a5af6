/**
 * `--cache` never changes a result: on every app of the real-app corpus (`../shared/corpus`, beside
 * the repository in CI), the scan JSON and the audit JSON are the same bytes without the cache, on
 * the run that fills it (a miss) and on the run that reuses it (a hit). In-process (no CLI spawned):
 * two scans and one cache hit per app. Where the corpus is absent, the test says so and skips.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import { loadConfig } from '../../src/plan/config.js';
import { report } from '../../src/report/index.js';
import { rules } from '../../src/audit/rules/index.js';
import { scan, ScanError, type ScanOptions } from '../../src/scan/index.js';
import { toScanJson } from '../../src/scan/json.js';
import { REPO } from '../helpers/project.js';

const APPS = join(REPO, '..', 'shared', 'corpus', 'apps');
const present = existsSync(APPS);
const apps = present ? readdirSync(APPS).sort() : [];
const location = mkdtempSync(join(tmpdir(), 'phoenix-ops-cache-'));
afterAll(() => rmSync(location, { recursive: true, force: true }));

if (!present) process.stdout.write(`cache corpus test: skipped, no corpus at ${APPS}\n`);

/** What `scan --json` and `audit --json` print, or the scan's error. */
async function outputs(dir: string, options: ScanOptions): Promise<{ scan: string; audit: string; hit: boolean }> {
  let profile;
  try {
    profile = await scan(dir, options);
  } catch (e) {
    if (e instanceof ScanError) return { scan: `error ${e.code}: ${e.message}`, audit: '', hit: false };
    throw e;
  }
  const projectDir = profile.projectPath === '.' ? profile.root : join(profile.root, profile.projectPath);
  const { config, file } = await loadConfig(projectDir, profile);
  const result = audit(profile, { deploy: config, configFile: file });
  return {
    scan: JSON.stringify(toScanJson(profile), null, 2),
    audit: await report({ kind: 'audit', result, catalog: rules }, 'json', { title: 'audit' }),
    hit: 'cache-hit' in profile.facts.stats.phases,
  };
}

describe.skipIf(!present)('the scan cache on the real-app corpus', () => {
  it(`gives byte-identical scan and audit JSON with and without the cache on all ${apps.length} apps`, async () => {
    const differing: string[] = [];
    let hits = 0;
    let scanned = 0;
    for (const app of apps) {
      const dir = join(APPS, app);
      const plain = await outputs(dir, {});
      const miss = await outputs(dir, { cache: { location } });
      const hit = await outputs(dir, { cache: { location } });
      if (plain.scan.startsWith('error')) continue;
      scanned += 1;
      if (hit.hit) hits += 1;
      for (const [name, o] of [['miss', miss], ['hit', hit]] as const) {
        if (o.scan !== plain.scan) differing.push(`${app}: scan JSON differs on the ${name}`);
        if (o.audit !== plain.audit) differing.push(`${app}: audit JSON differs on the ${name}`);
      }
      expect(miss.hit).toBe(false);
    }
    expect(differing).toEqual([]);
    // Every app that scans is served from the cache the second time.
    expect(hits).toBe(scanned);
    expect(scanned).toBeGreaterThanOrEqual(apps.length - 1);
  }, 600_000);
});
