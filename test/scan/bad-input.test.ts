/**
 * Bad input: one clear line on stderr and exit 2 for what cannot be scanned; warnings (and a
 * completed scan) for files that cannot be read or parsed. Never a stack trace.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readText, Warnings } from '../../src/scan/files.js';
import { scan } from '../../src/scan/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE, makeProject, replace } from '../helpers/project.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

function expectOneLineError(r: { code: number; stderr: string; stdout: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^phoenix-ops: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
}

describe('input errors exit 2 with one line', () => {
  it('missing folder', () => {
    expectOneLineError(runCli(['scan', '/nonexistent/phoenix-app']), /no such file or folder/);
  });
  it('a file instead of a folder', () => {
    expectOneLineError(runCli(['scan', join(EXAMPLE, 'mix.exs')]), /is a file/);
  });
  it('a folder without mix.exs', () => {
    const dir = tempDir('po-empty-');
    writeFileSync(join(dir, 'README.md'), '# not elixir\n');
    expectOneLineError(runCli(['scan', dir]), /no mix\.exs found/);
  });
  it('a Mix project without Phoenix', () => {
    const dir = tempDir('po-lib-');
    writeFileSync(join(dir, 'mix.exs'), 'defmodule Lib.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :lib, deps: [{:jason, "~> 1.4"}]]\nend\n');
    expectOneLineError(runCli(['scan', dir]), /without Phoenix|does not depend on Phoenix/);
  });
  it('every command reports the same way', () => {
    for (const cmd of ['audit', 'plan', 'cost', 'report']) {
      expectOneLineError(runCli([cmd, '/nonexistent/phoenix-app']), /no such file or folder/);
    }
  });
  it('unknown command and bad flag values are usage errors', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['audit', EXAMPLE, '--format', 'yaml']).code).toBe(2);
    expect(runCli(['audit', EXAMPLE, '--fail-on', 'severe']).code).toBe(2);
  });
});

describe('unreadable parts are warnings, the scan completes', () => {
  it('malformed and truncated Elixir', async () => {
    const dir = makeProject({
      'lib/hello_phoenix/broken.ex': 'defmodule HelloPhoenix.Broken do\n  def oops(x do\n    x +\n',
      'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\nconfig :hello_phoenix, :truncated, ['),
    });
    const p = await scan(dir);
    expect(p.web.endpointModule).toBe('HelloPhoenixWeb.Endpoint');
    const files = p.warnings.filter((w) => w.code === 'parse-error').map((w) => w.file);
    expect(files).toContain('config/prod.exs');
    // Config before the syntax error is still read.
    expect(p.facts.config.some((c) => c.file === 'config/prod.exs' && c.key === 'HelloPhoenixWeb.Endpoint')).toBe(true);
  });
  it('binary files, huge files, symlink loops and unreadable files', async () => {
    const dir = makeProject({});
    writeFileSync(join(dir, 'lib', 'hello_phoenix', 'blob.ex'), Buffer.from([0x64, 0x65, 0x66, 0x00, 0xff, 0x10, 0x00]));
    writeFileSync(join(dir, 'lib', 'hello_phoenix', 'huge.ex'), `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    mkdirSync(join(dir, 'lib', 'loop'));
    symlinkSync('..', join(dir, 'lib', 'loop', 'back'));
    symlinkSync('self.ex', join(dir, 'lib', 'self.ex'));
    // /proc/self/mem stats as a regular file but every read fails (EIO), even for root.
    symlinkSync('/proc/self/mem', join(dir, 'lib', 'hello_phoenix', 'unreadable.ex'));
    const p = await scan(dir);
    const codes = (code: string) => p.warnings.filter((w) => w.code === code).map((w) => w.file);
    expect(codes('binary-file')).toContain('lib/hello_phoenix/blob.ex');
    expect(codes('file-too-large')).toContain('lib/hello_phoenix/huge.ex');
    expect(codes('symlink-loop')).toEqual(expect.arrayContaining(['lib/loop/back', 'lib/self.ex']));
    expect(codes('unreadable')).toContain('lib/hello_phoenix/unreadable.ex');
    expect(p.database).toBe('postgres');
    const cli = runCli(['scan', dir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/warning: skipped lib\/hello_phoenix\/blob\.ex: binary content/);
  });
  it('a named pipe where a config file should be: skipped, never waited on', async () => {
    const dir = makeProject({});
    const prod = join(dir, 'config', 'prod.exs');
    rmSync(prod);
    execFileSync('mkfifo', [prod]);
    const p = await scan(dir);
    expect(p.warnings).toContainEqual(expect.objectContaining({ code: 'unreadable', file: 'config/prod.exs', message: 'skipped config/prod.exs: not a regular file' }));
    expect(p.database).toBe('postgres');
    // Read directly (a path the scan asks for by name), the pipe is refused at once, not waited on.
    const w = new Warnings();
    expect(readText(prod, 'config/prod.exs', w)).toBeNull();
    expect(w.list).toEqual([{ code: 'unreadable', file: 'config/prod.exs', message: 'skipped config/prod.exs: not a regular file' }]);
  });
  it('a file that cannot be opened (mode 000) when not root', async () => {
    const dir = makeProject({});
    const f = join(dir, 'lib', 'hello_phoenix', 'secret.ex');
    writeFileSync(f, 'defmodule HelloPhoenix.Secret do\nend\n');
    chmodSync(f, 0o000);
    const p = await scan(dir);
    const isRoot = process.getuid?.() === 0;
    // Root reads it anyway; others get a warning. Either way the scan completes.
    expect(p.warnings.some((w) => w.file === 'lib/hello_phoenix/secret.ex')).toBe(!isRoot);
  });
});
