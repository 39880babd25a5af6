/**
 * `phoenix-ops init` end to end: writes phoenix-ops.yaml, refuses to replace it without --force, --stdout
 * writes nothing, --target puts that target first, and the file it writes loads back (plan, cost).
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

/** Every entry under `dir`: path → "dir", or "mode sha256" for files. */
function tree(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    const abs = join(dir, p);
    if (e.isDirectory()) {
      out.set(p, 'dir');
      for (const [k, v] of tree(dir, p)) out.set(k, v);
    } else out.set(p, `${(lstatSync(abs).mode & 0o7777).toString(8)} ${createHash('sha256').update(readFileSync(abs)).digest('hex')}`);
  }
  return out;
}

describe.concurrent('init', () => {
  it('writes phoenix-ops.yaml; a second init without --force is exit 2 and leaves it alone; --force rewrites it', async () => {
    const dir = makeProject();
    const file = join(dir, 'phoenix-ops.yaml');
    const first = await runCliAsync(['init', dir]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`wrote ${file}`);
    expect(existsSync(file)).toBe(true);
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(/^# yaml-language-server: \$schema=/);
    const cfg = parse(written) as { version: number; app: string; targets: string[] };
    expect(cfg.version).toBe(1);
    expect(cfg.app).toBe('hello-phoenix');
    expect(cfg.targets[0]).toBe('fly');
    expect(lstatSync(file).mode & 0o777).toBe(0o644);

    const edited = `${written}# my own note\n`;
    writeFileSync(file, edited);
    const second = await runCliAsync(['init', dir]);
    expect(second.code).toBe(2);
    expect(second.stdout).toBe('');
    expect(second.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/^phoenix-ops: .*phoenix-ops\.yaml already exists.*--force/);
    expect(readFileSync(file, 'utf8')).toBe(edited);

    const forced = await runCliAsync(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(readdirSync(dir).filter((n) => n.startsWith('.phoenix-ops-tmp-'))).toEqual([]);
  });

  it('--stdout prints the file and writes nothing', async () => {
    const a = makeProject();
    const b = makeProject();
    const before = tree(a);
    const r = await runCliAsync(['init', a, '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(tree(a)).toEqual(before);
    expect((await runCliAsync(['init', b])).code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(b, 'phoenix-ops.yaml'), 'utf8'));
  });

  it('--target k8s puts k8s first, and the file loads back: plan and cost then default to k8s', async () => {
    const dir = makeProject();
    const r = await runCliAsync(['init', dir, '--target', 'k8s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('target k8s');
    const cfg = parse(readFileSync(join(dir, 'phoenix-ops.yaml'), 'utf8')) as { targets: string[]; region?: string };
    // Only the target asked for (no fly added behind it), and no region: a cluster has none (issue 21: it wrote region: iad).
    expect(cfg.targets).toEqual(['k8s']);
    expect(cfg).not.toHaveProperty('region');

    const plan = await runCliAsync(['plan', dir, '--json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { target: string }).target).toBe('k8s');
    const cost = await runCliAsync(['cost', dir, '--json']);
    expect(cost.code).toBe(0);
    expect((JSON.parse(cost.stdout) as { target: string }).target).toBe('k8s');
  });

  it('the default file loads back too (plan --json works with no --target)', async () => {
    const dir = makeProject();
    expect((await runCliAsync(['init', dir])).code).toBe(0);
    const plan = await runCliAsync(['plan', dir, '--json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { target: string }).target).toBe('fly');
  });

  it('an unknown --target is a one-line usage error and writes nothing', async () => {
    const dir = makeProject();
    const r = await runCliAsync(['init', dir, '--target', 'heroku']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('heroku');
    expect(existsSync(join(dir, 'phoenix-ops.yaml'))).toBe(false);
  });
});
