import { describe, expect, it } from 'vitest';
import { runApply, StubWorld, targetProject } from './harness.js';
import { faultMatrix } from './matrix.js';

describe('fault matrix: aws', { timeout: 600_000 }, () => {
  it('Terraform (RDS, secrets), secrets on stdin, ECR login through a pipe, build, push, migration task, service update and wait: every step', async () => {
    const p = await targetProject('aws', 'version: 1\napp: hello-phoenix\ntargets: [aws]\naws: { region: us-east-1 }\n');
    const ids = p.plan.steps.map((s) => s.id);
    expect(ids).toContain('aws-secret-secret-key-base');
    expect(ids).toContain('aws-migrate');
    const { cells } = await faultMatrix({ project: p });
    expect(cells).toBe(p.plan.steps.length);
  });

  it('a failing migration stops the deploy before the service is updated', async () => {
    const p = await targetProject('aws', 'version: 1\napp: hello-phoenix\ntargets: [aws]\n');
    const w = new StubWorld();
    const out = await runApply(w, p, { env: { STUB_MIGRATE_EXIT: '1' }, keepOnFailure: true });
    expect(out.run.outcome).not.toBe('applied');
    expect(w.calls().some((c) => c.tool === 'aws' && c.argv.includes('update-service'))).toBe(false);
  });
});
