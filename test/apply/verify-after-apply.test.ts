/**
 * apply ends with `verify` of the deployed app (issue 12): against a live local server that answers
 * like a Phoenix app, a healthy deploy passes; a release whose health path fails is a critical
 * finding: a first deploy fails the apply (there is no previous release), an update goes back to
 * the previous release (here `kubectl rollout undo`, recorded by the kubectl stub). An app that
 * cannot be reached yet is reported, not rolled back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyDeployment } from '../../src/cli/verify-after-apply.js';
import { startStub, type Stub } from '../helpers/phoenix-stub.js';
import { replan, runApply, StubWorld, targetProject } from './harness.js';

const YAML = 'version: 1\napp: hello-phoenix\ntargets: [k8s]\nk8s: { image: registry.example.test/acme/hello-phoenix:1.4.2 }\n';
const INPUTS = { DATABASE_URL: 'ecto://app:k8s-pass-9c8b7a6d@db.internal/app' };
const stubs: Stub[] = [];
afterEach(async () => {
  for (const s of stubs.splice(0)) await s.close();
});

async function app(opts: Parameters<typeof startStub>[0]): Promise<string> {
  const s = await startStub(opts);
  stubs.push(s);
  return `http://127.0.0.1:${s.port}/health`;
}

const check = verifyDeployment({ profile: null, config: null, timeoutMs: 3000 });

describe('apply ends with verify', { timeout: 300_000 }, () => {
  it('a healthy deploy passes; a broken update goes back to the previous release; a broken first deploy fails', async () => {
    const w = new StubWorld();
    const p = await targetProject('k8s', YAML);
    const good = await app({ httpsPort: 443, forceSsl: 'off', secureHeaders: true });
    const first = await runApply(w, p, { env: INPUTS, verify: check, url: good });
    expect(first.run.outcome).toBe('applied');
    expect(first.run.check).toMatchObject({ ok: true, rollback: false });
    expect(first.run.check!.message).toMatch(/^verify http:\/\/127\.0\.0\.1:\d+\/: score \d+, no critical finding/);

    // A new release (a new image tag, so a new pod template and rollout revision) whose health path answers 503.
    writeFileSync(join(p.dir, 'phoenix-ops.yaml'), YAML.replace(':1.4.2', ':1.4.3'));
    const p2 = await replan(p.dir, 'k8s');
    const broken = await app({ httpsPort: 443, forceSsl: 'off', secureHeaders: true, healthStatus: 503 });
    const second = await runApply(w, p2, { env: INPUTS, verify: check, url: broken });
    expect(second.run.check).toMatchObject({ ok: false, rollback: true });
    expect(second.run.check!.message).toContain('health-check-failing');
    expect(second.output).toContain('the previous release is back');
    expect(second.run.outcome).toBe('rolled-back');
    expect(w.calls().some((c) => c.tool === 'kubectl' && c.argv.join(' ').includes('rollout undo'))).toBe(true);

    // The same failure on a first deploy: nothing to go back to, the apply fails and says so.
    const w2 = new StubWorld();
    const fresh = await targetProject('k8s', YAML);
    const third = await runApply(w2, fresh, { env: INPUTS, verify: check, url: broken });
    expect(third.run.outcome).toBe('failed');
    expect(third.output).toContain('there is no previous release to go back to');
    expect(w2.calls().some((c) => c.argv.join(' ').includes('rollout undo'))).toBe(false);
  });

  it('an app that cannot be reached yet is reported, not rolled back', async () => {
    const w = new StubWorld();
    const p = await targetProject('k8s', YAML);
    const run = await runApply(w, p, { env: INPUTS, verify: check, url: 'http://127.0.0.1:9/health' });
    expect(run.run.outcome).toBe('applied');
    expect(run.run.check).toMatchObject({ ok: true, rollback: false });
    expect(run.run.check!.message).toMatch(/could not run .*refused/i);
  });
});
