/**
 * Files phoenix-ops wrote itself and nobody has edited since: listed in the ownership manifest
 * (`.phoenix-ops/manifest.json` of the project folder, written by `generate`) with the sha256 of
 * what was written, and still holding exactly those bytes.
 *
 * They are our output, not the project's own choice: a second scan of a generated project must
 * describe the same app as the first (how its own deploy files run it, which env it reads at boot),
 * so deciders that weigh "the project's deploy files" leave these out. A file its owner edited no
 * longer matches its hash and counts as theirs again. A missing or malformed manifest lists nothing
 * (plan and generate report a malformed one; the scan only reads it).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isRecord } from '../model/guards.js';
import { readText, type Warnings } from './files.js';
import type { Sources } from './sources.js';

/** Where `generate` records what it wrote, relative to the project folder (the same path plan/manifest.ts writes). */
export const OWNERSHIP_MANIFEST = '.phoenix-ops/manifest.json';

/** Root-relative paths of the project's files that still hold the bytes phoenix-ops wrote, sorted. */
export function unEditedGeneratedFiles(src: Sources, projectDir: string, projectPrefix: string, warnings: Warnings): string[] {
  const text = readText(join(projectDir, OWNERSHIP_MANIFEST), `${projectPrefix}${OWNERSHIP_MANIFEST}`, warnings, { quietMissing: true });
  const listed = text === null ? {} : manifestHashes(text);
  const out: string[] = [];
  for (const [path, hash] of Object.entries(listed)) {
    const f = src.get(`${projectPrefix}${path}`);
    const body = f ? src.text(f) : null;
    if (f && body !== null && createHash('sha256').update(body, 'utf8').digest('hex') === hash) out.push(f.rel);
  }
  return out.sort();
}

/** path → sha256 of a manifest's entries; nothing when the text is not a version-1 manifest. */
function manifestHashes(text: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.files)) return {};
  const out: Record<string, string> = {};
  for (const [path, e] of Object.entries(data.files)) if (isRecord(e) && typeof e.sha256 === 'string') out[path] = e.sha256;
  return out;
}
