import { describe, expect, it } from 'vitest';
import { count } from '../../src/model/plural.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE } from '../helpers/project.js';

describe('counts in plain English', () => {
  it('one is singular; zero and many are plural; irregular plurals are given', () => {
    expect(count(1, 'patch', 'patches')).toBe('1 patch');
    expect(count(2, 'patch', 'patches')).toBe('2 patches');
    expect(count(0, 'file')).toBe('0 files');
    expect(count(1, 'file')).toBe('1 file');
  });

  it('the report says "1 patch", not "1 patch(es)"', () => {
    const r = runCli(['report', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ files? to generate[,;] 1 patch to review/);
    expect(r.stdout).not.toContain('(es)');
  });
});
