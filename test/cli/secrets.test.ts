/**
 * No secret value ever leaves the project through phoenix-ops: a temp copy of the example app gets a
 * committed `.env` and literal secrets in config/prod.exs; every secret-looking string literal of the copy is
 * collected, and none may appear in any command's stdout/stderr or in any file generated for any target.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

const TARGETS = ['docker', 'fly', 'k8s', 'cloudrun', 'aws', 'systemd', 'github-actions', 'compose'] as const;

const FAKE_SKB_ENV = 'Zx9fEnvSecretKeyBase0123456789abcdefghijklmnopqrstuvwxyzENVSKB';
const FAKE_DB_PASSWORD = 'Pa55w0rdFromDotEnv-7f3c';
const FAKE_SKB_PROD = 'ProdExsLiteralSecretKeyBase9876543210zyxwvutsrqponmlkjihgfeDCBA';
const FAKE_REPO_PASSWORD = 'prod-exs-repo-password-4d2a91';
const FAKE_COOKIE = 'HARDCODEDRELEASECOOKIE8c1e5f';

const EDITS = {
  '.env': `SECRET_KEY_BASE=${FAKE_SKB_ENV}\nDATABASE_URL=ecto://hello:${FAKE_DB_PASSWORD}@db.internal/hello_prod\n`,
  'config/prod.exs': (t: string) =>
    `${t}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint,\n  secret_key_base: "${FAKE_SKB_PROD}"\n\nconfig :hello_phoenix, HelloPhoenix.Repo,\n  username: "hello",\n  password: "${FAKE_REPO_PASSWORD}"\n`,
  'mix.exs': (t: string) => t.replace('      deps: deps()\n', `      deps: deps(),\n      releases: [hello_phoenix: [cookie: "${FAKE_COOKIE}"]]\n`),
};

/** Files of the project, path → bytes (hidden ones included). */
function files(dir: string, rel = '', out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) files(dir, p, out);
    else if (lstatSync(join(dir, p)).isFile()) out.set(p, readFileSync(join(dir, p)));
  }
  return out;
}

/**
 * Secret-looking string literals of the project: values of secret-named keys in .env files, and string
 * literals given to secret-named keys (`secret_key_base:`, `password:`, `*_key:`, `*token*:`, `cookie`…) in
 * Elixir and shell files. Short values (< 12 chars, e.g. "postgres") are left out: they are not secrets
 * anyone generated and appear everywhere for other reasons.
 */
function secretLiterals(dir: string): string[] {
  const found = new Set<string>();
  const secretName = /(secret|password|passwd|token|cookie|api_?key|private_?key|dsn|database_url)/i;
  for (const [p, buf] of files(dir)) {
    const text = buf.toString('utf8');
    const name = p.split('/').pop()!;
    if (/^\.env(\.|$)/.test(name)) {
      for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"?([^"\n]+)"?\s*$/gm)) {
        if (!secretName.test(m[1]!)) continue;
        found.add(m[2]!);
        const pw = /:\/\/[^:/]+:([^@]+)@/.exec(m[2]!);
        if (pw) found.add(pw[1]!);
      }
    }
    if (/\.(exs?|eex|sh)$/.test(name)) {
      for (const m of text.matchAll(/([A-Za-z_]+)\s*(?::|=>|=)\s*"([^"\n#{}]+)"/g)) if (secretName.test(m[1]!)) found.add(m[2]!);
    }
  }
  return [...found].filter((v) => v.length >= 12).sort();
}

