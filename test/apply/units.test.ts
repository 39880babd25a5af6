/** The small parts of apply: JSON selectors, placeholders (resolved and in words), generated secrets, remote scripts. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { explainPlaceholders, resolveArgv, resolveStdin } from '../../src/apply/placeholders.js';
import { releaseCookie, secretKeyBase, Vault } from '../../src/apply/secrets.js';
import { matches, parseJsonOutput, select, selectText } from '../../src/apply/select.js';
import { compareVersions } from '../../src/apply/adapter.js';
import { targetProject } from './harness.js';

describe('select', () => {
  const policy = { bindings: [{ role: 'roles/viewer', members: ['user:a@example.test'] }, { role: 'roles/run.invoker', members: ['allUsers'] }] };
  it('keys, indexes, key=value and =value', () => {
    expect(select({ status: { url: 'https://x' } }, 'status.url')).toBe('https://x');
    expect(select([{ name: 'db', id: 'c1' }, { name: 'other', id: 'c2' }], '[name=other].id')).toBe('c2');
    expect(select([{ Id: 'sha256:1' }], '[0].Id')).toBe('sha256:1');
    expect(matches(policy, 'bindings[role=roles/run.invoker].members[=allUsers]')).toBe(true);
    expect(matches(policy, 'bindings[role=roles/viewer].members[=allUsers]')).toBe(false);
    expect(matches({ format_version: '1.0' }, 'values.root_module.resources[0]')).toBe(false);
    expect(matches([], '[0]')).toBe(false);
  });
  it('JSON documents or JSON lines; text only by label', () => {
    expect(parseJsonOutput('{"Name":"a"}\n{"Name":"b"}\n')).toEqual([{ Name: 'a' }, { Name: 'b' }]);
    expect(parseJsonOutput('not json')).toBeUndefined();
    expect(selectText('Redis\n  Name         | cache\n  Private URL  | redis://default:pw@host:6379\n', 'Private URL')).toBe('redis://default:pw@host:6379');
  });
});

describe('placeholders', () => {
  it('plan words', () => {
    expect(explainPlaceholders('SECRET_KEY_BASE={{generate:secret-key-base}}')).toBe('SECRET_KEY_BASE=<a 64-byte random value generated at apply time>');
    expect(explainPlaceholders('{{input:DATABASE_URL}}')).toBe('<DATABASE_URL, asked at apply time (hidden) or read from $DATABASE_URL in CI>');
    expect(explainPlaceholders('fly mpg attach {{output:db-create.cluster-id}}')).toBe('fly mpg attach <the cluster-id printed by step db-create>');
  });
  it('argv takes outputs and the image tag only; stdin takes all, JSON-escaped on request', async () => {
    const r = { generate: () => 'GEN', input: async () => 'a"b\\c', output: async (s: string, k: string) => `${s}/${k}`, build: async () => 'git-0123456789ab' };
    expect(await resolveArgv(['x', '{{output:db.id}}', 'repo/app:{{build:image-tag}}'], r)).toEqual(['x', 'db/id', 'repo/app:git-0123456789ab']);
    expect(explainPlaceholders('app:{{build:image-tag}}')).toMatch(/^app:<the image tag chosen at apply time/);
    await expect(resolveArgv(['SECRET={{generate:secret-key-base}}'], r)).rejects.toThrow(/process list/);
    expect(await resolveStdin('{"a":"{{input:A}}","b":"{{generate:release-cookie}}"}', r, 'json')).toBe('{"a":"a\\"b\\\\c","b":"GEN"}');
    expect(JSON.parse(await resolveStdin('{"a":"{{input:A}}"}', r, 'json'))).toEqual({ a: 'a"b\\c' });
  });
});

describe('secrets', () => {
  it('SECRET_KEY_BASE has 64 random bytes, RELEASE_COOKIE 32, each fresh', () => {
    const a = secretKeyBase();
    expect(Buffer.from(a, 'base64')).toHaveLength(64);
    expect(a).not.toBe(secretKeyBase());
    const c = releaseCookie();
    expect(c).toMatch(/^[A-Z2-7]{52}$/);
    expect(c).not.toBe(releaseCookie());
  });
  it('the vault generates once per run, refuses empty input and redacts what it knows', async () => {
    const v = new Vault({ ask: async (n) => (n === 'EMPTY' ? '' : 'hunter2-value') });
    const g = v.generate('secret-key-base');
    expect(v.generate('secret-key-base')).toBe(g);
    await expect(v.ask('EMPTY')).rejects.toThrow(/empty/);
    const t = await v.ask('TOKEN');
    expect(v.redact(`x ${g} y ${t}`)).toBe('x [redacted] y [redacted]');
  });
});

describe('versions', () => {
  it('compares dotted numbers', () => {
    expect(compareVersions('0.3.210', '0.3.0')).toBe(1);
    expect(compareVersions('1.24', '1.24.0')).toBe(0);
    expect(compareVersions('20.9', '20.10')).toBe(-1);
  });
});

describe('remote scripts of the systemd steps', () => {
  it('pass shellcheck', async () => {
    const p = await targetProject('systemd', 'version: 1\napp: hello-phoenix\ntargets: [systemd]\nsystemd: { host: deploy@app.example.test }\n');
    const scripts = p.plan.steps
      .flatMap((s) => [s.command, s.rollback ?? []])
      .filter((argv) => argv.includes('-c'))
      .map((argv) => argv[argv.indexOf('-c') + 1]!.slice(1, -1).replace(/'\\''/g, "'"));
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      const r = spawnSync('shellcheck', ['--shell=bash', '-'], { input: `#!/usr/bin/env bash\n${script}\n`, encoding: 'utf8' });
      expect(r.stdout + r.stderr, script).toBe('');
      expect(r.status).toBe(0);
    }
  });
});
