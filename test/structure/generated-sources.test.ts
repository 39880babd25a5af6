/**
 * The generated sources (rule index, target/apply/cost registries, compiled templates) are build outputs:
 * scripts/generate.mjs writes them, git ignores them, and the test suite's global setup has brought every
 * one up to date before any test imports it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/project.js';
// @ts-expect-error: a plain .mjs script without types
import { generatedFiles } from '../../scripts/generate.mjs';

const files = [...(generatedFiles() as Map<string, string>)].map(([path, text]) => ({ path: relative(REPO, path), text }));
const git = (...args: string[]) => execFileSync('git', ['-C', REPO, ...args], { encoding: 'utf8' });

describe('generated sources', () => {
  it('cover the rule index, the three registries, every templates folder and the rehearsal scripts', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['src/audit/rules/index.ts', 'src/targets/index.ts', 'src/apply/adapters/index.ts', 'src/cost/registry.ts', 'src/plan/rehearse/scripts.ts', 'src/targets/docker/templates/index.ts']));
    expect(paths.filter((p) => p.endsWith('/templates/index.ts')).length).toBeGreaterThanOrEqual(7);
  });

  it('are ignored by git and not tracked', () => {
    const paths = files.map((f) => f.path);
    expect(git('check-ignore', '--no-index', ...paths).trim().split('\n').sort()).toEqual([...paths].sort());
    expect(git('ls-files', '--', ...paths).trim()).toBe('');
  });

  it('are up to date before the tests run', () => {
    for (const { path, text } of files) expect(readFileSync(`${REPO}/${path}`, 'utf8'), path).toBe(text);
  });
});
