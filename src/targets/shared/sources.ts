/**
 * Source text of the user's files, for patches (a Patch carries the whole file before and after).
 * Targets never read the disk: the text comes from the scan, in `facts.sources` (path relative to
 * the scanned root → text) when the scan keeps it for the files targets patch (routers, endpoint,
 * application, config). Without it a target cannot build the patch and says what to change instead.
 */
import type { Facts, Profile } from '../../scan/profile.js';

export type FactsWithSources = Facts & { sources?: Record<string, string> };

export function sourceText(profile: Profile, rootRelFile: string): string | null {
  const sources = (profile.facts as FactsWithSources).sources;
  return sources && Object.prototype.hasOwnProperty.call(sources, rootRelFile) ? (sources[rootRelFile] ?? null) : null;
}

/** Root-relative path of the runtime config (config/runtime.exs of the project) even when none exists yet. */
export function runtimeConfigPath(profile: Profile): string {
  if (profile.runtimeConfig.file) return profile.runtimeConfig.file;
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath}/`;
  return `${prefix}config/runtime.exs`;
}
