/**
 * Test projects: copy a real fixture tree (an example app or test/fixtures/<name>) to a temp folder,
 * apply edits, and scan it. Edits are whole-file contents, transforms of the current text, or null
 * to delete, so every test case reads like "the example app, but with …".
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE = join(REPO, 'examples', 'hello_phoenix');
export const fixture = (name: string) => join(REPO, 'test', 'fixtures', name);

export type Edit = string | null | ((current: string) => string) | { content: string; mode: number };
export type Edits = Record<string, Edit>;

const made: string[] = [];
// A file that copied the real-app corpus has hundreds of MB to remove: more than the default hook
// timeout on a loaded 2-core machine.
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}, 600_000);

/** Copies `base` (default: the example app) to a temp folder and applies `edits`. Returns the folder. */
export function makeProject(edits: Edits = {}, base: string = EXAMPLE): string {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-test-'));
  made.push(dir);
  cpSync(base, dir, { recursive: true });
  applyEdits(dir, edits);
  return dir;
}

export function applyEdits(dir: string, edits: Edits): void {
  for (const [rel, edit] of Object.entries(edits)) {
    const abs = join(dir, rel);
    if (edit === null) {
      rmSync(abs, { force: true, recursive: true });
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof edit === 'function') {
      const current = existsSync(abs) ? readFileSync(abs, 'utf8') : '';
      const next = edit(current);
      if (next === current) throw new Error(`edit of ${rel} changed nothing: the test's replace() did not match`);
      writeFileSync(abs, next);
    } else if (typeof edit === 'string') {
      writeFileSync(abs, edit);
    } else {
      writeFileSync(abs, edit.content);
      chmodSync(abs, edit.mode);
    }
  }
}

/** Replaces `from` with `to` in a file, failing loudly when `from` is absent (so a test cannot silently pass). */
export function replace(from: string | RegExp, to: string): (current: string) => string {
  return (current) => {
    const hit = typeof from === 'string' ? current.includes(from) : from.test(current);
    if (!hit) throw new Error(`replace(): ${String(from)} not found`);
    return current.replace(from, to);
  };
}

export async function scanProject(edits: Edits = {}, base: string = EXAMPLE): Promise<Profile> {
  return scan(makeProject(edits, base));
}
