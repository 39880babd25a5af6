/**
 * Reading the project from disk, defensively: skips dependency and build folders, detects symlink
 * loops, refuses binary and oversized files, and turns every I/O problem into a warning.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { relative, sep } from 'node:path';
import type { ScanWarning } from './profile.js';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_DEPTH = 24;
export const IGNORED_DIRS = new Set(['deps', '_build', 'node_modules', '.git', '.elixir_ls', '.lexical', 'cover', 'tmp', '.hex', '.mix', '.phoenix-ops', 'priv/static']);

export interface FileEntry {
  /** Path relative to the walk root, forward slashes. */
  rel: string;
  abs: string;
}

export class Warnings {
  readonly list: ScanWarning[] = [];
  private seen = new Set<string>();
  add(code: string, message: string, file?: string): void {
    const key = `${code}|${file ?? ''}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(file ? { code, file, message } : { code, message });
  }
}

export function toRel(root: string, abs: string): string {
  // Fast path: walked paths are always below root.
  if (abs.length > root.length && abs.startsWith(root) && abs[root.length] === sep) {
    const r = abs.slice(root.length + 1);
    return sep === '/' ? r : r.split(sep).join('/');
  }
  const r = relative(root, abs);
  return sep === '/' ? r : r.split(sep).join('/');
}

/**
 * Walks `dir` (relative names from `root`), skipping ignored folders and symlink loops: every regular
 * file, sorted. Folders `skip` refuses are not
 * entered; their paths go to `skipped` when given (they exist, their content is not listed).
 */
export function walkFiles(
  root: string,
  dir: string,
  warnings: Warnings,
  skip: (rel: string, isDir: boolean) => boolean = () => false,
  skipped?: string[],
): FileEntry[] {
  const out: FileEntry[] = [];
  const visitedDirs = new Set<string>();
  // `real` is the folder's real path when the caller knows it: a plain folder's is its parent's real
  // path and its name; only the start and folders reached through a symbolic link are resolved.
  const visit = (abs: string, depth: number, knownReal?: string) => {
    let real: string;
    try {
      real = knownReal ?? realpathSync(abs);
    } catch (e) {
      warnings.add(errCode(e) === 'ELOOP' ? 'symlink-loop' : 'unreadable', `cannot resolve ${toRel(root, abs) || '.'}: ${errText(e)}`, toRel(root, abs));
      return;
    }
    if (visitedDirs.has(real)) {
      warnings.add('symlink-loop', `skipped ${toRel(root, abs)}: a symbolic link leads back to a folder already read`, toRel(root, abs));
      return;
    }
    visitedDirs.add(real);
    if (depth > MAX_DEPTH) {
      warnings.add('too-deep', `skipped ${toRel(root, abs)}: nested deeper than ${MAX_DEPTH} folders`, toRel(root, abs));
      return;
    }
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      warnings.add('unreadable', `cannot read folder ${toRel(root, abs) || '.'}: ${errText(e)}`, toRel(root, abs));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      // `abs` is already normal and a name holds no separator: concatenation, not path.join's normalising.
      const childAbs = abs.endsWith(sep) ? abs + ent.name : abs + sep + ent.name;
      const rel = toRel(root, childAbs);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      const link = ent.isSymbolicLink();
      if (link) {
        let st: Stats;
        try {
          st = statSync(childAbs);
        } catch (e) {
          warnings.add(errCode(e) === 'ELOOP' ? 'symlink-loop' : 'broken-symlink', `skipped ${rel}: ${errCode(e) === 'ELOOP' ? 'symbolic link loop' : 'broken symbolic link'}`, rel);
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) {
        if (IGNORED_DIRS.has(ent.name) || IGNORED_DIRS.has(rel)) continue;
        if (skip(rel, true)) {
          skipped?.push(rel);
          continue;
        }
        visit(childAbs, depth + 1, link ? undefined : real.endsWith(sep) ? real + ent.name : real + sep + ent.name);
      } else if (isFile && !skip(rel, false)) {
        out.push({ rel, abs: childAbs });
      } else if (!isFile && !skip(rel, false)) {
        // A named pipe, socket or device: never opened (a pipe would wait for a writer).
        warnings.add('unreadable', `skipped ${rel}: not a regular file`, rel);
      }
    }
  };
  visit(dir, 0);
  return out;
}

export function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

export function errText(e: unknown): string {
  const code = errCode(e);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EISDIR') return 'is a folder';
  return code || (e instanceof Error ? e.message : String(e));
}

/**
 * What a scan read from the disk, for `--cache`: every file it opened (its stat and, when it read
 * the content, a hash of it) or asked the size or mode of. One scan records at a time.
 */
export interface ReadRecord {
  /** Absent when the file did not exist. */
  stat?: { size: number; mode: number; mtimeMs: number; ctimeMs: number; ino: number };
  /** sha1 of the content (base64) when the scan read it; absent when it only looked at the size or mode. */
  hash?: string;
}

let reads: Map<string, ReadRecord> | null = null;

/** Starts recording reads (null when another scan already records: that one is not cached). */
export function startRecordingReads(): Map<string, ReadRecord> | null {
  if (reads) return null;
  reads = new Map();
  return reads;
}

export function stopRecordingReads(log: Map<string, ReadRecord> | null): void {
  if (log && reads === log) reads = null;
}

export function statRecord(st: Stats): NonNullable<ReadRecord['stat']> {
  return { size: st.size, mode: st.mode, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

export function contentHash(buf: Uint8Array): string {
  return createHash('sha1').update(buf).digest('base64');
}

function recordStat(abs: string): void {
  if (!reads || reads.get(abs)?.hash) return;
  try {
    reads.set(abs, { stat: statRecord(statSync(abs)) });
  } catch {
    reads.set(abs, {});
  }
}

/**
 * Reads a text file, or returns null with a warning when it is missing, unreadable, larger than
 * 2 MB or binary (a NUL byte in its first 8 KB).
 */
export function readText(abs: string, rel: string, warnings: Warnings, opts: { quietMissing?: boolean } = {}): string | null {
  // One open + fstat + read per file (a path stat before readFileSync costs a third of the read on big trees).
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then says it is not a regular file.
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    reads?.set(abs, {});
    if (errCode(e) === 'ENOENT' && opts.quietMissing) return null;
    if (errCode(e) === 'EISDIR') warnings.add('unreadable', `skipped ${rel}: not a regular file`, rel);
    else warnings.add(errCode(e) === 'ELOOP' ? 'symlink-loop' : 'unreadable', `cannot read ${rel}: ${errText(e)}`, rel);
    return null;
  }
  let buf: Buffer;
  try {
    const st = fstatSync(fd);
    reads?.set(abs, { stat: statRecord(st) });
    if (!st.isFile()) {
      warnings.add('unreadable', `skipped ${rel}: not a regular file`, rel);
      return null;
    }
    if (st.size > MAX_FILE_BYTES) {
      warnings.add('file-too-large', `skipped ${rel}: ${(st.size / 1024 / 1024).toFixed(1)} MB is over the 2 MB limit`, rel);
      return null;
    }
    buf = readAll(fd, st.size);
    if (reads) reads.set(abs, { stat: statRecord(st), hash: contentHash(buf) });
  } catch (e) {
    warnings.add('unreadable', `cannot read ${rel}: ${errText(e)}`, rel);
    return null;
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) {
    warnings.add('binary-file', `skipped ${rel}: binary content`, rel);
    return null;
  }
  return buf.toString('utf8');
}

/**
 * The buffer files are read into: one for the whole scan instead of one per file (a scan reads
 * thousands of lib files; each read only lives until its text is decoded). Kept only while small.
 */
let scratch: Buffer | null = null;
const SCRATCH_KEEP = 256 * 1024;

/**
 * Reads an open file to its end (its size when opened, growing if it grew, never past the limit)
 * into the shared scratch buffer: the result is valid until the next call.
 */
function readAll(fd: number, size: number): Buffer {
  // One byte more than the size: the read that returns 0 ends the loop without a copy.
  let buf = scratch !== null && scratch.length > size ? scratch : Buffer.allocUnsafe(Math.max(size + 1, 64 * 1024));
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (n > MAX_FILE_BYTES) break;
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    const r = readSync(fd, buf, n, buf.length - n, null);
    if (r === 0) break;
    n += r;
  }
  scratch = buf.length <= SCRATCH_KEEP ? buf : null;
  return buf.subarray(0, n);
}

export function isExecutable(abs: string): boolean {
  recordStat(abs);
  try {
    return (statSync(abs).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

export function fileSize(abs: string): number {
  recordStat(abs);
  try {
    return statSync(abs).size;
  } catch {
    return 0;
  }
}
