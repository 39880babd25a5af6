/**
 * Reading the user's own files for patches, without I/O: targets are pure, so a Patch (whole file before and
 * after) can only be built from text the scan put into the profile.
 *
 * Contract: `profile.facts.sources` — an optional map of root-relative path → file text for the files a
 * patch may touch (config/runtime.exs, lib/<app>/application.ex, mix.exs, router, endpoint). When the scan
 * does not provide it, targets fall back to a plan note that shows the change to make by hand.
 */
import type { Profile } from '../../scan/profile.js';

type WithSources = { sources?: Record<string, string> };

/** The text of a root-relative file, when the scan captured it. */
export function sourceText(profile: Profile, rootRelPath: string): string | null {
  const sources = (profile.facts as unknown as WithSources).sources;
  if (!sources || typeof sources !== 'object') return null;
  const text = sources[rootRelPath];
  return typeof text === 'string' ? text : null;
}

/** A root-relative path made relative to the Phoenix project folder (the frame of GeneratedFile and Patch paths). */
export function projectRelative(profile: Profile, rootRelPath: string): string {
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath}/`;
  return prefix && rootRelPath.startsWith(prefix) ? rootRelPath.slice(prefix.length) : rootRelPath;
}

/** Root-relative path of the runtime config (config/runtime.exs of the project) even when none exists yet. */
export function runtimeConfigPath(profile: Profile): string {
  if (profile.runtimeConfig.file) return profile.runtimeConfig.file;
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath}/`;
  return `${prefix}config/runtime.exs`;
}
