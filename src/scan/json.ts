/** The stable `scan --json` object: the profile without its detailed facts. */
import type { Profile, ScanSummary } from './profile.js';

export function toScanJson(profile: Profile): ScanSummary {
  const { facts: _facts, ...summary } = profile;
  return summary;
}
