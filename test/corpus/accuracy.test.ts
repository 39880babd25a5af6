/**
 * The real-app corpus (`../shared/corpus`, beside the repository in CI): `check.py scan` and
 * `check.py audit` measure the built CLI against hand-checked truth on every real Phoenix app of the corpus
 * (38 today) and must stay at or above the bars below: the last landed figures (a ratchet: they only go up). Where the corpus is absent (a user's clone), the tests say
 * so and skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { REPO } from '../helpers/project.js';

const CORPUS = join(REPO, '..', 'shared', 'corpus');
const present = existsSync(join(CORPUS, 'check.py')) && existsSync(join(CORPUS, 'truth.json'));
/** The last landed figures, on 38 apps. */
const BARS = { scan: 99.55, audit: 100 } as const;
const appCount = present ? (JSON.parse(readFileSync(join(CORPUS, 'truth.json'), 'utf8')) as unknown[]).length : 0;

if (!present) process.stdout.write(`corpus accuracy: skipped, no corpus at ${CORPUS}\n`);

describe.skipIf(!present)('real-app corpus accuracy', () => {
  for (const what of ['scan', 'audit'] as const) {
    it(`check.py ${what} is at or above ${BARS[what]}%`, () => {
      const r = spawnSync('python3', [join(CORPUS, 'check.py'), what, '--bar', String(BARS[what]), '--', process.execPath, CLI], {
        cwd: REPO,
        encoding: 'utf8',
        // 38 apps take ~40 s on an idle 2-core machine; the bound only stops a hung run (a loaded machine took over 120 s).
        timeout: 400_000,
        env: { ...process.env, NO_COLOR: '1' },
      });
      const lines = r.stdout.trim().split('\n');
      const summary = lines.at(-1) ?? '';
      process.stdout.write(`${lines.filter((l) => l.includes('wrong')).join('\n')}\n${summary}\n`);
      expect(summary).toMatch(what === 'scan' ? /^scan accuracy: [\d.]+% of \d+ fields on (\d+) apps/ : /^audit verdicts: [\d.]+% of \d+ agree with the truth on (\d+) apps/);
      // Every app of the corpus is measured, not a subset.
      expect(/on (\d+) apps/.exec(summary)?.[1]).toBe(String(appCount));
      expect(r.status, `${summary}\n${r.stderr}`).toBe(0);
    }, 450_000);
  }
});
