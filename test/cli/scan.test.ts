/**
 * `phoenix-ops scan` end to end (the built CLI as a separate process): the `--json` contract on the example
 * app, `file:line` evidence in the text output, colors only when asked for, and the usage errors of DIR.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { EXAMPLE, makeProject } from '../helpers/project.js';

const ANSI = /\u001b\[/;

/** The fields of the README's `scan --json` contract (schemaVersion 1). */
const CONTRACT_KEYS = [
  'schemaVersion',
  'root',
  'umbrella',
  'apps',
  'web',
  'versions',
  'database',
  'liveView',
  'oban',
  'pubsub',
  'clustering',
  'httpServer',
  'assets',
  'sentry',
  'rateLimiter',
  'mailer',
  'runtimeConfig',
  'security',
  'health',
  'releaseModule',
  'deployFiles',
  'runtime',
  'evidence',
  'warnings',
] as const;

type Json = Record<string, unknown>;

/** Every run of this file, started together. */
const R: Record<string, CliResult> = {};
beforeAll(async () => {
  const noMix = makeProject({ 'mix.exs': null, 'mix.lock': null });
  const lookalikes = makeProject({
    'tools/dockerfile.ts': 'export const dockerfile = (from: string) => `FROM ${from}`;\n',
    'docs/Dockerfile.md': '# How our Dockerfile works\n',
    'deploy/Dockerfile.prod': 'FROM debian:bookworm-slim\nCMD ["/app/bin/server"]\n',
  });
  const runs: Record<string, [string[], Parameters<typeof runCliAsync>[1]?]> = {
    json: [['scan', EXAMPLE, '--json']],
    jsonHere: [['scan', '--json'], { cwd: EXAMPLE }],
    text: [['scan', EXAMPLE]],
    forced: [['scan', EXAMPLE], { env: { FORCE_COLOR: '1' }, unset: ['NO_COLOR'] }],
    both: [['scan', EXAMPLE], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }],
    forcedJson: [['scan', EXAMPLE, '--json'], { env: { FORCE_COLOR: '1' }, unset: ['NO_COLOR'] }],
    missing: [['scan', join(EXAMPLE, 'no-such-folder')]],
    file: [['scan', join(EXAMPLE, 'mix.exs')]],
    noMix: [['scan', noMix]],
    badFlag: [['scan', EXAMPLE, '--bogus']],
    lookalikes: [['scan', lookalikes, '--json']],
  };
  await Promise.all(Object.entries(runs).map(async ([k, [args, opts]]) => (R[k] = await runCliAsync(args, opts))));
});

