/**
 * The repository a project folder sits in when the folder is not its top: `apps/web` or `elixir/` of
 * a repository whose deployment (a Helm chart's Ingress, an nginx site, Terraform, a Fly config)
 * lives at the top. The top is the nearest folder above holding `.git`; in a copy without git's
 * folder (a snapshot, a release tarball), the highest one (up to three levels) holding `.github/`.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How far above the project folder the repository's top may be (`services/api/elixir` is three). */
const MAX_LEVELS_UP = 3;

const has = (dir: string, name: string, dirOnly = false): boolean => {
  try {
    return dirOnly ? statSync(join(dir, name)).isDirectory() : existsSync(join(dir, name));
  } catch {
    return false;
  }
};

/** The repository's top above `root`, or null when `root` is the top (or no repository is found). */
export function enclosingRepoRoot(root: string): string | null {
  const above: string[] = [];
  for (let dir = root, i = 0; i < MAX_LEVELS_UP; i++) {
    const up = dirname(dir);
    if (up === dir) break;
    above.push((dir = up));
  }
  if (has(root, '.git')) return null;
  const git = above.find((d) => has(d, '.git'));
  if (git) return git;
  // No git folder: the highest folder holding a `.github/` (a subfolder may keep a stray one of its own).
  return above.filter((d) => has(d, '.github', true)).at(-1) ?? null;
}
