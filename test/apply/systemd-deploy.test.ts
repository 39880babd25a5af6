/**
 * systemd, for real: a real Mix release of a tiny app (test/apply/fixtures/tiny-release, no Hex deps), built
 * by the generated deploy.sh, copied with the real scp and deployed with the real ssh to a throw-away sshd on
 * 127.0.0.1, where deploy.sh runs unchanged and only `systemctl` is a stub that starts and stops the release.
 * A release whose health check fails is rolled back to the previous one by deploy.sh itself; a failure at
 * any step leaves the server as it was.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusOf } from '../../src/apply/index.js';
import { makeProject, REPO } from '../helpers/project.js';
import { replan, runApply, runDestroy, STUBS, StubWorld, stateText, type TargetProject } from './harness.js';
import { freePort, SSH_HOST, startTestServer, type TestServer } from './sshd.js';

const FIXTURE = join(REPO, 'test', 'apply', 'fixtures', 'tiny-release');
const SERVER_EX = 'server/server.ex';
let app = '';
let server: TestServer;
let port: number;
let installDir: string;
let world: StubWorld;

const servers: TestServer[] = [];

/** A new app (its own name, port and install folder) on its own fresh server. */
async function newApp(name: string): Promise<string> {
  app = `${name}-${process.pid}`;
  port = await freePort();
  server = await startTestServer(app, { APP_USER: 'root', HEALTH_TIMEOUT: '8' });
  servers.push(server);
  installDir = join(server.dir, 'opt', app);
  return yaml();
}

function yaml(): string {
  return [
    'version: 1',
    `app: ${app}`,
    'targets: [systemd]',
    `port: ${port}`,
    'health: { path: /health }',
    'systemd:',
    `  host: ${SSH_HOST}`,
    `  installDir: ${installDir}`,
    '',
  ].join('\n');
}

/** The local side: the real ssh/scp behind the recording wrappers, with the test's client config. */
function env(extra: Record<string, string> = {}) {
  return { PATH: `${join(STUBS, 'ssh')}:${process.env.PATH}`, PHOENIX_TEST_SSH_CONFIG: server.clientConfig, ...extra };
}

async function health(): Promise<string> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) });
    return `${r.status} ${await r.text()}`;
  } catch {
    return 'down';
  }
}

/** What the server holds: files under the install, env and unit folders, the stage folder, and the running unit. */
function serverState(): Record<string, unknown> {
  const walk = (root: string): string[] => {
    if (!existsSync(root)) return [];
    const out: string[] = [];
    const visit = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory() && !e.isSymbolicLink()) visit(p);
        else out.push(relative(root, p) + (e.isSymbolicLink() ? ` -> ${relative(root, readlinkSync(p))}` : ''));
      }
    };
    visit(root);
    // Release folders are timestamps: keep their count and layout, not their names.
    return out.map((f) => f.replace(/\d{14}/g, 'RELEASE')).sort();
  };
  const releases = existsSync(join(installDir, 'releases')) ? readdirSync(join(installDir, 'releases')).length : 0;
  const installFiles = walk(installDir).filter((f) => !f.startsWith('releases/RELEASE/')).concat(`releases: ${releases}`);
  return {
    install: installFiles,
    env: walk(join(server.envFile, '..')),
    units: walk(server.unitDir),
    enabled: walk(join(server.systemdState, 'enabled')),
    stage: walk(`/tmp/${app}-deploy`),
    running: existsSync(join(server.systemdState, `${app}.service.pid`)),
  };
}

/** The first words of a command that tell its step apart (the remote script of systemd-secrets is left out). */
/** The step's first words (ssh's `-o BatchMode=yes` included), enough to tell `sudo bash -c` from `sudo bash deploy.sh`. */
function failWordsOf(argv: string[]): string {
  return argv
    .slice(0, 8)
    .filter((w) => !/\s/.test(w))
    .join(' ');
}

function setHealth(p: TargetProject, status: string, body: string) {
  const file = join(p.dir, SERVER_EX);
  const text = readFileSync(file, 'utf8');
  const next = text.replace(/@health \{"[^"]*", "[^"]*"\}/, `@health {"${status}", "${body}"}`);
  expect(next).not.toBe(text);
  writeFileSync(file, next);
}

function killLeftovers() {
  // The release (and the epmd it started) belong to this test: found by the unique install folder, killed by pid.
  for (const pidFile of existsSync(server.systemdState) ? readdirSync(server.systemdState).filter((f) => f.endsWith('.pid')) : []) {
    const pid = Number(readFileSync(join(server.systemdState, pidFile), 'utf8'));
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(installDir)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* gone or not ours */
    }
  }
}

beforeAll(() => {
  world = new StubWorld();
});

afterAll(async () => {
  for (const s of servers) {
    server = s;
    installDir = join(s.dir, 'opt');
    killLeftovers();
    await s.stop();
  }
});

