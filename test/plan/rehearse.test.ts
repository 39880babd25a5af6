/**
 * `rehearse`: the boot's config phase run with Debian's real `elixir`, on fixtures of our own
 * (test/fixtures-rehearse) that reproduce each class of boot failure: a runtime.exs that raises for a
 * missing DB_HOST, a port read from an app-specific variable, a helper module in lib/ loaded from a
 * compiled _build (compiled here with elixirc), a secret read at build time; and one violating variant
 * of the base fixture for each check (violations/<check>/ overlaid on ledger/), which the preflight
 * must report as an error: it never says "every check passed" on a plan whose app cannot start.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/plan/config.js';
import { previewPlan } from '../../src/plan/preview.js';
import { readEnvSh } from '../../src/plan/rehearse/env-sh.js';
import { PLACEHOLDER_KEY_BASE, placeholderValue } from '../../src/plan/rehearse/placeholder.js';
import { bootIssues, rehearsalWanted } from '../../src/plan/rehearse/preflight-boot.js';
import { rehearse } from '../../src/plan/rehearse/rehearse.js';
import { rehearseExs } from '../../src/plan/rehearse/scripts.js';
import type { Rehearsal } from '../../src/plan/rehearse/types.js';
import type { Plan } from '../../src/model/plan.js';
import type { TargetId } from '../../src/model/ids.js';
import { formatPreflightText } from '../../src/report/plan-text.js';
import { scan } from '../../src/scan/index.js';
import { colors } from '../../src/cli/output.js';
import { runCliAsync } from '../helpers/cli.js';
import { makeProject, replace, REPO } from '../helpers/project.js';
import { PHOENIX_FORMATTER, validateElixir, validateElixirFiles } from '../helpers/validate.js';

const FIXTURES = join(REPO, 'test', 'fixtures-rehearse');
const fixture = (name: string) => join(FIXTURES, name);

/** Renders the target's plan for a project folder, as `plan` does, optionally edited, and rehearses it. */
async function rehearseDir(dir: string, target: TargetId, edit?: (plan: Plan) => Plan): Promise<Rehearsal> {
  const profile = await scan(dir);
  const { config } = await loadConfig(dir, profile);
  const preview = await previewPlan(dir, profile, config, target, {});
  const plan = edit ? edit(preview.plan) : preview.plan;
  return rehearse({ projectDir: dir, profile, config, target, plan, keptFiles: preview.options.keptFiles });
}

const checkOf = (r: Rehearsal, id: string) => r.checks.find((c) => c.id === id);

/** The plan without NAME: dropped from its secrets and from every file line that sets it. */
function withoutVar(name: string): (plan: Plan) => Plan {
  return (plan) => ({
    ...plan,
    secrets: plan.secrets.filter((s) => s.name !== name),
    files: plan.files.map((f) => ({ ...f, content: f.content.split('\n').filter((l) => !new RegExp(`^\\s*${name}\\s*=`).test(l)).join('\n') })),
  });
}

/** Every .ex/.exs file under a folder. */
function elixirFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.exs?$/.test(f)).map((f) => join(dir, f));
}

describe('the rehearsal script', () => {
  it('is valid, mix-format-clean Elixir, and scripts.ts holds rehearse.exs exactly', async () => {
    await validateElixir(rehearseExs, 'rehearse.exs');
    expect(rehearseExs).toBe(readFileSync(join(REPO, 'src', 'plan', 'rehearse', 'rehearse.exs'), 'utf8'));
  });

  it('the fixtures parse and are mix-format-clean', async () => {
    await validateElixirFiles(elixirFiles(FIXTURES).map((f) => ({ name: f.slice(FIXTURES.length + 1), code: readFileSync(f, 'utf8'), formatter: PHOENIX_FORMATTER })));
  });
});

