/**
 * `report` counts what `generate` would write, and `generate` shows files it leaves alone as one line
 * each (issue 21: report said "6 files to generate" where generate wrote none, and generate printed
 * 263 lines of diffs of files it skipped). `--diff` shows those diffs.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

describe('report and generate agree on what would be written', () => {
  const r: Record<string, CliResult> = {};
  beforeAll(async () => {
    const dir = makeProject();
    const first = await runCliAsync(['generate', dir, '--target', 'fly']);
    expect(first.code, first.stderr).toBe(0);
    // The user edits a file phoenix-ops wrote: generate keeps it from now on.
    appendFileSync(join(dir, 'fly.toml'), '\n[env]\n  LOG_LEVEL = "debug"\n');
    const runs: Record<string, string[]> = {
      report: ['report', dir, '--json'],
      reportText: ['report', dir],
      dry: ['generate', dir, '--target', 'fly', '--dry-run'],
      dryDiff: ['generate', dir, '--target', 'fly', '--dry-run', '--diff'],
    };
    await Promise.all(Object.entries(runs).map(async ([k, args]) => (r[k] = await runCliAsync(args))));
  }, 90_000);

  it('report counts only the files generate would write, and says how many it leaves alone', () => {
    expect(r.report!.code, r.report!.stderr).toBe(0);
    const j = JSON.parse(r.report!.stdout) as { recommendation: { target: string }; plan: { files: unknown[]; skipped: { path: string; reason: string }[]; unchanged: number; preflightErrors: number } };
    expect(j.recommendation.target).toBe('fly');
    const wouldWrite = r.dry!.stdout.split('\n').filter((l) => /^would (create|write) /.test(l));
    expect(j.plan.files).toHaveLength(wouldWrite.length);
    expect(j.plan.files).toHaveLength(0);
    expect(j.plan.skipped.map((s) => s.path)).toEqual(['fly.toml']);
    expect(j.plan.unchanged).toBeGreaterThan(0);
    expect(r.reportText!.stdout).toMatch(/^ {2}0 files to generate, \d+ up to date, 1 left as you wrote it; /m);
  });

  it('generate shows a skipped file as one line, and its diff only with --diff', () => {
    expect(r.dry!.code, r.dry!.stderr).toBe(0);
    const out = r.dry!.stdout;
    expect(out.split('\n').filter((l) => l.includes('fly.toml'))).toEqual(['skipped fly.toml: edited since phoenix-ops wrote it; kept as is (use --force to overwrite)']);
    expect(out).not.toMatch(/^(---|\+\+\+|@@) /m);
    expect(out).toMatch(/1 skipped \(--diff shows what phoenix-ops would have written\)$/m);
    const withDiff = r.dryDiff!.stdout;
    expect(withDiff).toContain('--- a/fly.toml');
    expect(withDiff).toMatch(/^-  LOG_LEVEL = "debug"$/m);
  });
});