describe('no secret value in any output or generated file', () => {
  let dir: string;
  let secrets: string[];
  const outputs: { what: string; r: CliResult }[] = [];
  const generated: { target: string; path: string; text: string }[] = [];
  /** The copy's files before any command: path → text. */
  const original = new Map<string, string>();

  beforeAll(async () => {
    dir = makeProject(EDITS);
    secrets = secretLiterals(dir);
    for (const [p, b] of files(dir)) original.set(p, b.toString('utf8'));

    const commands: string[][] = [
      ['scan', dir],
      ['scan', dir, '--json'],
      ...['text', 'json', 'sarif', 'markdown', 'html'].map((f) => ['audit', dir, '--format', f, '--show-suppressed']),
      ...TARGETS.map((t) => ['plan', dir, '--target', t, '--json']),
      ['report', dir, '--format', 'json'],
      ['init', dir, '--stdout'],
    ];
    const copies = TARGETS.map((t) => ({ t, d: makeProject(EDITS) }));
    const [cmdResults, genResults] = await Promise.all([
      Promise.all(commands.map(async (args) => ({ what: args.filter((a) => a !== dir).join(' '), r: await runCliAsync(args) }))),
      Promise.all(copies.map(async ({ t, d }) => ({ t, d, r: await runCliAsync(['generate', d, '--target', t, '--yes', '--apply-patches']) }))),
    ]);
    outputs.push(...cmdResults);
    for (const { t, d, r } of genResults) {
      outputs.push({ what: `generate --target ${t}`, r });
      for (const [p, b] of files(d)) {
        if (original.get(p) !== b.toString('utf8')) generated.push({ target: t, path: p, text: b.toString('utf8') });
      }
    }
  });

  it('the copy holds the planted secrets (the collector works)', () => {
    for (const v of [FAKE_SKB_ENV, FAKE_DB_PASSWORD, FAKE_SKB_PROD, FAKE_REPO_PASSWORD, FAKE_COOKIE]) expect(secrets).toContain(v);
    // dev.exs and test.exs carry throwaway secret_key_base literals: they are collected too.
    expect(secrets.length).toBeGreaterThanOrEqual(7);
  });

  it('every command ran (exit 0, or 1 for audit findings)', () => {
    for (const { what, r } of outputs) {
      const ok = what.startsWith('audit') ? [0, 1] : [0];
      expect(ok, `${what}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
    }
  });

  it('no secret value in any stdout or stderr', () => {
    const leaks: string[] = [];
    for (const { what, r } of outputs) {
      for (const s of secrets) {
        if (r.stdout.includes(s)) leaks.push(`${what}: stdout contains ${s}`);
        if (r.stderr.includes(s)) leaks.push(`${what}: stderr contains ${s}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('no secret value in any file generated (or patched) for any target', () => {
    const targets = new Set(generated.map((g) => g.target));
    for (const t of TARGETS) expect([...targets], `${t} generated files`).toContain(t);
    const leaks: string[] = [];
    // A patched user file keeps what it held (e.g. mix.exs with its own cookie): only new occurrences count.
    const count = (text: string, s: string) => text.split(s).length - 1;
    for (const g of generated) {
      for (const s of secrets) if (count(g.text, s) > count(original.get(g.path) ?? '', s)) leaks.push(`${g.target}: ${g.path} contains ${s}`);
    }
    expect(leaks).toEqual([]);
  });

  it('the audit flags the committed secrets where they are', () => {
    const audit = outputs.find((o) => o.what === 'audit --format json --show-suppressed')!;
    const j = JSON.parse(audit.r.stdout) as { findings: { ruleId: string; evidence: { file: string }[] }[] };
    const where = (id: string) => j.findings.filter((f) => f.ruleId === id).flatMap((f) => f.evidence.map((e) => e.file));
    expect(where('committed-secret-file')).toContain('.env');
    expect(where('hardcoded-secret-in-config')).toContain('config/prod.exs');
    expect(where('release-cookie-hardcoded')).toContain('mix.exs');
  });

  it('the generated .dockerignore keeps .env out of the image', () => {
    const ignore = generated.find((g) => g.target === 'docker' && g.path === '.dockerignore');
    expect(ignore).toBeDefined();
    const lines = ignore!.text.split('\n').map((l) => l.trim());
    expect(lines.some((l) => /^\/?\.env(\*|\.\*)?$/.test(l))).toBe(true);
  });
});

describe('a secret given as the fallback of an env var in runtime.exs', () => {
  const FALLBACK = 'sk_live_FallbackLiteral51Hz8q2mVt0xR';

  it('is not printed by scan, report or init', async () => {
    const dir = makeProject({
      'config/runtime.exs': (t) =>
        t.replace('  maybe_ipv6 =', `  config :hello_phoenix, :stripe_secret, System.get_env("STRIPE_SECRET_KEY") || "${FALLBACK}"\n\n  maybe_ipv6 =`),
    });
    const results = await Promise.all(
      [['scan', dir], ['scan', dir, '--json'], ['report', dir, '--format', 'json'], ['init', dir, '--stdout']].map(async (args) => ({
        what: args.filter((a) => a !== dir).join(' '),
        r: await runCliAsync(args),
      })),
    );
    const leaks = results.filter(({ r }) => r.stdout.includes(FALLBACK) || r.stderr.includes(FALLBACK)).map(({ what }) => what);
    expect(leaks).toEqual([]);
  });
});