describe('systemd target against a real sshd', { timeout: 600_000 }, () => {
  let p: TargetProject;

  it('deploys a real release, keeps a broken one from replacing it, then upgrades and destroys', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': await newApp('tiny') }, FIXTURE);
    p = await replan(dir, 'systemd');
    expect(p.plan.steps.map((s) => s.id)).toEqual(['systemd-build', 'systemd-stage-dir', 'systemd-upload', 'systemd-setup', 'systemd-secrets', 'systemd-deploy']);

    // 1. First deploy: the release needs SECRET_KEY_BASE at boot, which apply generates and sends over ssh stdin.
    const first = await runApply(world, p, { env: env() });
    expect(first.run.outcome, first.output).toBe('applied');
    expect(await health()).toBe('200 ok v1');
    expect(readlinkSync(join(installDir, 'current'))).toMatch(/releases\/\d{14}$/);
    const envText = readFileSync(server.envFile, 'utf8');
    const skb = /^SECRET_KEY_BASE=(.+)$/m.exec(envText)?.[1] ?? '';
    expect(skb.length).toBeGreaterThanOrEqual(86);
    for (const text of [world.calledArgv(), stateText(p), first.output]) expect(text.includes(skb)).toBe(false);
    const v1 = readlinkSync(join(installDir, 'current'));

    // status: systemctl is-active and the health URL, both asked over ssh.
    const st = await statusOf({ projectDir: p.dir, plan: p.plan, config: p.config, app, env: world.env(env()), healthUrl: `http://127.0.0.1:${port}/health` });
    expect(st.live.map((l) => l.ok)).toEqual([true, true]);
    expect(st.health?.ok).toBe(true);
    expect(st.ok).toBe(true);

    // 2. Nothing changed: nothing runs (no build, no ssh write).
    const writes = world.calls().filter((c) => c.write).length;
    const again = await runApply(world, p, { env: env() });
    expect(again.run.outcome).toBe('unchanged');
    expect(world.calls().filter((c) => c.write).map((c) => c.argv.slice(0, 6).join(' ')).slice(writes)).toEqual([]);

    // 3. A broken release (health answers 500): deploy.sh switches back to v1 and the step fails.
    await new Promise((r) => setTimeout(r, 1100)); // release folders are named by the second
    setHealth(p, '500 Internal Server Error', 'broken v2');
    const broken = await runApply(world, p, { env: env() });
    expect(broken.run.outcome, broken.output).toBe('rolled-back');
    expect(broken.run.failedStep).toBe('systemd-deploy');
    expect(broken.output).toContain('did not answer');
    expect(readlinkSync(join(installDir, 'current'))).toBe(v1);
    expect(await health()).toBe('200 ok v1');
    // The old env file (and its secret) is untouched by the failed run.
    expect(readFileSync(server.envFile, 'utf8')).toBe(envText);

    // 4. Fixed: v2 goes live; the secret is kept, not regenerated.
    await new Promise((r) => setTimeout(r, 1100));
    setHealth(p, '200 OK', 'ok v2');
    const fixed = await runApply(world, p, { env: env() });
    expect(fixed.run.outcome, fixed.output).toBe('applied');
    expect(await health()).toBe('200 ok v2');
    expect(readlinkSync(join(installDir, 'current'))).not.toBe(v1);
    expect(/^SECRET_KEY_BASE=(.+)$/m.exec(readFileSync(server.envFile, 'utf8'))?.[1]).toBe(skb);

    // 5. destroy: the service stops, the releases go.
    const gone = await runDestroy(world, p, { env: env() });
    expect(gone.result.outcome, gone.output).toBe('destroyed');
    expect(await health()).toBe('down');
    expect(existsSync(join(installDir, 'current'))).toBe(false);
    expect(serverState().running).toBe(false);
    // The env file (it holds the secrets) stays; the stage folder goes.
    expect(existsSync(server.envFile)).toBe(true);
    expect(serverState().stage).toEqual([]);
  });

  it('a failure at any step leaves the server as it was (fault matrix)', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': await newApp('faults') }, FIXTURE);
    const q = await replan(dir, 'systemd');
    const steps = q.plan.steps;
    const fresh = serverState();
    for (let n = 0; n < steps.length; n++) {
      const step = steps[n]!;
      const w = new StubWorld();
      // The build fails for real (a syntax error); the ssh and scp steps fail in the recording wrapper.
      const breakBuild = n === 0;
      const serverEx = join(dir, SERVER_EX);
      const good = readFileSync(serverEx, 'utf8');
      if (breakBuild) writeFileSync(serverEx, `${good}\ndefmodule Broken do\n  def oops(, do: :x\nend\n`);
      const words = failWordsOf(step.command);
      const failed = await runApply(w, q, { env: env(breakBuild ? {} : { STUB_FAIL_ARGV: words }) });
      expect(failed.run.outcome, `step ${step.id}\n${failed.output}`).toBe('rolled-back');
      expect(failed.run.failedStep).toBe(step.id);
      expect(serverState(), `server after a failure at ${step.id}`).toEqual(fresh);
      if (breakBuild) writeFileSync(serverEx, good);
    }
    // Fixed: a full apply goes through, and --resume after a kept failure finishes it.
    const w = new StubWorld();
    const kept = await runApply(w, q, { keepOnFailure: true, env: env({ STUB_FAIL_ARGV: failWordsOf(steps[5]!.command) }) });
    expect(kept.run.outcome).toBe('failed');
    const resumed = await runApply(w, q, { resume: true, env: env() });
    expect(resumed.run.outcome, resumed.output).toBe('applied');
    expect(resumed.events.filter((e) => e.type === 'step-started').map((e) => (e as { step: string }).step)).toEqual(['systemd-deploy']);
    expect(await health()).toBe('200 ok v1');
    const gone = await runDestroy(w, q, { env: env() });
    expect(gone.result.outcome).toBe('destroyed');
  });
});
