/**
 * apply, destroy and status beyond the fault matrix: what existed before is never removed, data is kept
 * unless asked, timeouts, locks, preflight problems (one line each), the post-apply hook, and Ctrl-C.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTarget, envSecretInput, Interrupt, statusOf, type ApplyEvent } from '../../src/apply/index.js';
import { silentReporter } from '../../src/apply/events.js';
import { fixture } from '../helpers/project.js';
import { runApply, runDestroy, stateText, StubWorld, targetProject } from './harness.js';
import { spawnSync } from 'node:child_process';
import { STUBS } from './harness.js';

const FLY = 'version: 1\napp: hello-phoenix\ntargets: [fly]\n';
const SQLITE = 'version: 1\napp: notes\ntargets: [fly]\n';

/** Runs a stub by hand, as a user would have before phoenix-ops ever ran. */
function stub(world: StubWorld, argv: string[], stdin = ''): void {
  const r = spawnSync(join(STUBS, argv[0]!), argv.slice(1), { env: world.env(), input: stdin, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

describe('apply', { timeout: 120_000 }, () => {
  it('never removes what existed before the run: a pre-existing app survives a rollback and destroy', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    stub(w, ['fly', 'apps', 'create', 'hello-phoenix', '--json']);
    const before = w.ledger();
    const failed = await runApply(w, p, { env: { STUB_FAIL_ARGV: 'fly deploy' } });
    expect(failed.run.outcome).toBe('rolled-back');
    expect(failed.events.find((e) => e.type === 'step-finished' && e.step === 'app-create')).toMatchObject({ status: 'pre-existing' });
    expect(w.ledger()).toEqual(before);
    expect(w.calls().some((c) => c.argv.join(' ') === 'apps destroy hello-phoenix --yes')).toBe(false);

    const ok = await runApply(w, p);
    expect(ok.run.outcome).toBe('applied');
    const state = JSON.parse(stateText(p)) as { steps: { id: string; origin: string }[] };
    expect(state.steps.find((s) => s.id === 'app-create')!.origin).toBe('pre-existing');
    const gone = await runDestroy(w, p, { includeData: true });
    expect(gone.result.outcome).toBe('destroyed');
    const fly = w.ledger().fly as { apps: Record<string, unknown>; mpg: Record<string, unknown> };
    expect(Object.keys(fly.apps)).toEqual(['hello-phoenix']);
    expect(fly.mpg).toEqual({});
  });

  it('destroy keeps the SQLite volume — and the app that would take it along — unless --include-data', async () => {
    const p = await targetProject('fly', SQLITE, {}, fixture('sqlite'));
    const w = new StubWorld();
    expect((await runApply(w, p)).run.outcome).toBe('applied');
    const kept = await runDestroy(w, p);
    expect(kept.result.outcome).toBe('partial');
    expect(kept.result.kept.map((k) => k.id).sort()).toEqual(['app-create', 'volume-create']);
    expect(kept.output).toContain('holds data');
    const fly = () => w.ledger().fly as { apps: Record<string, { volumes: Record<string, unknown>; secrets: Record<string, unknown> }> };
    expect(Object.keys(fly().apps.notes!.volumes)).toHaveLength(1);
    expect(fly().apps.notes!.secrets.SECRET_KEY_BASE).toBeUndefined();
    // apply again: the kept volume is found, not made twice.
    const again = await runApply(w, p);
    expect(again.run.outcome).toBe('applied');
    expect(Object.keys(fly().apps.notes!.volumes)).toHaveLength(1);
    const all = await runDestroy(w, p, { includeData: true });
    expect(all.result.outcome).toBe('destroyed');
    expect(fly().apps).toEqual({});
  });

  it('a step that runs past its timeout fails, and this run is rolled back', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = await runApply(w, p, { timeoutSeconds: 1, env: { STUB_SLOW_ARGV: '3000 fly deploy' } });
    expect(r.run.outcome).toBe('rolled-back');
    expect(r.run.error).toContain('timed out');
    expect((w.ledger().fly as { apps: object }).apps).toEqual({});
  });

  it('a secret only the user knows is refused when missing or empty, with the variable to set', async () => {
    const p = await targetProject('fly', `${FLY}secrets: [MAILER_API_KEY]\n`);
    const w = new StubWorld();
    const missing = await runApply(w, p, { env: { MAILER_API_KEY: undefined } });
    expect(missing.run.outcome).toBe('rolled-back');
    expect(missing.run.failedStep).toBe('secrets-input');
    expect(missing.run.error).toContain('export MAILER_API_KEY=');
    const empty = await applyTarget({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env(), reporter: silentReporter, input: { ask: async () => '   ' } });
    expect(empty.error).toContain('empty');
  });

  it('preflight: each problem is one line saying what to run, and nothing runs', async () => {
    const p = await targetProject('fly', FLY);
    writeFileSync(join(p.dir, 'fly.toml'), `${readFileSync(join(p.dir, 'fly.toml'), 'utf8')}# my edit\n`);
    const w = new StubWorld();
    const events: ApplyEvent[] = [];
    const err = await applyTarget({
      projectDir: p.dir,
      plan: p.plan,
      config: p.config,
      app: p.config.app,
      env: w.env({ STUB_LOGGED_OUT: '1' }),
      reporter: { event: (e) => events.push(e) },
      input: envSecretInput({}),
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('PreflightError');
    const problems = events.filter((e) => e.type === 'preflight' && !e.ok).map((e) => (e as { message: string }).message);
    expect(problems).toEqual([expect.stringContaining('fly auth login'), expect.stringContaining('fly.toml was edited since generate: run phoenix-ops generate --target fly --force')]);
    for (const line of problems) expect(line).not.toContain('\n');
    expect(w.calls().filter((c) => c.write)).toEqual([]);
    expect(existsSync(join(p.dir, '.phoenix-ops', 'state', 'fly.json'))).toBe(false);
  });

  it('a missing CLI is named with how to install it', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const events: ApplyEvent[] = [];
    const err = await applyTarget({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: { ...w.env(), PATH: '/nonexistent' }, reporter: { event: (e) => events.push(e) }, input: envSecretInput({}) }).catch((e: Error) => e);
    expect((err as Error).message).toContain('fly is not installed');
    expect((err as Error).message).toContain('fly.io/install.sh');
  });

  it('a CLI that fails to report its version (the 1st call fails: STUB_FAIL_AT=1) stops apply in preflight', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const err = await runApply(w, p, { env: { STUB_FAIL_AT: '1' } }).catch((e: Error) => e);
    expect((err as Error).name).toBe('PreflightError');
    expect((err as Error).message).toBe('preflight: could not read the version of fly (fly version --json failed): install flyctl (curl -L https://fly.io/install.sh | sh) or upgrade it with: fly version upgrade');
    // No login check with a CLI that does not work.
    expect(w.calls().map((c) => [c.n, c.code])).toEqual([[1, 1]]);
  });

  it('a lock held by a running apply stops a second one; a stale lock is reported with --force-unlock', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const lock = join(p.dir, '.phoenix-ops', 'state', 'fly.lock');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(p.dir, '.phoenix-ops', 'state'), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z', command: 'apply' }));
    const held = await runApply(w, p).catch((e: Error) => e);
    expect((held as Error).message).toMatch(/another apply holds .*fly\.lock \(pid \d+ on .* since 2026-01-01T00:00:00Z\)/);
    // A pid that cannot be running: stale.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), startedAt: '2026-01-01T00:00:00Z', command: 'destroy' }));
    const stale = await runApply(w, p).catch((e: Error) => e);
    expect((stale as Error).name).toBe('LockError');
    expect((stale as Error).message).toContain('stale lock');
    expect((stale as Error).message).toContain('--force-unlock');
    const forced = await applyTarget({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env(), reporter: silentReporter, input: envSecretInput({}), forceUnlock: true });
    expect(forced.outcome).toBe('applied');
    expect(existsSync(lock)).toBe(false);
  });

  it('the state file never holds a secret and records outputs parsed from JSON', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    await runApply(w, p);
    const state = JSON.parse(stateText(p)) as { steps: { id: string; outputs: Record<string, string> }[] };
    const fly = w.ledger().fly as { mpg: Record<string, { id: string }> };
    expect(state.steps.find((s) => s.id === 'db-create')!.outputs).toEqual({ 'cluster-id': Object.values(fly.mpg)[0]!.id });
    for (const v of w.secretValues()) expect(stateText(p)).not.toContain(v);
    const attach = w.calls().find((c) => c.argv[0] === 'mpg' && c.argv[1] === 'attach')!;
    expect(attach.argv[2]).toBe(Object.values(fly.mpg)[0]!.id);
    const imports = w.calls().filter((c) => c.argv[0] === 'secrets' && c.argv[1] === 'import');
    expect(imports).toHaveLength(1);
    expect(imports[0]!.stdinBytes).toBeGreaterThan(120);
  });

  it('runs the post-apply hooks after a successful apply (where verify plugs in), not after an unchanged one', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const seen: (string | null)[] = [];
    const hook = async (c: { healthUrl: string | null }) => {
      seen.push(c.healthUrl);
      return { ok: false, message: 'health check failed' };
    };
    const run = () => applyTarget({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env(), reporter: silentReporter, input: envSecretInput({}), postApply: [hook] });
    const first = await run();
    expect(first.checks).toEqual([{ ok: false, message: 'health check failed' }]);
    expect(seen).toEqual(['https://hello-phoenix.fly.dev/health']);
    await run();
    expect(seen).toHaveLength(1);
  });

  it('Ctrl-C lets the running step finish, saves the state, and --resume continues from the next step', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const interrupt = new Interrupt();
    const events: ApplyEvent[] = [];
    const env = w.env({ STUB_SLOW_ARGV: '1500 fly mpg create' });
    const pending = applyTarget({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env, reporter: { event: (e) => events.push(e) }, input: envSecretInput({}), interrupt });
    for (let i = 0; i < 100 && !events.some((e) => e.type === 'step-started' && e.step === 'db-create'); i++) await new Promise((r) => setTimeout(r, 50));
    interrupt.request();
    const r = await pending;
    expect(r.outcome).toBe('interrupted');
    expect(r.state?.steps.find((s) => s.id === 'db-create')?.status).toBe('done');
    expect(r.state?.stoppedAt).toBe('db-attach');
    const resumed = await runApply(w, p, { resume: true });
    expect(resumed.events.filter((e) => e.type === 'step-started').map((e) => (e as { step: string }).step)[0]).toBe('db-attach');
    expect(resumed.run.outcome).toBe('applied');
  });

  it('a second Ctrl-C stops the running step and undoes it', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const interrupt = new Interrupt();
    const events: ApplyEvent[] = [];
    const env = w.env({ STUB_SLOW_ARGV: '20000 fly apps create' });
    const pending = applyTarget({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env, reporter: { event: (e) => events.push(e) }, input: envSecretInput({}), interrupt });
    for (let i = 0; i < 100 && !events.some((e) => e.type === 'step-started'); i++) await new Promise((r) => setTimeout(r, 50));
    // Give the probe time to finish so the slow `fly apps create` itself is running, then press Ctrl-C twice.
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    interrupt.request();
    interrupt.request();
    const r = await pending;
    expect(Date.now() - t0, 'the running command was stopped, not waited for').toBeLessThan(10_000);
    expect(r.outcome).toBe('interrupted');
    expect(r.state?.status).toBe('interrupted');
    expect(events.some((e) => e.type === 'interrupted')).toBe(true);
    expect((w.ledger().fly as { apps?: object } | undefined)?.apps ?? {}).toEqual({});
  });
});

describe('status', { timeout: 60_000 }, () => {
  it('checks the state live against the provider and the health URL', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const none = await statusOf({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env() });
    expect(none.state).toBeNull();
    await runApply(w, p);
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/health`;
    try {
      const up = await statusOf({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env(), healthUrl: url });
      expect(up.live).toEqual([
        { name: 'Fly app hello-phoenix', ok: true, detail: 'deployed, release v1' },
        { name: 'machines', ok: true, detail: '2 of 2 started' },
      ]);
      expect(up.health).toEqual({ url, ok: true, detail: 'HTTP 200' });
      expect(up.ok).toBe(true);
      // The app is gone behind phoenix-ops' back: status says so.
      spawnSync(join(STUBS, 'fly'), ['apps', 'destroy', 'hello-phoenix', '--yes'], { env: w.env() });
      const down = await statusOf({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env(), healthUrl: url.replace('/health', '/nope') });
      expect(down.ok).toBe(false);
      expect(down.live[0]!.detail).toContain('Could not find App');
      expect(down.health!.ok).toBe(false);
    } finally {
      server.close();
    }
  });
});