describe('scan --json on the example app', () => {
  let r: CliResult;
  let j: Json;
  beforeAll(() => {
    r = R.json!;
    j = JSON.parse(r.stdout) as Json;
  });

  it('exits 0 with one JSON object on stdout and nothing on stderr', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(typeof j).toBe('object');
    expect(Array.isArray(j)).toBe(false);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('has every contract key and no detailed facts', () => {
    for (const k of CONTRACT_KEYS) expect(Object.keys(j), `missing ${k}`).toContain(k);
    expect(j).not.toHaveProperty('facts');
  });

  it('describes the example app exactly', () => {
    expect(j.schemaVersion).toBe(1);
    expect(j.root).toBe(EXAMPLE);
    expect(j.projectPath).toBe('.');
    expect(j.umbrella).toBe(false);
    expect(j.apps).toEqual([{ path: '.', otpApp: 'hello_phoenix', phoenix: true }]);
    expect(j.web).toEqual({ path: '.', otpApp: 'hello_phoenix', endpointModule: 'HelloPhoenixWeb.Endpoint', routerModule: 'HelloPhoenixWeb.Router' });
    expect(j.versions).toEqual({ phoenix: '1.7.14', liveView: '0.20.17', ecto: '3.12.4', elixirRequirement: '~> 1.14', elixir: '1.17.3-otp-27', otp: '27.1.2' });
    expect(j).toMatchObject({
      database: 'postgres',
      liveView: true,
      oban: false,
      pubsub: 'pg',
      clustering: 'dns_cluster',
      httpServer: 'cowboy',
      assets: 'tailwind+esbuild',
      sentry: false,
      rateLimiter: 'none',
      health: null,
      releaseModule: null,
      warnings: [],
    });
    expect(j.deployFiles).toEqual({ dockerfiles: [], flyTomls: [], k8s: [], workflows: [], relOverlays: [] });
    expect((j.security as Json).forceSsl).toBe(false);
    expect(j.runtime).toEqual({ deployMode: 'release', serverEnabledBy: 'PHX_SERVER', portEnv: 'PORT', listenPort: 4000, databaseEnv: ['DATABASE_URL'], executables: [], writablePaths: [] });
  });

  it('lists the runtime env vars of config/runtime.exs with their evidence', () => {
    const rc = j.runtimeConfig as { file: string; env: { name: string; required: boolean; default: string | null; dynamic: boolean; evidence: { file: string; line: number } }[] };
    expect(rc.file).toBe('config/runtime.exs');
    const byName = Object.fromEntries(rc.env.map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['DATABASE_URL', 'DNS_CLUSTER_QUERY', 'ECTO_IPV6', 'PHX_HOST', 'PHX_SERVER', 'POOL_SIZE', 'PORT', 'SECRET_KEY_BASE']);
    expect(byName.SECRET_KEY_BASE).toMatchObject({ required: true, default: null, dynamic: false });
    expect(byName.DATABASE_URL).toMatchObject({ required: true, default: null });
    expect(byName.POOL_SIZE).toMatchObject({ required: false, default: '10' });
    expect(byName.PHX_HOST).toMatchObject({ required: false, default: 'example.com' });
    const runtime = readFileSync(join(EXAMPLE, 'config/runtime.exs'), 'utf8').split('\n');
    for (const e of rc.env) {
      expect(e.evidence.file).toBe('config/runtime.exs');
      expect(runtime[e.evidence.line - 1], `${e.name} at line ${e.evidence.line}`).toContain(e.name);
    }
  });

  it('gives every evidence as "file:line" pointing at a real line of a file of the project', () => {
    const ev = j.evidence as Record<string, string>;
    expect(Object.keys(ev).length).toBeGreaterThan(5);
    for (const [key, where] of Object.entries(ev)) {
      const m = /^(.+):(\d+)$/.exec(where);
      expect(m, `evidence.${key} = ${where}`).not.toBeNull();
      const abs = join(EXAMPLE, m![1]!);
      expect(existsSync(abs), `evidence.${key}: ${m![1]} exists`).toBe(true);
      const lines = readFileSync(abs, 'utf8').split('\n').length;
      expect(Number(m![2]), `evidence.${key} line`).toBeGreaterThanOrEqual(1);
      expect(Number(m![2]), `evidence.${key} line`).toBeLessThanOrEqual(lines);
    }
    expect(ev.phoenix).toMatch(/^mix\.lock:\d+$/);
  });

  it('prints the same object when run from the project folder without DIR', () => {
    const here = R.jsonHere!;
    expect(here.code).toBe(0);
    expect(here.stderr).toBe('');
    expect(JSON.parse(here.stdout)).toEqual(j);
  });
});

describe('scan deployFiles', () => {
  it('lists real Dockerfiles only, not source or docs files named like one', () => {
    expect(R.lookalikes!.code).toBe(0);
    const j = JSON.parse(R.lookalikes!.stdout) as { deployFiles: { dockerfiles: string[] } };
    expect(j.deployFiles.dockerfiles).toEqual(['deploy/Dockerfile.prod']);
  });
});

describe('scan of a project with a Helm chart', () => {
  it('says nothing on stderr about the template keys YAML cannot hold (no Node warning)', async () => {
    const dir = makeProject({
      'charts/demo/templates/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ include "demo.fullname" . }}',
        '  labels:',
        '    {{- include "demo.labels" . | nindent 4 }}',
        'spec:',
        '  replicas: {{ .Values.replicaCount }}',
        '',
      ].join('\n'),
    });
    const r = await runCliAsync(['scan', dir, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('scan text output', () => {
  it('shows each fact with its file:line evidence, and no ANSI escapes under NO_COLOR', () => {
    const r = R.text!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ANSI);
    const j = JSON.parse(R.json!.stdout) as { evidence: Record<string, string> };
    expect(r.stdout).toMatch(new RegExp(`Phoenix\\s+1\\.7\\.14 \\(${j.evidence.phoenix!.replace('.', '\\.')}\\)`));
    expect(r.stdout).toContain(`(${j.evidence.database})`);
    expect(r.stdout).toMatch(/SECRET_KEY_BASE required \(config\/runtime\.exs:\d+\)/);
    const withEvidence = r.stdout.split('\n').filter((l) => /\([\w./-]+:\d+\)/.test(l));
    expect(withEvidence.length).toBeGreaterThanOrEqual(10);
  });

  it('uses colors with FORCE_COLOR=1 (and NO_COLOR unset)', () => {
    const r = R.forced!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(ANSI);
  });

  // (Node itself warns on stderr that NO_COLOR is ignored when both are set; stdout is what matters.)
  it('NO_COLOR wins over FORCE_COLOR', () => {
    const r = R.both!;
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('keeps --json free of escapes even with FORCE_COLOR=1', () => {
    const r = R.forcedJson!;
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toBe('');
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

describe('scan usage errors (exit 2, one line on stderr)', () => {
  const oneLine = (r: CliResult) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^phoenix-ops: /);
  };

  it('missing folder', () => {
    const r = R.missing!;
    oneLine(r);
    expect(r.stderr).toContain('no-such-folder');
  });

  it('a file instead of a folder', () => {
    oneLine(R.file!);
  });

  it('a folder without mix.exs', () => {
    oneLine(R.noMix!);
  });

  it('an unknown flag', () => {
    oneLine(R.badFlag!);
  });
});
