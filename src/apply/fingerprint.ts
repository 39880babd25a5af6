/**
 * Fingerprints decide whether a step must run again: a step's own definition, plus — for steps that ship
 * code or config (`rerun: 'on-change'`) — a hash of the project's files. Build output, dependencies and
 * phoenix-ops' own state are left out, so a second apply of an unchanged project changes nothing.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import type { Step } from '../model/plan.js';

const IGNORED = ['**/.terraform/**', '**/terraform.tfstate*', '**/_build/**', '**/deps/**', '**/node_modules/**', '**/.git/**', '.phoenix-ops/**', '**/.elixir_ls/**', '**/cover/**', '**/tmp/**', '**/erl_crash.dump', 'compose.env'];

export async function projectHash(projectDir: string): Promise<string> {
  return hashFiles(projectDir, await glob('**/*', { cwd: projectDir, dot: true, ignore: IGNORED, onlyFiles: true, followSymbolicLinks: false }));
}

/** sha256 (hex) over the given files of projectDir: paths and bytes, in path order (an unreadable file counts as such). */
export async function hashFiles(projectDir: string, files: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of [...files].sort()) {
    h.update(f).update('\0');
    try {
      h.update(await readFile(join(projectDir, f)));
    } catch {
      h.update('<unreadable>');
    }
    h.update('\0');
  }
  return h.digest('hex');
}

export function stepFingerprint(step: Step, projectSha: string): string {
  const def = { command: step.command, stdin: step.stdin ?? null, probe: step.probe ?? null, rerun: step.rerun ?? null };
  const h = createHash('sha256').update(JSON.stringify(def));
  if (step.rerun === 'on-change') h.update(projectSha);
  return h.digest('hex');
}
