/** apply, status, destroy and plan as a user runs them: the built CLI, the recorder stubs on PATH, CI=true. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync, spawnCli } from '../helpers/cli.js';
import { startStub } from '../helpers/phoenix-stub.js';
import { StubWorld, targetProject } from './harness.js';

const FLY = 'version: 1\napp: hello-phoenix\ntargets: [fly]\n';

function cliEnv(w: StubWorld, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(w.env(extra) as Record<string, string>) };
}

describe('apply, status, destroy on the command line', { timeout: 120_000 }, () => {
  it('apply ends with verify of the deployed app (--url, a live local server); --url must be a URL', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const app = await startStub({ httpsPort: 443, forceSsl: 'off', secureHeaders: true });
    try {
      // Not spawnSync: the server answering verify lives in this process.
      const r = await runCliAsync(['apply', p.dir, '--yes', '--json', '--url', `http://127.0.0.1:${app.port}/health`], { env: cliEnv(w) });
      expect(r.code, r.stderr).toBe(0);
      const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; ok?: boolean; message?: string });
      const verified = events.find((e) => e.type === 'verified');
      expect(verified).toMatchObject({ ok: true });
      expect(verified!.message).toMatch(/^verify http:\/\/127\.0\.0\.1:\d+\/: score \d+, no critical finding/);
      expect(app.seen.some((s) => s.url === '/health' && s.userAgent.startsWith('phoenix-ops/'))).toBe(true);
    } finally {
      await app.close();
    }
    const bad = runCli(['apply', p.dir, '--yes', '--url', 'ftp://example.test']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'phoenix-ops: --url must be an http:// or https:// URL, got "ftp://example.test"']);
  });

  it('in CI, apply without --yes is a one-line usage error and runs nothing', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = runCli(['apply', p.dir], { env: cliEnv(w) });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['phoenix-ops: apply changes real resources and there is no terminal to ask on: rerun with --yes']);
    expect(w.calls()).toEqual([]);
  });

  it('apply --yes --json: one JSON event per line; status and destroy follow', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = runCli(['apply', p.dir, '--yes', '--no-verify', '--json'], { env: cliEnv(w) });
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; step?: string; status?: string });
    expect(events.filter((e) => e.type === 'step-finished').map((e) => e.step)).toEqual(['app-create', 'db-create', 'db-attach', 'secrets-generated', 'deploy']);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'applied' });
    for (const v of w.secretValues()) expect(r.stdout + r.stderr).not.toContain(v);

    const again = runCli(['apply', p.dir, '--yes', '--no-verify'], { env: cliEnv(w) });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('fly is up to date; nothing changed');

    const st = runCli(['status', p.dir, '--json', '--url', 'http://127.0.0.1:9/health'], { env: cliEnv(w) });
    expect(st.code).toBe(1);
    const report = JSON.parse(st.stdout) as { live: { ok: boolean }[]; health: { ok: boolean } };
    expect(report.live.every((l) => l.ok)).toBe(true);
    expect(report.health.ok).toBe(false);

    const text = runCli(['status', p.dir, '--url', 'http://127.0.0.1:9/health'], { env: cliEnv(w) });
    expect(text.stdout).toContain('✓ Fly app hello-phoenix: deployed, release v1');
    expect(text.stdout).toContain('✗ health http://127.0.0.1:9/health');

    const noYes = runCli(['destroy', p.dir], { env: cliEnv(w) });
    expect(noYes.code).toBe(2);
    const d = runCli(['destroy', p.dir, '--yes'], { env: cliEnv(w) });
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(d.stdout).toContain('kept db-create');
    expect(Object.keys((w.ledger().fly as { apps: object }).apps)).toEqual([]);
  });

  it('a failed step exits 1 and shows the CLI\'s own stderr; the run is rolled back', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = runCli(['apply', p.dir, '--yes', '--no-verify'], { env: cliEnv(w, { STUB_FAIL_ARGV: 'fly deploy' }) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ [5/5] build the image');
    expect(r.stdout).toContain('| Error: injected failure');
    expect(r.stdout).toContain('rolling back 4 steps of this run');
    expect(r.stdout).toContain("step deploy failed; this run's changes were rolled back");
  });

  it('preflight problems: one line each on stderr, exit 2', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = runCli(['apply', p.dir, '--yes', '--no-verify'], { env: cliEnv(w, { STUB_LOGGED_OUT: '1' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ logged in to Fly.io: no — run: fly auth login (in CI, set FLY_API_TOKEN)');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('phoenix-ops: preflight: logged in to Fly.io: no — run: fly auth login (in CI, set FLY_API_TOKEN)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('targets that only generate files are refused by apply', async () => {
    const p = await targetProject('fly', FLY);
    const r = runCli(['apply', p.dir, '--target', 'docker', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('phoenix-ops: apply does not run the docker target (it only generates files); choose one of: fly, cloudrun, k8s, systemd, compose, aws, gigalixir');
  });

  it('Ctrl-C (SIGINT) lets the step finish, saves the state and exits 130; --resume completes', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const child = spawnCli(['apply', p.dir, '--yes', '--no-verify', '--json'], { env: cliEnv(w, { STUB_SLOW_ARGV: '2000 fly mpg create' }) });
    child.stdin.end('');
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('"step":"db-create"') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    const state = JSON.parse(readFileSync(join(p.dir, '.phoenix-ops', 'state', 'fly.json'), 'utf8')) as { status: string; steps: { id: string; status: string }[] };
    expect(state.status).toBe('interrupted');
    expect(state.steps.find((s) => s.id === 'db-create')!.status).toBe('done');
    const resumed = runCli(['apply', p.dir, '--yes', '--no-verify', '--resume'], { env: cliEnv(w) });
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(resumed.stdout).toContain('(resuming)');
  });

  it('plan explains placeholders in words and never prints the tokens', async () => {
    for (const [target, yaml] of [
      ['fly', FLY],
      ['k8s', 'version: 1\napp: hello-phoenix\ntargets: [k8s]\n'],
      ['cloudrun', 'version: 1\napp: hello-phoenix\ntargets: [cloudrun]\n'],
    ] as const) {
      const p = await targetProject(target, yaml);
      const r = runCli(['plan', p.dir, '--no-diff']);
      expect(r.code).toBe(0);
      expect(r.stdout, target).not.toContain('{{');
      expect(r.stdout, target).toContain('<a 64-byte random value generated at apply time>');
    }
    const fly = await targetProject('fly', FLY);
    const r = runCli(['plan', fly.dir, '--no-diff']);
    expect(r.stdout).toContain('fly mpg attach <the cluster-id printed by step db-create> --app hello-phoenix');
    expect(r.stdout).toContain('on stdin, never on the command line: SECRET_KEY_BASE: <a 64-byte random value generated at apply time>; RELEASE_COOKIE: <a 32-byte random cookie generated at apply time>');
  });
});
