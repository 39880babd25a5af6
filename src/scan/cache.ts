/**
 * `--cache`: the profile of the last scan of a project, kept on disk with everything the scan read
 * (ESLint's `--cache`, Credo's, TypeScript's `.tsbuildinfo`). A later scan reuses it only when the
 * walk lists the same files and every file the scan read, or asked the size or mode of, is
 * unchanged: by stat (size, mode, times, inode) first, then by a hash of its content (a file
 * touched or checked out again with the same content is unchanged). Any difference, a new tool
 * version or build, or an unreadable cache file is a miss: the project is scanned again and the
 * entry rewritten. The cache never changes a result. Writes go through a temporary file and a
 * rename, and a failure to write (a read-only folder) is silent: the run is just not cached.
 *
 * An entry is two lines of JSON: first what decides whether it still holds (tool, listing, the
 * records of what was read), then the profile. A miss, which is what every edit is, parses only the
 * first line: on the largest corpus umbrella that is 0.5 MB instead of 2.3 MB, and the unused
 * profile's objects (tens of MB in memory) are never made while the new scan runs.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../model/version.js';
import { contentHash, statRecord, type ReadRecord } from './files.js';
import type { Profile } from './profile.js';

/** Where the cache lives and what invalidates it. */
export interface ScanCacheOptions {
  /** Folder of the cache files (default: `_build/phoenix-ops/` of the project). */
  location?: string;
  /** Overrides the tool version the entries are keyed by (tests). */
  toolKey?: string;
}

/** The first line of an entry. */
interface CacheHeader {
  format: 2;
  tool: string;
  root: string;
  projectPath: string;
  /** Digest of the walk: the files listed and the folders pruned. */
  listing: string;
  reads: [string, ReadRecord][];
}

type CacheEntry = Omit<CacheHeader, 'format'> & { profile: Profile };

/** The cache folder for a project: the one given, else `<project>/_build/phoenix-ops`. */
export function cacheFolder(options: ScanCacheOptions, projectDir: string): string {
  return options.location ?? join(projectDir, '_build', 'phoenix-ops');
}

/** One cache file per scanned project folder (several projects may share a location). */
export function cacheFile(folder: string, root: string, projectPath: string): string {
  return join(folder, `scan-${createHash('sha1').update(`${root}\0${projectPath}`).digest('hex').slice(0, 16)}.json`);
}

export function listingDigest(files: readonly { rel: string }[], pruned: readonly string[]): string {
  const h = createHash('sha1');
  for (const f of files) h.update(f.rel).update('\0');
  h.update('\u0001');
  for (const d of pruned) h.update(d).update('\0');
  return h.digest('base64');
}

let toolKeyMemo: string | null = null;

/**
 * The version the entries are keyed by: the package version, the Elixir grammar's version and a
 * hash of the built scan code (so a rebuild or an upgrade is a miss even when the version is the same).
 */
export function currentToolKey(scanModuleUrl: string): string {
  if (toolKeyMemo) return toolKeyMemo;
  const h = createHash('sha1').update(VERSION);
  try {
    // The built scan module names the chunks it imports by their content hashes: its text changes with any of them.
    h.update(readFileSync(fileURLToPath(scanModuleUrl)));
    const require = createRequire(import.meta.url);
    h.update(readFileSync(require.resolve('tree-sitter-elixir/package.json')));
  } catch {
    h.update(String(Date.now())); // cannot fingerprint the build: never reuse an entry
  }
  toolKeyMemo = `${VERSION}+${h.digest('hex').slice(0, 12)}`;
  return toolKeyMemo;
}

/** The cached profile when the entry matches the project as it is on disk now, else null. */
export function readCache(file: string, tool: string, root: string, projectPath: string, listing: string): Profile | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const header = readHeader(fd);
    const entry = JSON.parse(header.text) as CacheHeader;
    if (entry?.format !== 2 || entry.tool !== tool || entry.root !== root || entry.projectPath !== projectPath || entry.listing !== listing) return null;
    if (!Array.isArray(entry.reads) || !entry.reads.every(([abs, rec]) => unchanged(abs, rec))) return null;
    const size = fstatSync(fd).size - header.bytes;
    const rest = Buffer.allocUnsafe(Math.max(0, size));
    let got = 0;
    while (got < rest.length) {
      const n = readSync(fd, rest, got, rest.length - got, header.bytes + got);
      if (n === 0) break;
      got += n;
    }
    return JSON.parse(rest.toString('utf8', 0, got)) as Profile;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The entry's first line (without its newline) and its length in bytes with the newline; read in
 * blocks, so that a miss never reads the profile. JSON.stringify escapes every newline inside
 * strings: the first one ends the header. No newline: an entry of another layout, read as one line.
 */
function readHeader(fd: number): { text: string; bytes: number } {
  const blocks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const block = Buffer.allocUnsafe(1 << 16);
    const n = readSync(fd, block, 0, block.length, total);
    if (n === 0) break;
    const end = block.subarray(0, n).indexOf(0x0a);
    if (end >= 0) {
      blocks.push(block.subarray(0, end));
      return { text: Buffer.concat(blocks).toString('utf8'), bytes: total + end + 1 };
    }
    blocks.push(block.subarray(0, n));
    total += n;
  }
  return { text: Buffer.concat(blocks).toString('utf8'), bytes: total };
}

/** Whether a file the scan read is as it was: same stat, or same size, mode and content. */
function unchanged(abs: string, rec: ReadRecord): boolean {
  let st;
  try {
    st = statRecord(statSync(abs));
  } catch {
    return rec.stat === undefined;
  }
  const was = rec.stat;
  if (!was) return false;
  if (st.size !== was.size || st.mode !== was.mode) return false;
  if (st.mtimeMs === was.mtimeMs && st.ctimeMs === was.ctimeMs && st.ino === was.ino) return true;
  if (rec.hash === undefined) return true; // only its size and mode were read, and they are the same
  try {
    return contentHash(readFileSync(abs)) === rec.hash;
  } catch {
    return false;
  }
}

/**
 * `JSON.stringify(value)` written piece by piece: the members of objects down to `depth` levels each
 * as their own string, so the run never holds the whole text at once (the profile of the largest
 * corpus umbrella is 1.8 MB of JSON; as one string, plus its UTF-8 copy for the write, it raised the
 * peak memory of a cache miss by ~7 MB).
 */
function writeJson(fd: number, value: unknown, depth: number): void {
  if (depth === 0 || value === null || typeof value !== 'object' || Array.isArray(value) || 'toJSON' in value) {
    writeSync(fd, JSON.stringify(value) ?? 'null');
    return;
  }
  let first = true;
  writeSync(fd, '{');
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    writeSync(fd, `${first ? '' : ','}${JSON.stringify(key)}:`);
    writeJson(fd, v, depth - 1);
    first = false;
  }
  writeSync(fd, '}');
}

/** Writes the entry atomically (temporary file, then rename); any failure leaves no entry and says nothing. */
export function writeCache(file: string, entry: CacheEntry): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      const { profile, ...header } = entry;
      writeSync(fd, `${JSON.stringify({ format: 2, ...header } satisfies CacheHeader)}\n`);
      writeJson(fd, profile, 2);
      writeSync(fd, '\n');
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}
