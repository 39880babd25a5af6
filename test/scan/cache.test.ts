/**
 * The scan cache (`--cache`): reused only while nothing the scan read has changed, and never a
 * different result. Each case scans a copy of the example app with the cache on, changes something,
 * and scans again: a hit must give what a scan without the cache gives, a change must be a miss.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, type ScanCacheOptions } from '../../src/scan/index.js';
import { toScanJson } from '../../src/scan/json.js';
import type { Profile } from '../../src/scan/profile.js';
import { runCli } from '../helpers/cli.js';
import { applyEdits, makeProject } from '../helpers/project.js';

const hit = (p: Profile) => 'cache-hit' in p.facts.stats.phases;
const json = (p: Profile) => JSON.stringify(toScanJson(p));
const newLocation = () => mkdtempSync(join(tmpdir(), 'phoenix-ops-cache-test-'));

/** Scans `dir` twice with the cache: the first fills it. Returns the second profile. */
async function filled(dir: string, cache: ScanCacheOptions): Promise<Profile> {
  expect(hit(await scan(dir, { cache }))).toBe(false);
  return scan(dir, { cache });
}

describe('scan cache', () => {
  it('is reused when nothing changed, with the same result as a scan without it', async () => {
    const dir = makeProject();
    const cache = { location: newLocation() };
    const second = await filled(dir, cache);
    expect(hit(second)).toBe(true);
    expect(json(second)).toBe(json(await scan(dir)));
  });

  it('misses after one file is edited, and gives the edited result', async () => {
    const dir = makeProject();
    const cache = { location: newLocation() };
    const before = await filled(dir, cache);
    expect(before.facts.envReads.map((r) => r.name)).not.toContain('RELEASE_LEVEL');
    applyEdits(dir, { 'config/runtime.exs': (t) => `${t}\nconfig :hello_phoenix, :level, System.fetch_env!("RELEASE_LEVEL")\n` });
    const after = await scan(dir, { cache });
    expect(hit(after)).toBe(false);
    expect(after.facts.envReads.map((r) => r.name)).toContain('RELEASE_LEVEL');
    expect(json(after)).toBe(json(await scan(dir)));
    // The entry now holds the edited project.
    expect(hit(await scan(dir, { cache }))).toBe(true);
  });

  it('misses after an edit that keeps the size and the modification time', async () => {
    const dir = makeProject();
    const cache = { location: newLocation() };
    await filled(dir, cache);
    const file = join(dir, 'config', 'runtime.exs');
    const text = readFileSync(file, 'utf8');
    const { mtime } = statSync(file);
    writeFileSync(file, text.replace('"POOL_SIZE"', '"POOL_SIZX"'));
    utimesSync(file, mtime, mtime);
    const after = await scan(dir, { cache });
    expect(hit(after)).toBe(false);
    expect(after.facts.envReads.map((r) => r.name)).toContain('POOL_SIZX');
  });

  it('is still reused when a file is rewritten with the same content (a checkout, a touch)', async () => {
    const dir = makeProject();
    const cache = { location: newLocation() };
    await filled(dir, cache);
    const file = join(dir, 'lib', 'hello_phoenix_web', 'router.ex');
    writeFileSync(file, readFileSync(file));
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(hit(await scan(dir, { cache }))).toBe(true);
  });

  it('misses when a file is added or removed, or an executable bit changes', async () => {
    const dir = makeProject({ 'rel/overlays/bin/migrate': { content: '#!/bin/sh\nexec ./hello_phoenix eval HelloPhoenix.Release.migrate\n', mode: 0o755 } });
    const cache = { location: newLocation() };
    await filled(dir, cache);
    applyEdits(dir, { 'lib/hello_phoenix/extra.ex': 'defmodule HelloPhoenix.Extra do\nend\n' });
    const added = await scan(dir, { cache });
    expect(hit(added)).toBe(false);
    expect(added.facts.files).toContain('lib/hello_phoenix/extra.ex');
    chmodSync(join(dir, 'rel', 'overlays', 'bin', 'migrate'), 0o644);
    const chmodded = await scan(dir, { cache });
    expect(hit(chmodded)).toBe(false);
    expect(json(chmodded)).toBe(json(await scan(dir)));
  });

  it('misses when the tool version changes', async () => {
    const dir = makeProject();
    const location = newLocation();
    await filled(dir, { location, toolKey: '1.0.0+aaaa' });
    expect(hit(await scan(dir, { cache: { location, toolKey: '1.0.0+aaaa' } }))).toBe(true);
    expect(hit(await scan(dir, { cache: { location, toolKey: '1.0.1+aaaa' } }))).toBe(false);
  });

  it('treats a damaged cache file as a miss and rewrites it', async () => {
    const dir = makeProject();
    const location = newLocation();
    await filled(dir, { location });
    const [entry] = readdirSync(location);
    writeFileSync(join(location, entry!), '{"format":1,"tool":');
    const again = await scan(dir, { cache: { location } });
    expect(hit(again)).toBe(false);
    expect(json(again)).toBe(json(await scan(dir)));
    expect(hit(await scan(dir, { cache: { location } }))).toBe(true);
  });

  it('keeps what decides a hit on the first line and the profile on the second, so a miss parses only the first', async () => {
    const dir = makeProject();
    const location = newLocation();
    const profile = await scan(dir, { cache: { location } });
    const [entry] = readdirSync(location);
    const lines = readFileSync(join(location, entry!), 'utf8').split('\n');
    expect(lines).toHaveLength(3); // header, profile, and the final newline
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 2, projectPath: profile.projectPath });
    expect(header).not.toHaveProperty('profile');
    expect((header.reads as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(toScanJson(JSON.parse(lines[1]!) as Profile))).toBe(json(profile));
  });

  it('misses on an entry whose profile line is cut short, or one in the earlier one-line layout', async () => {
    const dir = makeProject();
    const location = newLocation();
    await filled(dir, { location });
    const [entry] = readdirSync(location);
    const path = join(location, entry!);
    const [header, profile] = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, `${header}\n${profile!.slice(0, profile!.length >> 1)}`);
    expect(hit(await scan(dir, { cache: { location } }))).toBe(false);
    expect(hit(await scan(dir, { cache: { location } }))).toBe(true);
    const oneLine = { ...(JSON.parse(header!) as object), format: 1, profile: JSON.parse(profile!) as unknown };
    writeFileSync(path, JSON.stringify(oneLine));
    const again = await scan(dir, { cache: { location } });
    expect(hit(again)).toBe(false);
    expect(json(again)).toBe(json(await scan(dir)));
  });

  it('scans as usual when the cache cannot be written, leaving no entry', async () => {
    const dir = makeProject();
    // A folder that cannot be created (its parent is a file): fails for root too, unlike a read-only mode.
    const blocked = join(newLocation(), 'not-a-folder');
    writeFileSync(blocked, '');
    const first = await scan(dir, { cache: { location: join(blocked, 'cache') } });
    expect(hit(first)).toBe(false);
    expect(json(first)).toBe(json(await scan(dir)));
    expect(hit(await scan(dir, { cache: { location: join(blocked, 'cache') } }))).toBe(false);
  });
});

describe('the --cache flags', () => {
  it('audit --cache keeps the cache in the project _build/, --no-cache leaves it alone, and the output is the same', () => {
    const dir = makeProject();
    const plain = runCli(['audit', dir, '--json', '--no-cache']);
    expect(existsSync(join(dir, '_build', 'phoenix-ops'))).toBe(false);
    const cold = runCli(['audit', dir, '--json', '--cache']);
    expect(readdirSync(join(dir, '_build', 'phoenix-ops'))).toHaveLength(1);
    const warm = runCli(['audit', dir, '--json', '--cache'], { env: { PHOENIX_OPS_STATS: '1' } });
    expect(warm.stderr).toContain('"cache-hit"');
    expect([cold.stdout, warm.stdout]).toEqual([plain.stdout, plain.stdout]);
    expect([cold.code, warm.code]).toEqual([plain.code, plain.code]);
  });
});
