/**
 * The scan is a pure function of the files: the same tree gives the same Profile (apart from the
 * elapsed time and the absolute root), and the Profile is plain data.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index.js';
import type { Profile } from '../../../src/scan/profile.js';
import { EXAMPLE, fixture, makeProject } from '../../helpers/project.js';

/** The profile without what legitimately varies between runs: elapsed time (and, optionally, root). */
function comparable(p: Profile, dropRoot = false): unknown {
  const copy = structuredClone(p);
  copy.facts.stats.ms = 0;
  copy.facts.stats.phases = {};
  if (dropRoot) copy.root = '<root>';
  return copy;
}

describe('determinism', () => {
  it.each([
    ['the example app', EXAMPLE],
    ['the umbrella fixture', fixture('umbrella')],
    ['the env-helpers fixture', fixture('env-helpers')],
    ['the existing-deploy fixture', fixture('existing-deploy')],
  ])('scanning %s twice gives deep-equal profiles', async (_name, dir) => {
    const a = await scan(dir);
    const b = await scan(dir);
    expect(comparable(b)).toStrictEqual(comparable(a));
  });

  it('two copies of the same tree in different folders give the same profile but for the root', async () => {
    const a = await scan(makeProject({}));
    const b = await scan(makeProject({}));
    expect(a.root).not.toBe(b.root);
    expect(comparable(b, true)).toStrictEqual(comparable(a, true));
  });

  it('the profile is plain JSON data (a JSON round trip changes nothing)', async () => {
    const p = await scan(fixture('env-helpers'));
    expect(JSON.parse(JSON.stringify(p))).toStrictEqual(p);
  });
});
