import { describe, expect, it } from 'vitest';
import { colorizeDiff, diffStat, unifiedDiff } from '../../src/plan/diff.js';

describe('unifiedDiff', () => {
  it('prints git-style headers and hunks', () => {
    expect(unifiedDiff('fly.toml', 'a = 1\nb = 2\n', 'a = 1\nb = 3\n')).toBe(
      ['--- a/fly.toml', '+++ b/fly.toml', '@@ -1,2 +1,2 @@', ' a = 1', '-b = 2', '+b = 3', ''].join('\n'),
    );
  });

  it('is empty when nothing changes', () => {
    expect(unifiedDiff('x', 'same\n', 'same\n')).toBe('');
  });

  it('uses /dev/null for an absent side', () => {
    expect(unifiedDiff('new.txt', null, 'hi\n').split('\n').slice(0, 2)).toEqual(['--- /dev/null', '+++ b/new.txt']);
  });
});

describe('colorizeDiff', () => {
  const diff = unifiedDiff('x', 'keep\n-- old\n', 'keep\n++ new\n');

  it('leaves text alone without color', () => {
    expect(colorizeDiff(diff, false)).toBe(diff);
  });

  it('colors removals red and additions green, even lines that look like headers', () => {
    const colored = colorizeDiff(diff, true);
    expect(colored).toContain('\u001b[31m--- old');
    expect(colored).toContain('\u001b[32m+++ new');
    expect(colored).toContain('\u001b[1m--- a/x');
    expect(diffStat(diff)).toEqual({ added: 1, removed: 1 });
  });
});
