import { describe, expect, it } from 'vitest';
import { runApply, StubWorld, targetProject } from './harness.js';
import { faultMatrix } from './matrix.js';

describe('fault matrix: k8s', { timeout: 600_000 }, () => {
  it('image, config, Secret from stdin, migration Job, web rollout: every step', async () => {
    const p = await targetProject('k8s', 'version: 1\napp: hello-phoenix\ntargets: [k8s]\nk8s: { image: registry.example.test/acme/hello-phoenix:1.4.2 }\n');
    const ids = p.plan.steps.map((s) => s.id);
    expect(ids).toContain('k8s-secret');
    expect(ids).toContain('k8s-migrate-wait');
    const { cells } = await faultMatrix({ project: p, inputs: { DATABASE_URL: 'ecto://app:k8s-pass-9c8b7a6d@db.internal/app' } });
    expect(cells).toBe(p.plan.steps.length);
  });

  it('a migration Job that fails stops the apply at the wait, shows the Job log and starts no new pod', async () => {
    const p = await targetProject('k8s', 'version: 1\napp: hello-phoenix\ntargets: [k8s]\nk8s: { image: registry.example.test/acme/hello-phoenix:1.4.2 }\n');
    const w = new StubWorld();
    const out = await runApply(w, p, { env: { DATABASE_URL: 'ecto://app:k8s-pass-9c8b7a6d@db.internal/app', STUB_JOB_FAILS: '1' } });
    expect(out.run.outcome).toBe('rolled-back');
    const failed = out.events.find((e) => e.type === 'step-failed');
    expect(failed).toMatchObject({ step: 'k8s-migrate-wait' });
    expect(out.output).toContain('duplicate_table');
    const argv = w.calls().map((c) => c.argv.join(' '));
    expect(argv.some((a) => a.startsWith('apply --kustomize') && a.includes('component=web'))).toBe(false);
    expect(argv.some((a) => a.includes('logs job/'))).toBe(true);
  });
});
