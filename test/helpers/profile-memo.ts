/**
 * Profiles already made in this test process, by a key the caller makes unique (rule, case name, phase…),
 * kept as JSON so that no caller can change another's. Under `vitest run` each key is asked for once, so
 * this only serves StrykerJS (`npm run mutation:rules`): it re-runs the same rule cases for every mutant of
 * src/audit/rules in one process (vitest.stryker.config.ts, isolate: false). A rule's mutant cannot change
 * a project or its scan, and rules never read the disk (they get the profile), so each project is built and
 * scanned once per run instead of once per mutant.
 */
import type { Profile } from '../../src/scan/profile.js';

const profiles = new Map<string, string>();

export async function profileOnce(key: string, make: () => Promise<Profile>): Promise<Profile> {
  const known = profiles.get(key);
  if (known !== undefined) return JSON.parse(known) as Profile;
  const profile = await make();
  profiles.set(key, JSON.stringify(profile));
  return profile;
}
