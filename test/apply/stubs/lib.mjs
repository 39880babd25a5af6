/**
 * Shared machinery of the recorder stubs that stand in for provider CLIs in tests.
 *
 * Environment:
 *   STUB_DIR        folder of the stubs' files (required):
 *                     ledger.json     the resources the fake providers hold (secret values only as digests)
 *                     calls.jsonl     one line per call: {n, tool, argv, stdinBytes, write, code}
 *                     secrets.json    the secret values the fake secret stores received — what the real
 *                                     provider would hold; tests read it only to check that no value leaked
 *   STUB_FAIL_AT    fail the Nth call (1-based, counted over every stub), exit 1 before changing anything
 *   STUB_FAIL_ARGV  fail the call whose argv starts with these words (space-separated), e.g. "fly deploy"
 *   STUB_FAIL_NTH   …the Nth such call (default 1; counted in this STUB_DIR)
 *   STUB_SLOW_ARGV  "MS WORDS…": calls starting with WORDS take MS milliseconds (timeouts, Ctrl-C)
 *   STUB_LOGGED_OUT make the auth checks fail
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';

const dir = process.env.STUB_DIR;
if (!dir) {
  process.stderr.write('STUB_DIR is not set\n');
  process.exit(97);
}

function readJson(file, fallback) {
  const p = join(dir, file);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : fallback;
}

function writeJson(file, data) {
  const p = join(dir, file);
  // One temporary file per process: two stubs of one pipeline (aws … | docker login) write at the same time.
  writeFileSync(`${p}.${process.pid}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(`${p}.${process.pid}.tmp`, p);
}

export const digest = (value) => createHash('sha256').update(value).digest('hex').slice(0, 16);

/** The value reached the fake provider's secret store. */
export function storeSecret(where, value) {
  const s = readJson('secrets.json', {});
  (s[where] ??= []).push(value);
  writeJson('secrets.json', s);
  return digest(value);
}

/** The last value the fake secret store holds under `where` (the provider's own copy). */
export function readSecret(where) {
  return readJson('secrets.json', {})[where]?.at(-1);
}

export class Fail extends Error {
  /** `stdout`: what the CLI still prints before failing (docker version prints the client part). */
  constructor(message, code = 1, stdout = '') {
    super(message);
    this.code = code;
    this.stdout = stdout;
  }
}

/** Reads stdin fully (empty when none). */
function readStdin() {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** Value of a --flag VALUE or --flag=VALUE in argv. */
export function flag(argv, name) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

export const has = (argv, name) => argv.includes(name);

/**
 * A prompt of the real CLI. flyctl is interactive only when stdin and stdout are terminals
 * (superfly/flyctl internal/iostreams/iostreams.go:171); apply runs every CLI with pipes, so a prompt is an
 * error there: `prompt.*` return ErrNonInteractive and the caller turns it into `message`
 * (internal/prompt/prompt.go:198,216-230), exit 1 with "Error: <msg>" (internal/cli/cli.go:119-128,171).
 */
export function prompt(message) {
  if (process.stdin.isTTY && process.stdout.isTTY) return;
  throw new Fail(`Error: ${message}`);
}

/** argv without flags (and without the values of the flags listed in `valued`). */
export function positional(argv, valued = []) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-')) {
      if (valued.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * Runs a stub: `handler(argv, ctx)` returns {stdout?, stderr?, write?}; ctx has the ledger section of the
 * tool (mutate it), `stdin`, and `ledger` (all sections, for tools that share a provider).
 */
export function run(tool, handler) {
  const argv = process.argv.slice(2);
  // isatty(0), not process.stdin.isTTY: creating process.stdin for a pipe may start reading it (and make fd 0
  // non-blocking), so a pipeline's stub (aws … | docker login) could find its input already taken.
  const stdin = isatty(0) ? '' : readStdin();
  const counter = readJson('counter.json', { n: 0 });
  counter.n++;
  writeJson('counter.json', counter);
  const n = counter.n;
  const ledger = readJson('ledger.json', {});
  const record = (code, write) => appendFileSync(join(dir, 'calls.jsonl'), `${JSON.stringify({ n, tool, argv, stdinBytes: Buffer.byteLength(stdin), write, code })}\n`);
  const failWords = process.env.STUB_FAIL_ARGV?.split(' ').filter(Boolean);
  let injected = !!process.env.STUB_FAIL_AT && Number(process.env.STUB_FAIL_AT) === n;
  if (failWords && [tool, ...argv].slice(0, failWords.length).join(' ') === failWords.join(' ')) {
    const key = `match:${failWords.join(' ')}`;
    counter[key] = (counter[key] ?? 0) + 1;
    writeJson('counter.json', counter);
    injected ||= counter[key] === Number(process.env.STUB_FAIL_NTH ?? 1);
  }
  if (injected) {
    record(1, false);
    process.stderr.write(`Error: injected failure of call ${n} (${tool} ${argv.slice(0, 3).join(' ')})\n`);
    process.exit(1);
  }
  const slow = process.env.STUB_SLOW_ARGV?.split(' ').filter(Boolean);
  if (slow && [tool, ...argv].slice(0, slow.length - 1).join(' ') === slow.slice(1).join(' ')) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(slow[0]));
  }
  try {
    // commit(): keep what a failing command did before it failed (a partial destroy).
    const res = handler(argv, { stdin, ledger, section: (name) => (ledger[name] ??= {}), commit: () => writeJson('ledger.json', ledger) }) ?? {};
    if (res.write) writeJson('ledger.json', ledger);
    record(0, !!res.write);
    if (res.stdout) process.stdout.write(res.stdout);
    if (res.stderr) process.stderr.write(res.stderr);
    process.exit(0);
  } catch (err) {
    if (!(err instanceof Fail)) throw err;
    record(err.code, false);
    if (err.stdout) process.stdout.write(err.stdout);
    process.stderr.write(`${err.message}\n`);
    process.exit(err.code);
  }
}

export const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
