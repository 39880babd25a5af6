/**
 * Folders the app writes to at run time, from the defaults of its `*_PATH`/`*_DIR` env reads
 * (`System.get_env("UPLOADS_PATH", "/var/lib/app/uploads")`): on a read-only root filesystem each one
 * needs a volume, and on a container each must be writable by the user the release runs as.
 */
import type { Profile } from '../scan/profile.js';
import { appliesToProd } from './project.js';
import { computed } from './computed.js';

export interface WritablePath {
  env: string;
  /** Absolute path (a file's folder for file paths such as a database). */
  path: string;
  evidence: { file: string; line: number };
}

export const writablePaths = computed((profile: Profile): readonly WritablePath[] => {
  const out = new Map<string, WritablePath>();
  for (const r of profile.facts.envReads) {
    if (!r.runtime || r.dynamic || !appliesToProd(r) || !/_(PATH|DIR|DIRECTORY|FOLDER)$/.test(r.name)) continue;
    if (/^(DATABASE_PATH|PATH|HOME)$/.test(r.name) || !r.default || !r.default.startsWith('/')) continue;
    // A file (has an extension) lives in its folder; tmp folders are covered by the tmp volume.
    const path = /\.[a-z0-9]{1,5}$/i.test(r.default) ? r.default.slice(0, r.default.lastIndexOf('/')) || '/' : r.default.replace(/\/+$/, '');
    if (path === '' || path === '/' || path === '/tmp' || path.startsWith('/tmp/')) continue;
    if (!out.has(r.name)) out.set(r.name, { env: r.name, path, evidence: { file: r.evidence.file, line: r.evidence.line } });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
});
