/**
 * The user's files for patches, without I/O: text comes from `profile.facts.sources` (see
 * ../shared/sources.ts); paths are turned into the project-relative frame of Patch.file.
 */
import type { Profile } from '../../scan/profile.js';
import { projectRel } from '../../facts/project.js';
import { sourceText } from '../shared/sources.js';

export { sourceText };

/** A root-relative path made relative to the Phoenix project folder (the frame of GeneratedFile and Patch paths). */
export function projectRelative(profile: Profile, rootRelPath: string): string {
  return projectRel(profile, rootRelPath);
}

/** Root-relative path of the runtime config (config/runtime.exs of the project) even when none exists yet. */
export function runtimeConfigPath(profile: Profile): string {
  if (profile.runtimeConfig.file) return profile.runtimeConfig.file;
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath}/`;
  return `${prefix}config/runtime.exs`;
}
