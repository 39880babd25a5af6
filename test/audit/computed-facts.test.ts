/** The facts layer computes each derived fact once per profile (facts/computed.ts) and shares the answer. */
import { describe, expect, it } from 'vitest';
import { computed, computedBy } from '../../src/facts/computed.js';
import { ectoRepos } from '../../src/facts/ecto-repos.js';
import { requiredEnv } from '../../src/facts/required-env.js';
import { endpointOf } from '../../src/facts/web.js';
import { scanProject } from '../helpers/project.js';

describe('computed facts', () => {
  it('derive once per object, again for another object', () => {
    let calls = 0;
    const size = computed((xs: number[]) => {
      calls += 1;
      return xs.length;
    });
    const a = [1, 2];
    expect([size(a), size(a)]).toEqual([2, 2]);
    expect(calls).toBe(1);
    expect(size([1, 2, 3])).toBe(3);
    expect(calls).toBe(2);
  });
  it('facts of a name are kept per object and name; an undefined or null answer is kept too', () => {
    let calls = 0;
    const at = computedBy((xs: string[], i: number) => {
      calls += 1;
      return xs[i] ?? null;
    });
    const xs = ['a'];
    expect([at(xs, 0), at(xs, 0), at(xs, 5), at(xs, 5)]).toEqual(['a', 'a', null, null]);
    expect(calls).toBe(2);
  });
  it('every stage reading a profile gets the same answer object', async () => {
    const profile = await scanProject();
    expect(endpointOf(profile)).toBe(endpointOf(profile));
    expect(ectoRepos(profile)).toBe(ectoRepos(profile));
    expect(requiredEnv(profile)).toBe(requiredEnv(profile));
    // Another profile (a test's variant, spread from this one) is its own key.
    expect(ectoRepos({ ...profile, database: 'none' })).toEqual([]);
    expect(ectoRepos(profile).map((r) => r.module)).toEqual(['HelloPhoenix.Repo']);
  });
});
