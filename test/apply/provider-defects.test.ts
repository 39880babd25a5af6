/**
 * The defects the real CLIs' sources showed (issue 20), each against stubs that behave like those CLIs:
 * flyctl's org resolution, Redis without the ProdPack prompt, detach rollbacks that leave DATABASE_URL, a Docker
 * engine that is down, Compose's JSON lines and --env-file, probes that could not ask, ssh without BatchMode,
 * and destroy with nothing applied.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusOf } from '../../src/apply/index.js';
import { PreflightError } from '../../src/apply/preflight.js';
import { probeSaysAbsent } from '../../src/apply/probe-answer.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/project.js';
import { writeFileSync } from 'node:fs';
import { replan, runApply, runDestroy, STUBS, StubWorld, targetProject } from './harness.js';

const FLY = 'version: 1\napp: hello-phoenix\ntargets: [fly]\n';
const SQLITE_REDIS = 'version: 1\napp: notes\ntargets: [fly]\nredis: { enabled: true }\n';
const COMPOSE_ENV = 'SECRET_KEY_BASE=4b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e\nPOSTGRES_PASSWORD=pg-9f8e7d6c5b4a\nPHX_HOST=localhost\n';

/** Runs a stub by hand, as a user would have before phoenix-ops ever ran. */
function stub(world: StubWorld, argv: string[], env: Record<string, string> = {}): void {
  const [tool, ...rest] = argv;
  const r = spawnSync(join(STUBS, tool ?? ''), rest, { env: world.env(env), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

const calls = (w: StubWorld, words: string) => w.calls().filter((c) => `${c.tool} ${c.argv.join(' ')}`.startsWith(words));

describe('fly: the org flyctl needs without a terminal', { timeout: 180_000 }, () => {
  it('several orgs and none chosen: preflight lists them and nothing runs', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    await expect(runApply(w, p, { env: { STUB_FLY_ORGS: 'acme:SHARED,personal:PERSONAL' } })).rejects.toThrow(/several Fly organizations \(acme, personal\).*fly\.org/);
    expect(calls(w, 'fly apps create')).toEqual([]);
  });

  it('one personal org: apply sets FLY_ORG for the run, so `mpg list` (no single-org shortcut) finds the cluster', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = await runApply(w, p);
    expect(r.run.error).toBeNull();
    expect(r.run.outcome).toBe('applied');
    expect(r.output).toContain('Fly organization personal (your only one)');
  });

  it('fly.org in phoenix-ops.yaml puts --org on every call that takes it', async () => {
    const p = await targetProject('fly', `${FLY}fly: { org: acme }\n`);
    const orgSteps = p.plan.steps.filter((s) => ['app-create', 'db-create'].includes(s.id));
    for (const s of orgSteps) expect(s.command.join(' '), s.id).toContain('--org acme');
    expect(p.plan.steps.find((s) => s.id === 'db-create')?.probe?.command.join(' ')).toBe('fly mpg list --org acme --json');
    const w = new StubWorld();
    const r = await runApply(w, p, { env: { STUB_FLY_ORGS: 'acme:SHARED,personal:PERSONAL' } });
    expect(r.run.outcome).toBe('applied');
  });
});

describe('fly: commands that prompt or change nothing', { timeout: 180_000 }, () => {
  it('redis create answers the ProdPack question and leaves --plan out for pay-as-you-go', async () => {
    const p = await targetProject('fly', SQLITE_REDIS, {}, fixture('sqlite'));
    const argv = p.plan.steps.find((s) => s.id === 'redis-create')?.command ?? [];
    expect(argv).toContain('--enable-prodpack=false');
    expect(argv).not.toContain('--plan');
    const w = new StubWorld();
    expect((await runApply(w, p)).run.outcome).toBe('applied');
  });

  it('the rollback of the database attach unsets DATABASE_URL (mpg detach leaves it, postgres detach prompts)', async () => {
    for (const yaml of [FLY, `${FLY}database: { mode: self }\n`]) {
      const p = await targetProject('fly', yaml);
      expect(p.plan.steps.find((s) => s.id === 'db-attach')?.rollback?.slice(0, 4)).toEqual(['fly', 'secrets', 'unset', 'DATABASE_URL']);
      const w = new StubWorld();
      stub(w, ['fly', 'apps', 'create', 'hello-phoenix', '--json']);
      const failed = await runApply(w, p, { env: { STUB_FAIL_ARGV: 'fly deploy' } });
      expect(failed.run.outcome).toBe('rolled-back');
      expect(failed.run.rollbackFailures).toEqual([]);
      const fly = w.ledger().fly as { apps: Record<string, { secrets: Record<string, unknown> }> };
      expect(Object.keys(fly.apps['hello-phoenix']?.secrets ?? { missing: 1 })).toEqual([]);
    }
  });

  it('a probe that could not ask (flyctl failed for another reason than "not found") stops the step: nothing is created', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = await runApply(w, p, { env: { STUB_FAIL_ARGV: 'fly status' } });
    expect(r.run.failedStep).toBe('app-create');
    expect(r.run.error).toMatch(/could not tell whether app-create exists/);
    expect(calls(w, 'fly apps create')).toEqual([]);
  });
});

