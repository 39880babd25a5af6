/**
 * Runs one provider CLI call: argv (never a shell string), optional stdin, a timeout, and a way to stop
 * it. The child gets its own process group, so a Ctrl-C in the terminal reaches phoenix-ops only, which
 * then decides whether to let the step finish or stop it.
 */
import { spawn } from 'node:child_process';

export interface RunRequest {
  argv: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  timeoutMs: number;
  /** Aborting stops the command (SIGTERM to its group, SIGKILL 5 s later). */
  signal?: AbortSignal;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** The program could not be started (not installed, not executable). */
  spawnError: string | null;
}

export type Runner = (req: RunRequest) => Promise<RunResult>;

const MAX_CAPTURE = 4 * 1024 * 1024;

export const runCommand: Runner = (req) =>
  new Promise((resolve) => {
    const [cmd, ...args] = req.argv;
    if (!cmd) {
      resolve({ code: null, stdout: '', stderr: '', timedOut: false, aborted: false, spawnError: 'empty command' });
      return;
    }
    if (req.signal?.aborted) {
      resolve({ code: null, stdout: '', stderr: '', timedOut: false, aborted: true, spawnError: null });
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const child = spawn(cmd, args, { cwd: req.cwd, env: req.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const stop = () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      setTimeout(() => {
        try {
          if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, req.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_CAPTURE) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_CAPTURE) stderr += d;
    });
    child.stdin.on('error', () => {
      /* the command did not read its stdin */
    });
    child.stdin.end(req.stdin ?? '');
    const finish = (r: Omit<RunResult, 'stdout' | 'stderr' | 'timedOut' | 'aborted'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, stdout, stderr, timedOut, aborted });
    };
    child.on('error', (err: NodeJS.ErrnoException) => finish({ code: null, spawnError: err.code === 'ENOENT' ? `${cmd} not found on PATH` : err.message }));
    child.on('close', (code) => finish({ code, spawnError: null }));
  });