describe('rehearse: the classes of boot failure', () => {
  it('a runtime.exs that raises for a missing DB_HOST: the target that provides it passes, one that does not fails with Elixir\'s message', async () => {
    const [fly, compose, broken] = await Promise.all([rehearseDir(fixture('ledger'), 'fly'), rehearseDir(fixture('ledger'), 'compose'), rehearseDir(fixture('ledger'), 'fly', withoutVar('DB_HOST'))]);
    expect(fly.status).toBe('passed');
    expect(fly.checks.map((c) => [c.id, c.status])).toEqual(['build-config', 'runtime-config', 'server', 'port', 'url-host', 'secret-key-base', 'repo'].map((id) => [id, 'pass']));
    expect(bootIssues(fly)).toEqual([]);
    expect(fly.env.runtime.map((v) => v.name)).toEqual(expect.arrayContaining(['DB_HOST', 'DB_PASSWORD', 'SECRET_KEY_BASE', 'FLY_APP_NAME']));
    expect(checkOf(fly, 'repo')?.message).toContain('Ledger.Repo connects by hostname');
    expect(compose.status).toBe('passed');
    expect(broken.status).toBe('failed');
    const raise = checkOf(broken, 'runtime-config');
    expect(raise?.status).toBe('fail');
    expect(raise?.message).toContain('RuntimeError: environment variable DB_HOST is missing.');
    expect(raise?.message).toContain('it needed DB_HOST');
    expect(raise?.evidence).toEqual({ file: 'config/runtime.exs', line: 9 });
  });

  it('a port read from an app-specific variable: the endpoint listens where the target routes, and not when only PORT is set', async () => {
    const [ok, portOnly] = await Promise.all([rehearseDir(fixture('beacon'), 'fly'), rehearseDir(fixture('beacon'), 'fly', withoutVar('BEACON_HTTP_PORT'))]);
    expect(ok.status).toBe('passed');
    expect(ok.routedPort).toBe(8080);
    expect(checkOf(ok, 'port')?.message).toBe('BeaconWeb.Endpoint listens on 8080, where the target routes');
    expect(checkOf(portOnly, 'port')).toMatchObject({ status: 'fail', message: 'BeaconWeb.Endpoint listens on 4000 but the target routes to 8080' });
  });

  it('a helper module in lib/: not compiled, the rehearsal names it and how to compile it; compiled into _build, it passes', async () => {
    const bare = await rehearseDir(fixture('relay'), 'fly');
    expect(bare.status).toBe('inconclusive');
    const unknown = checkOf(bare, 'runtime-config');
    expect(unknown?.status).toBe('unknown');
    expect(unknown?.message).toContain('calls Relay.Settings.integer/2, which is not compiled');
    expect(unknown?.fix).toContain('MIX_ENV=prod mix compile');
    const dir = makeProject({}, fixture('relay'));
    const ebin = join(dir, '_build', 'prod', 'lib', 'relay', 'ebin');
    execFileSync('elixirc', ['-o', ebin, join(dir, 'lib', 'relay', 'settings.ex')], { stdio: 'pipe' });
    const compiled = await rehearseDir(dir, 'fly');
    expect(compiled.ebin).toEqual(['_build/prod/lib/relay/ebin']);
    expect(compiled.status).toBe('passed');
    expect(checkOf(compiled, 'port')?.message).toContain('listens on 8080');
  });

  it('a dependency module the config imports (Dotenvy) without deps compiled: inconclusive, naming it, never a guess', async () => {
    const dir = makeProject({ 'config/runtime.exs': replace('import Config\n', 'import Config\nimport Dotenvy\n') }, fixture('ledger'));
    const r = await rehearseDir(dir, 'fly');
    expect(r.status).toBe('inconclusive');
    expect(checkOf(r, 'runtime-config')).toMatchObject({ status: 'unknown', message: expect.stringContaining('calls Dotenvy, which is not compiled') });
    expect(bootIssues(r).map((i) => i.severity)).toEqual(['warning']);
  });

  it('a secret read at build time by prod.exs is reported, with the file that reads it', async () => {
    const r = await rehearseDir(fixture('vault'), 'fly');
    expect(r.status).toBe('failed');
    const build = checkOf(r, 'build-secret');
    expect(build?.status).toBe('fail');
    expect(build?.message).toContain('SECRET_KEY_BASE is read at build time by config/prod.exs');
    expect(build?.evidence).toEqual({ file: 'config/prod.exs', line: 6 });
    expect(checkOf(r, 'secret-key-base')?.status).toBe('fail');
  });

  it('without elixir on PATH nothing runs and the result says so', async () => {
    const profile = await scan(fixture('ledger'));
    const { config } = await loadConfig(fixture('ledger'), profile);
    const preview = await previewPlan(fixture('ledger'), profile, config, 'fly', {});
    const r = await rehearse({ projectDir: fixture('ledger'), profile, config, target: 'fly', plan: preview.plan, elixir: null });
    expect(r.status).toBe('skipped');
    expect(r.skipped).toContain('elixir is not on PATH');
    expect(bootIssues(r)).toEqual([expect.objectContaining({ invariant: 'boot', severity: 'warning' })]);
  });
});

/** violations/<check>/ overlaid on ledger/: the check that must fail, and part of its message. */
const VIOLATIONS: [string, string][] = [
  ['build-config', 'System.EnvError: could not fetch environment variable "MAILER_API_KEY" because it is not set; it needed MAILER_API_KEY'],
  ['mix-at-runtime', 'calls Mix.env/0, but a release has no Mix'],
  ['server', 'does not start its web server'],
  ['url-host', "url host is example.com, not the deployment's host"],
  ['secret-key-base', 'has no secret_key_base'],
  ['repo', 'Ledger.Repo has no connection'],
];

