/**
 * `.phoenix-ops/state/<target>.lock`: one apply or destroy per target at a time. The file holds the pid,
 * host and start time of its owner; a lock whose process is gone (same host) is reported as stale with the
 * way to clear it.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errnoCode, isRecord } from './narrow.js';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/** The fields of a lock file that have the expected types (a hand-edited or truncated file keeps the rest out). */
function lockInfo(data: unknown): Partial<LockInfo> {
  if (!isRecord(data)) return {};
  const { pid, host, startedAt, command } = data;
  return {
    ...(typeof pid === 'number' ? { pid } : {}),
    ...(typeof host === 'string' ? { host } : {}),
    ...(typeof startedAt === 'string' ? { startedAt } : {}),
    ...(typeof command === 'string' ? { command } : {}),
  };
}

export interface Lock {
  release(): Promise<void>;
}

export async function acquireLock(path: string, command: string, opts: { forceUnlock?: boolean } = {}): Promise<Lock> {
  await mkdir(dirname(path), { recursive: true });
  if (opts.forceUnlock) await rm(path, { force: true });
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command };
  try {
    const fh = await open(path, 'wx', 0o644);
    await fh.writeFile(`${JSON.stringify(info, null, 2)}\n`);
    await fh.close();
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
    let held: Partial<LockInfo> = {};
    try {
      held = lockInfo(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      /* unreadable: reported as held by an unknown owner */
    }
    const who = `pid ${held.pid ?? '?'} on ${held.host ?? '?'} since ${held.startedAt ?? '?'}`;
    if (held.host === hostname() && typeof held.pid === 'number' && !alive(held.pid)) {
      throw new LockError(`stale lock ${path} (${held.command ?? 'apply'}, ${who}: that process is gone); rerun with --force-unlock to clear it`);
    }
    throw new LockError(`another ${held.command ?? 'apply'} holds ${path} (${who}); wait for it, or rerun with --force-unlock if it is not running`);
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await rm(path, { force: true });
    },
  };
}
