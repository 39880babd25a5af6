/**
 * The ownership manifest, `.phoenix-ops/manifest.json`: which files phoenix-ops wrote and the hash of what it
 * wrote. A file whose hash still matches is safe to update; one that differs was edited by its owner and is
 * left alone. No timestamps, so running `generate` twice gives the same bytes.
 */
import { isRecord } from '../model/guards.js';
import { errCode } from '../scan/files.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic.js';
import { resolveInside } from './safe-path.js';

export const MANIFEST_PATH = '.phoenix-ops/manifest.json';

export interface ManifestEntry {
  /** sha256 (hex) of the bytes phoenix-ops last wrote. */
  sha256: string;
  /** Target whose plan produced the file (e.g. "fly"). */
  target: string;
  /** Never written by phoenix-ops (kept out of output so runs are reproducible); tolerated when present. */
  generatedAt?: string;
}

export interface Manifest {
  version: 1;
  /** Relative path (forward slashes) → entry. */
  files: Record<string, ManifestEntry>;
}

export class ManifestError extends Error {
  constructor(reason: string) {
    super(`${MANIFEST_PATH}: ${reason}; fix it or delete it (phoenix-ops then treats every existing file as yours)`);
    this.name = 'ManifestError';
  }
}

export function emptyManifest(): Manifest {
  return { version: 1, files: {} };
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Reads the manifest; an absent one is empty. Throws ManifestError when it is not valid. */
export async function readManifest(projectDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(await resolveInside(projectDir, MANIFEST_PATH), 'utf8');
  } catch (err) {
    if (errCode(err) === 'ENOENT') return emptyManifest();
    throw err;
  }
  return parseManifest(text);
}

export function parseManifest(text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof data !== 'object' || data === null || !('version' in data) || data.version !== 1) {
    throw new ManifestError('expected an object with "version": 1');
  }
  const files = 'files' in data ? data.files : undefined;
  if (!isRecord(files)) throw new ManifestError('"files" must be an object');
  const out = emptyManifest();
  for (const [path, e] of Object.entries(files)) {
    if (!isRecord(e) || typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256) || typeof e.target !== 'string') {
      throw new ManifestError(`entry for ${path} needs "sha256" (64 hex digits) and "target"`);
    }
    out.files[path] = { sha256: e.sha256, target: e.target, ...(typeof e.generatedAt === 'string' ? { generatedAt: e.generatedAt } : {}) };
  }
  return out;
}

/** The manifest as written: paths sorted, two-space JSON, final newline. */
export function serializeManifest(manifest: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const [path, { sha256: hash, target, generatedAt }] of Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    files[path] = generatedAt === undefined ? { sha256: hash, target } : { sha256: hash, target, generatedAt };
  }
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}

export async function writeManifest(projectDir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(await resolveInside(projectDir, MANIFEST_PATH), serializeManifest(manifest), 0o644);
}
