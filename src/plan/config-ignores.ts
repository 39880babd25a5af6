/**
 * `audit.ignore` in phoenix-ops.yaml, checked against what exists: a rule id that names no audit rule
 * or verify check is an error (as ESLint rejects an unknown rule in its config), with the nearest id;
 * a path that matches no file or folder of the project is a warning, as ESLint reports unused disable
 * directives (`reportUnusedDisableDirectives`, "warn" by default): the ignore then covers nothing, the
 * finding it meant stays visible, and a file that moved should not stop `generate` or `apply`.
 */
import { nearest } from '../model/did-you-mean.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile } from '../scan/profile.js';
import type { SchemaPath } from './schema-path.js';

export interface IgnoreIssue {
  path: SchemaPath;
  /** Where the issue points: the key's value (the id or path as written). */
  reason: string;
}

/** Unknown rule ids (errors) and paths that match nothing in the project (warnings). */
export function checkIgnores(ignores: DeployConfig['audit']['ignore'], profile: Profile, knownIds: readonly string[] | null): { errors: IgnoreIssue[]; warnings: IgnoreIssue[] } {
  const errors: IgnoreIssue[] = [];
  const warnings: IgnoreIssue[] = [];
  const known = knownIds ? new Set(knownIds) : null;
  ignores.forEach((ig, i) => {
    if (known && knownIds && !known.has(ig.rule)) {
      const near = nearest(ig.rule, knownIds);
      errors.push({ path: ['audit', 'ignore', i, 'rule'], reason: `unknown rule id "${ig.rule}" in audit.ignore[${i}].rule (\`phoenix-ops explain --list\` lists them)${near ? `; did you mean ${near}?` : ''}` });
    }
    // A profile built without the file list (a hand-made one) cannot tell: nothing is reported then.
    if (ig.path !== undefined && Array.isArray(profile.facts?.files) && !pathExists(profile, ig.path)) {
      const near = nearest(ig.path, projectFiles(profile));
      warnings.push({ path: ['audit', 'ignore', i, 'path'], reason: `audit.ignore[${i}].path "${ig.path}" matches no file or folder of the project, so this ignore covers nothing${near ? `; did you mean ${near}?` : ''}` });
    }
  });
  return { errors, warnings };
}

/** A path of an ignore (relative to the project folder, where phoenix-ops.yaml sits) as the scan lists files: from the scanned root. */
export function fromRoot(profile: Pick<Profile, 'projectPath'>, path: string): string {
  const p = path.replace(/^\.\//, '').replace(/\/+$/, '');
  return profile.projectPath === '.' ? p : `${profile.projectPath}/${p}`;
}

function pathExists(profile: Profile, path: string): boolean {
  const q = fromRoot(profile, path);
  // A folder the scan did not read inside is listed by its own path: whatever is under it may exist.
  return profile.facts.files.some((f) => f === q || f.startsWith(`${q}/`) || q.startsWith(`${f}/`));
}

/** The project's files as an ignore names them (relative to the project folder). */
function projectFiles(profile: Profile): string[] {
  const prefix = profile.projectPath === '.' ? '' : `${profile.projectPath}/`;
  return profile.facts.files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
}