describe('preflight invariant: never "every check passed" on a plan whose app cannot start', () => {
  it.each(VIOLATIONS)('violations/%s: the rehearsal fails that check and the preflight warns about the boot', async (check, words) => {
    const overlay = join(FIXTURES, 'violations', check);
    const edits = Object.fromEntries(elixirFiles(overlay).map((f) => [f.slice(overlay.length + 1), readFileSync(f, 'utf8')]));
    const dir = makeProject(edits, fixture('ledger'));
    const profile = await scan(dir);
    const { config } = await loadConfig(dir, profile);
    const preview = await previewPlan(dir, profile, config, 'fly', { rehearse: true });
    const boot = preview.preflight.filter((i) => i.invariant === 'boot');
    expect(boot.map((i) => i.message).join('\n')).toContain(words);
    expect(boot.map((i) => i.severity)).toContain('warning');
    expect(formatPreflightText(preview.preflight, colors(false)).join('\n')).not.toContain('every check passed');
  });
});

describe('rehearse and plan on the command line', () => {
  const withElixir = { unset: ['PHOENIX_OPS_NO_REHEARSE'] };

  it('rehearse: exit 0 and JSON when the boot passes, 1 when it fails, 2 when elixir is missing', async () => {
    const server = join(FIXTURES, 'violations', 'server', 'config', 'runtime.exs');
    const dir = makeProject({ 'config/runtime.exs': readFileSync(server, 'utf8') }, fixture('ledger'));
    const [ok, bad, none] = await Promise.all([
      runCliAsync(['rehearse', fixture('ledger'), '--target', 'fly', '--json'], withElixir),
      runCliAsync(['rehearse', dir, '--target', 'fly'], withElixir),
      runCliAsync(['rehearse', fixture('ledger'), '--target', 'fly'], { env: { PATH: '/nonexistent' } }),
    ]);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout) as Rehearsal;
    expect(json).toMatchObject({ target: 'fly', status: 'passed', routedPort: 8080 });
    // Names and sources only: no value of the environment is printed.
    expect(ok.stdout).not.toContain(PLACEHOLDER_KEY_BASE);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAIL [server] LedgerWeb.Endpoint does not start its web server');
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('elixir is not on PATH');
  });

  it('plan runs the rehearsal in the preflight (unless --no-rehearse); generate writes and warns that the app cannot start', async () => {
    const vault = makeProject({}, fixture('vault'));
    const [plan, skipped, generate] = await Promise.all([
      runCliAsync(['plan', vault, '--target', 'fly', '--no-diff'], withElixir),
      runCliAsync(['plan', vault, '--target', 'fly', '--no-diff', '--no-rehearse'], withElixir),
      runCliAsync(['generate', vault, '--target', 'fly', '--yes'], withElixir),
    ]);
    expect(plan.stdout).toMatch(/warning \[boot\] config\/prod\.exs: SECRET_KEY_BASE is read at build time/);
    expect(plan.stdout).not.toContain('every check passed');
    expect(skipped.stdout).not.toContain('[boot]');
    expect(generate.code).toBe(0);
    expect(generate.stdout + generate.stderr).toContain('[boot]');
    expect(existsSync(join(vault, 'fly.toml'))).toBe(true);
  });
});

describe('rehearsal pieces', () => {
  it('reads what env.sh.eex exports in the branch the platform takes', () => {
    const text = readFileSync(join(REPO, 'test', 'fixtures-rehearse', 'env.sh.eex.txt'), 'utf8');
    const fly = readEnvSh(text, new Map([['FLY_APP_NAME', 'ledger'], ['FLY_PRIVATE_IP', 'fdaa::2']]));
    expect(fly.get('ECTO_IPV6')).toBe('true');
    expect(fly.get('DNS_CLUSTER_QUERY')).toBe('ledger.internal');
    const k8s = readEnvSh(text, new Map([['POD_IP', '10.0.0.7']]));
    expect(k8s.get('RELEASE_NODE')).toBe('ledger@10.0.0.7');
    expect(k8s.has('ECTO_IPV6')).toBe(false);
    expect(k8s.get('RELEASE_DISTRIBUTION')).toBe('name');
  });

  it('gives placeholders the shape of what they stand for', () => {
    const ctx = { roles: new Map([['PG_URL', 'database-url' as const]]), database: 'postgres' as const, otpApp: 'ledger', port: 8080, host: null };
    expect(Buffer.byteLength(placeholderValue('SECRET_KEY_BASE', ctx))).toBe(64);
    expect(new URL(placeholderValue('PG_URL', ctx)).port).toBe('5432');
    expect(placeholderValue('DB_PORT', ctx)).toBe('5432');
    expect(placeholderValue('MYAPP_POOL_SIZE', ctx)).toBe('10');
  });

  it('is wanted unless --no-rehearse or PHOENIX_OPS_NO_REHEARSE', () => {
    expect(rehearsalWanted(undefined, {})).toBe(true);
    expect(rehearsalWanted(false, {})).toBe(false);
    expect(rehearsalWanted(true, { PHOENIX_OPS_NO_REHEARSE: '1' })).toBe(false);
  });
});