describe('probes: "not found" against "could not ask", per CLI', () => {
  it.each([
    [['ssh', '-o', 'BatchMode=yes', 'h', 'test', '-L', '/opt/x/current'], 1, '', true],
    [['ssh', '-o', 'BatchMode=yes', 'h', 'test', '-L', '/opt/x/current'], 255, 'ssh: connect to host h port 22: Connection timed out', false],
    [['docker', 'volume', 'inspect', 'v', '--format', 'json'], 1, 'Error response from daemon: get v: no such volume', true],
    [['docker', 'volume', 'inspect', 'v', '--format', 'json'], 1, 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', false],
    [['kubectl', 'get', 'namespace', 'n', '--output', 'json'], 1, 'Error from server (NotFound): namespaces "n" not found', true],
    [['kubectl', 'get', 'namespace', 'n', '--output', 'json'], 1, 'Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout', false],
    [['gcloud', 'run', 'services', 'describe', 's'], 1, 'ERROR: (gcloud.run.services.describe) Cannot find service [s]', true],
    [['gcloud', 'run', 'services', 'describe', 's'], 1, 'ERROR: (gcloud.run.services.describe) There was a problem refreshing your current auth tokens', false],
    [['fly', 'status', '--app', 'a', '--json'], 1, 'Error: failed to get app: Could not find App "a"', true],
    [['fly', 'status', '--app', 'a', '--json'], 1, 'Error: failed to get app: Post "https://api.fly.io/graphql": dial tcp: lookup api.fly.io: no such host', false],
    [['terraform', '-chdir=d', 'show', '-json'], 1, 'Error: Failed to load state', false],
  ] as const)('%j exit %i: absent = %s', (argv, code, stderr, absent) => {
    expect(probeSaysAbsent(argv, code, stderr)).toBe(absent);
  });
});

describe('docker and compose', { timeout: 180_000 }, () => {
  it('an engine that is down is named as such, not as a missing or unreadable docker', async () => {
    const p = await targetProject('compose', 'version: 1\napp: hello-phoenix\ntargets: [compose]\n', { 'compose.env': COMPOSE_ENV });
    const w = new StubWorld();
    const err = await runApply(w, p, { env: { STUB_DOCKER_DOWN: '1' } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PreflightError);
    const problems = err instanceof PreflightError ? err.problems : [];
    expect(problems.join('\n')).toMatch(/the Docker engine answers: no .*Cannot connect to the Docker daemon/);
    expect(problems.join('\n')).not.toMatch(/not installed|could not read the version of docker/);
  });

  it('a docker older than 23.0.5 (no JSON from `docker version --format json`) is refused with the minimum', async () => {
    const p = await targetProject('compose', 'version: 1\napp: hello-phoenix\ntargets: [compose]\n', { 'compose.env': COMPOSE_ENV });
    const w = new StubWorld();
    await expect(runApply(w, p, { env: { STUB_DOCKER_VERSION: '23.0.4' } })).rejects.toThrow(/docker 23\.0\.4 is older than 23\.0\.5/);
  });

  it('status passes --env-file (compose.yaml requires values with ${X:?}) and reads one JSON object per line', async () => {
    const p = await targetProject('compose', 'version: 1\napp: hello-phoenix\ntargets: [compose]\n', { 'compose.env': COMPOSE_ENV });
    const w = new StubWorld();
    expect((await runApply(w, p)).run.outcome).toBe('applied');
    const report = await statusOf({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env(), healthUrl: null });
    expect(report.live.length).toBeGreaterThan(1);
    expect(report.live.filter((c) => !c.ok)).toEqual([]);
    const ps = calls(w, 'docker compose').filter((c) => c.argv.includes('ps'));
    for (const c of ps) expect(c.argv).toContain('--env-file');
  });
});

describe('kubernetes: a failed rollout goes back to the revision that ran before', { timeout: 180_000 }, () => {
  it('undo uses --to-revision, recorded before the apply (rollout restart made a revision of its own)', async () => {
    const yaml = (tag: string) => `version: 1\napp: hello-phoenix\ntargets: [k8s]\nk8s: { image: registry.example.test/acme/hello-phoenix:${tag} }\n`;
    const p = await targetProject('k8s', yaml('1.4.2'));
    const w = new StubWorld();
    const env = { DATABASE_URL: 'ecto://app:k8s-pass-9c8b7a6d@db.internal/app' };
    expect((await runApply(w, p, { env })).run.outcome).toBe('applied');
    type Deployments = { k8s: { objects: Record<string, { kind: string; template?: string; revision?: number }> } };
    const web = () => Object.values((w.ledger() as Deployments).k8s.objects).find((o) => o.kind === 'Deployment');
    const before = web()?.template;
    expect(before).toBeDefined();
    writeFileSync(join(p.dir, 'phoenix-ops.yaml'), yaml('1.5.0'));
    const next = await replan(p.dir, 'k8s');
    const failed = await runApply(w, next, { env: { ...env, STUB_FAIL_ARGV: 'kubectl --namespace hello-phoenix rollout status' } });
    expect(failed.run.outcome).toBe('rolled-back');
    expect(failed.run.rollbackFailures).toEqual([]);
    const undo = w.calls().find((c) => c.argv.includes('undo'));
    expect(undo?.argv.some((a) => /^--to-revision=[1-9]/.test(a))).toBe(true);
    expect(web()?.template).toBe(before);
  });
});

describe('cloud run: Cloud SQL deletion protection', { timeout: 180_000 }, () => {
  it('status asks the region the steps deployed to, not a Fly region left in phoenix-ops.yaml', async () => {
    const p = await targetProject('cloudrun', 'version: 1\napp: hello-phoenix\ntargets: [cloudrun]\nregion: iad\ncloudrun: { project: acme-prod-123 }\n');
    const deployed = p.plan.steps.find((s) => s.id === 'cloudrun-deploy')?.command ?? [];
    expect(deployed.join(' ')).toContain('--region us-central1');
    const w = new StubWorld();
    const env = { DATABASE_URL: 'ecto://app:cr-pass-9c8b7a6d@10.0.0.5/app' };
    expect((await runApply(w, p, { env })).run.outcome).toBe('applied');
    const report = await statusOf({ projectDir: p.dir, plan: p.plan, config: p.config, app: p.config.app, env: w.env(env), healthUrl: null });
    expect(report.live).toEqual([expect.objectContaining({ ok: true })]);
  });

  it('preflight checks the credentials Terraform uses (ADC) and a gcloud with `run jobs` (424.0.0)', async () => {
    const p = await targetProject('cloudrun', 'version: 1\napp: hello-phoenix\ntargets: [cloudrun]\nregion: us-central1\ncloudrun: { project: acme-prod-123 }\n');
    const w = new StubWorld();
    await expect(runApply(w, p, { env: { STUB_NO_ADC: '1' } })).rejects.toThrow(/Application Default Credentials for Terraform: no .*application-default login/);
    await expect(runApply(w, p, { env: { STUB_GCLOUD_VERSION: '423.0.0' } })).rejects.toThrow(/gcloud 423\.0\.0 is older than 424\.0\.0/);
    expect(calls(w, 'terraform -chdir')).toEqual([]);
  });

  it('destroy --include-data turns the protection off first, then destroys everything (the provider refuses otherwise)', async () => {
    const p = await targetProject('cloudrun', 'version: 1\napp: hello-phoenix\ntargets: [cloudrun]\nregion: us-central1\ncloudrun: { project: acme-prod-123 }\n');
    const w = new StubWorld();
    const env = { DATABASE_URL: 'ecto://app:cr-pass-9c8b7a6d@10.0.0.5/app' };
    expect((await runApply(w, p, { env })).run.outcome).toBe('applied');
    const gone = await runDestroy(w, p, { includeData: true, env });
    expect(gone.result.error).toBeNull();
    expect(gone.result.outcome).toBe('destroyed');
    expect(gone.output).toContain('destroy --include-data turns that off first');
    expect((w.ledger() as { terraform: { states: Record<string, unknown> } }).terraform.states).toEqual({});
    const tf = w.calls().filter((c) => c.tool === 'terraform').map((c) => c.argv.slice(1).join(' '));
    const off = tf.findIndex((a) => a.includes('db_deletion_protection=false'));
    expect(off).toBeGreaterThan(-1);
    expect(tf.findIndex((a, i) => i > off && a.startsWith('destroy'))).toBeGreaterThan(off);
  });
});

describe('ssh and destroy', { timeout: 120_000 }, () => {
  it('every ssh and scp step runs with BatchMode (no askpass window, no host-key question)', async () => {
    const p = await targetProject('systemd', 'version: 1\napp: hello-phoenix\ntargets: [systemd]\nsystemd: { host: deploy@app.example.test }\n');
    const argvs = p.plan.steps.flatMap((s) => [s.command, s.probe?.command, s.rollback, s.undo, s.destroy]).filter((a): a is string[] => !!a);
    const remote = argvs.filter((a) => a[0] === 'ssh' || a[0] === 'scp');
    expect(remote.length).toBeGreaterThan(5);
    for (const a of remote) expect(a.slice(0, 4).join(' '), a.join(' ').slice(0, 60)).toMatch(/-o BatchMode=yes/);
  });

  it('destroy with nothing applied exits 0 and says there is nothing to destroy', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    const r = runCli(['destroy', p.dir], { env: w.env() as Record<string, string> });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing to destroy');
    // The scan reads release scripts' modes with a local `git ls-files` (the stubs' git answers it): no provider call.
    expect(w.calls().filter((c) => !(c.tool === 'git' && c.argv.includes('ls-files')))).toEqual([]);
  });
});
