import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/plan/atomic.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

describe('writeFileAtomic', () => {
  it('creates parent folders and leaves no temp file', async () => {
    await writeFileAtomic(join(dir, 'a/b/c.txt'), 'hello\n');
    expect(await readFile(join(dir, 'a/b/c.txt'), 'utf8')).toBe('hello\n');
    expect(await readdir(join(dir, 'a/b'))).toEqual(['c.txt']);
  });

  it('sets the mode given, else 0644 for a new file, else keeps the existing mode', async () => {
    const file = join(dir, 'script');
    await writeFileAtomic(file, '#!/bin/sh\n', 0o755);
    expect((await stat(file)).mode & 0o777).toBe(0o755);
    await writeFileAtomic(file, '#!/bin/sh\necho hi\n');
    expect((await stat(file)).mode & 0o777).toBe(0o755);
    await writeFileAtomic(join(dir, 'plain'), 'x');
    expect((await stat(join(dir, 'plain'))).mode & 0o777).toBe(0o644);
  });

  it('replaces the content in one step', async () => {
    const file = join(dir, 'f');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['f']);
  });

  it('leaves the target untouched and cleans up when the rename fails', async () => {
    const target = join(dir, 'target');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'keep');
    await expect(writeFileAtomic(target, 'content')).rejects.toThrow();
    expect((await stat(target)).isDirectory()).toBe(true);
    expect(await readFile(join(target, 'inside'), 'utf8')).toBe('keep');
    expect(await readdir(dir)).toEqual(['target']);
  });
});
