/**
 * Runs the rehearsal script under the developer's own `elixir`: found on PATH (never downloaded), started
 * with a near-empty environment (PATH to find `erl`, a UTF-8 locale, a scratch HOME), which the script
 * empties before each phase. One process per rehearsal; stopped after a minute.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { rehearseExs } from './scripts.js';

/** The first `elixir` executable on PATH, or null. */
export function findElixir(path: string | undefined = process.env.PATH): string | null {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'elixir');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** One input line: a kind and base64 fields (values may hold tabs, newlines, anything). */
export function inputLine(kind: string, ...fields: string[]): string {
  return [kind, ...fields.map((f) => Buffer.from(f, 'utf8').toString('base64'))].join('\t');
}

export type ScriptOutcome = { ok: true; json: unknown } | { ok: false; reason: string };

const TIMEOUT_MS = 60_000;

/** Runs the script on INPUT in the project folder; the JSON it prints last, or why there is none. */
export async function runRehearsalScript(elixir: string, input: string, cwd: string): Promise<ScriptOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'phoenix-ops-rehearse-'));
  try {
    const script = join(dir, 'rehearse.exs');
    const inputFile = join(dir, 'input');
    await writeFile(script, rehearseExs);
    await writeFile(inputFile, input);
    const env = { PATH: [dirname(elixir), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter), LANG: 'C.UTF-8', HOME: dir };
    const { stdout, stderr, error } = await new Promise<{ stdout: string; stderr: string; error: Error | null }>((resolve) => {
      execFile(elixir, [script, inputFile], { cwd, env, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, out, errOut) => resolve({ stdout: String(out), stderr: String(errOut), error: err }));
    });
    const last = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
    if (last !== undefined) {
      try {
        return { ok: true, json: JSON.parse(last) };
      } catch {
        // fall through: not our output
      }
    }
    const why = stderr.trim().split('\n').find((l) => l.trim() !== '') ?? error?.message ?? 'no output';
    return { ok: false, reason: `elixir stopped before the rehearsal finished: ${why.trim()}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
