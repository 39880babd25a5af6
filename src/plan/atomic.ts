/**
 * Atomic file writes: write a temporary file in the same folder, fsync it, rename it over the target.
 * A reader sees the old file or the new one, never half of one; a failure leaves the target untouched
 * and removes the temporary file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Prefix of temporary files (ignored by the project's .gitignore: `.phoenix-ops-tmp-*`). */
export const TEMP_PREFIX = '.phoenix-ops-tmp-';

/**
 * Writes `content` to `path` atomically. Creates missing parent folders.
 * `mode`: the file's permissions; when omitted, an existing file keeps its mode and a new one gets 0o644.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, mode?: number): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const finalMode = mode ?? (await existingMode(path)) ?? 0o644;
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}-${process.pid}-${randomBytes(6).toString('hex')}`);

  let renamed = false;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      // chmod explicitly: the mode given to open() is filtered by the umask.
      await handle.chmod(finalMode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
  await syncDir(dir);
}

async function existingMode(path: string): Promise<number | null> {
  try {
    const st = await stat(path);
    return st.isFile() ? st.mode & 0o7777 : null;
  } catch {
    return null;
  }
}

/** Makes the rename durable. Best effort: some platforms cannot open or fsync a folder. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here
  }
}
