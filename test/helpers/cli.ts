/**
 * Runs the built CLI as a user would (a separate process), capturing stdout, stderr and the exit code.
 * Every test that spawns the CLI goes through here, so they all see the same environment: NO_COLOR=1,
 * CI=true, PHOENIX_OPS_NO_REHEARSE=1 (no boot rehearsal in plan/generate), and (unless a test asks
 * otherwise) an empty standard input.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './project.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory (the repository by default). */
  cwd?: string;
  /** Variables added to (or overriding) this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Variables removed after `env` is applied (`NO_COLOR`, to test colour on). */
  unset?: readonly string[];
}

export const CLI = join(REPO, 'bin', 'phoenix-ops.js');

function cliEnv(opts: CliOptions): NodeJS.ProcessEnv {
  // plan/generate rehearse the boot with elixir only where a test asks (unset PHOENIX_OPS_NO_REHEARSE): one BEAM per run is slow.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: 'true', PHOENIX_OPS_NO_REHEARSE: '1', ...opts.env };
  for (const name of opts.unset ?? []) delete env[name];
  return env;
}

/** Runs the CLI to its end, synchronously (stdin empty, killed after 60 s). */
export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? REPO,
    encoding: 'utf8',
    env: cliEnv(opts),
    input: '',
    timeout: 60_000,
    // A profile of a large app as JSON runs to megabytes.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI with its three streams piped; the caller reads them and ends stdin. */
export function spawnCli(args: string[], opts: CliOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? REPO, env: cliEnv(opts), stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface AsyncCliOptions extends CliOptions {
  /** Leave stdin open (a prompt would wait on it) instead of closing it empty. */
  keepStdinOpen?: boolean;
  /** Killed (SIGKILL) after this many milliseconds, reported as `timedOut`; 60 s by default. */
  timeoutMs?: number;
}

/**
 * runCli as a promise, so independent runs overlap, and so a server living in the test process keeps
 * answering while the CLI runs.
 */
export function runCliAsync(args: string[], opts: AsyncCliOptions = {}): Promise<CliResult & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, opts);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
    if (!opts.keepStdinOpen) child.stdin.end('');
  });
}
