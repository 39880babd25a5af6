/**
 * Turning a generated file's relative path into a place on disk that is certainly inside the project:
 * no absolute paths, no `..`, nothing under `.git/`, and no symlink (file or folder) leading outside.
 */
import { errCode } from '../scan/files.js';
import { lstat, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

export class UnsafePathError extends Error {
  /** The relative path that was refused. */
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`refusing to write ${path}: ${reason}`);
    this.name = 'UnsafePathError';
    this.path = path;
  }
}

/**
 * Checks a relative path's spelling and returns it normalized (forward slashes, no `./` or empty segments).
 * Throws UnsafePathError for absolute paths, `..` segments, backslashes, NUL bytes and `.git/`.
 */
export function normalizeRelPath(relPath: string): string {
  if (relPath === '' || relPath.includes('\0')) throw new UnsafePathError(JSON.stringify(relPath), 'empty or invalid path');
  if (relPath.includes('\\')) throw new UnsafePathError(relPath, 'use forward slashes in paths');
  if (relPath.startsWith('/') || /^[A-Za-z]:/.test(relPath)) throw new UnsafePathError(relPath, 'the path must be relative to the project folder');
  const segments = relPath.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new UnsafePathError(relPath, 'paths with ".." could leave the project folder');
  if (segments.length === 0) throw new UnsafePathError(relPath, 'the path names the project folder itself');
  if (segments[0] === '.git') throw new UnsafePathError(relPath, 'phoenix-ops never writes inside .git/');
  return segments.join('/');
}

/**
 * The absolute path to write `relPath` to, with symlinks inside the project resolved.
 * Throws UnsafePathError when a symlink on the way points outside the project folder or nowhere.
 * Parts of the path that do not exist yet are appended as they are (they will be created as folders).
 */
export async function resolveInside(projectDir: string, relPath: string): Promise<string> {
  const rel = normalizeRelPath(relPath);
  const root = await realpath(projectDir);
  const segments = rel.split('/');
  let current = root;
  for (const [i, segment] of segments.entries()) {
    const candidate = join(current, segment);
    let info;
    try {
      info = await lstat(candidate);
    } catch (err) {
      if (errCode(err) === 'ENOENT') return join(candidate, ...segments.slice(i + 1));
      throw err;
    }
    if (info.isSymbolicLink()) {
      const shown = segments.slice(0, i + 1).join('/');
      let target: string;
      try {
        target = await realpath(candidate);
      } catch {
        throw new UnsafePathError(rel, `${shown} is a symlink to a missing target`);
      }
      if (!isInside(root, target)) throw new UnsafePathError(rel, `${shown} is a symlink to ${target}, outside the project folder`);
      current = target;
    } else {
      current = candidate;
    }
  }
  if (current === root) throw new UnsafePathError(rel, 'the path resolves to the project folder itself');
  return current;
}

export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
