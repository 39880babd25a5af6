/**
 * Folders the app writes to at run time: the defaults of its `*_PATH`/`*_DIR` env reads
 * (`System.get_env("UPLOADS_PATH", "/var/lib/app/uploads")`) and the absolute folders of
 * `profile.runtime.writablePaths`. On a read-only root filesystem each one needs a volume, on a container
 * each must be writable by the user the release runs as, and on a platform with one volume
 * (Fly, systemd's StateDirectory) `volumeLayout` puts them on it.
 */
import type { Profile } from '../scan/profile.js';
import { appliesToProd } from './project.js';
import { computed } from './computed.js';

export interface WritablePath {
  /** The env var that moves it, or null when the folder is fixed in the code. */
  env: string | null;
  /** Absolute path (a file's folder for file paths such as a database). */
  path: string;
  evidence: { file: string; line: number };
}

/** A folder (a file's folder for a file path), or null for paths no volume should hold (/, /tmp). */
function folderOf(raw: string): string | null {
  const path = /\.[a-z0-9]{1,5}$/i.test(raw) ? raw.slice(0, raw.lastIndexOf('/')) || '/' : raw.replace(/\/+$/, '');
  if (!path.startsWith('/') || path === '/' || path === '/tmp' || path.startsWith('/tmp/')) return null;
  return path;
}

export const writablePaths = computed((profile: Profile): readonly WritablePath[] => {
  const out = new Map<string, WritablePath>();
  for (const r of profile.facts.envReads) {
    if (!r.runtime || r.dynamic || !appliesToProd(r) || !/_(PATH|DIR|DIRECTORY|FOLDER)$/.test(r.name)) continue;
    if (/^(DATABASE_PATH|PATH|HOME)$/.test(r.name) || !r.default) continue;
    const path = folderOf(r.default);
    if (path !== null && !out.has(r.name)) out.set(r.name, { env: r.name, path, evidence: { file: r.evidence.file, line: r.evidence.line } });
  }
  const seen = new Set([...out.values()].map((w) => w.path));
  for (const w of profile.runtime?.writablePaths ?? []) {
    const path = w.path === null ? null : folderOf(w.path);
    if (path === null || seen.has(path) || (w.env !== null && (out.has(w.env) || w.env === 'DATABASE_PATH'))) continue;
    seen.add(path);
    out.set(w.env ?? path, { env: w.env, path, evidence: { file: w.evidence.file, line: w.evidence.line } });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
});

/** Where the writable folders live on a platform's one volume. */
/** How a writable folder is named in messages: `UPLOADS_DIR defaults to /srv/uploads` or `the app writes to /srv/uploads`. */
export function describeWritable(w: WritablePath): string {
  return w.env ? `${w.env} defaults to ${w.path}` : `the app writes to ${w.path}`;
}

export interface VolumeLayout {
  /** The volume's mount point. */
  mount: string;
  /** Env var → folder on the volume, for folders moved onto it through the variable that sets them. */
  env: Record<string, string>;
  /** Folders already on the volume (under the mount). */
  onVolume: WritablePath[];
  /** Folders fixed in the code outside the mount: they need a path of their own (ReadWritePaths, a second mount). */
  outside: WritablePath[];
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** The deepest folder holding every path ('/' when they share none). */
function commonParent(paths: readonly string[]): string {
  const parts = paths.map((p) => p.split('/').filter(Boolean));
  const first = parts[0] ?? [];
  let n = 0;
  while (n < first.length && parts.every((p) => p.length > n + 1 && p[n] === first[n])) n++;
  return `/${first.slice(0, n).join('/')}`;
}

/**
 * One volume for every writable folder: at `base` when the platform fixes one (the SQLite volume,
 * systemd's StateDirectory), else at the one folder, else at the folders' common parent, else at
 * /data. A folder outside the mount that an env var sets moves onto the volume (`/data/uploads`).
 */
export function volumeLayout(paths: readonly WritablePath[], base: string | null, reserved: ReadonlySet<string> = new Set()): VolumeLayout | null {
  if (paths.length === 0) return null;
  const parent = commonParent(paths.map((p) => p.path));
  const mount = base ?? (paths.length === 1 ? (paths[0]?.path ?? '/data') : parent !== '/' ? parent : '/data');
  const out: VolumeLayout = { mount, env: {}, onVolume: [], outside: [] };
  const used = new Set<string>();
  for (const p of paths) {
    if (under(p.path, mount)) out.onVolume.push(p);
    else if (p.env !== null && !reserved.has(p.env)) {
      const name = p.path.slice(p.path.lastIndexOf('/') + 1);
      const folder = used.has(name) ? `${name}-${p.env.toLowerCase()}` : name;
      used.add(folder);
      out.env[p.env] = `${mount}/${folder}`;
    } else out.outside.push(p);
  }
  return out;
}
