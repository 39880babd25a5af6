import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/project.js';
import { runApply, StubWorld, targetProject } from './harness.js';
import { faultMatrix } from './matrix.js';

describe('fault matrix: cloudrun', { timeout: 600_000 }, () => {
  it('Cloud SQL and Memorystore (Terraform), secrets through stdin, migration job, service: every step', async () => {
    const p = await targetProject('cloudrun', 'version: 1\napp: hello-phoenix\ntargets: [cloudrun]\nregion: us-central1\ncloudrun: { project: acme-prod-123 }\n');
    const ids = p.plan.steps.map((s) => s.id);
    expect(ids).toContain('cloudrun-secret-hello-phoenix-secret-key-base');
    expect(ids).toContain('cloudrun-migrate-run');
    const { cells } = await faultMatrix({ project: p, inputs: { DATABASE_URL: 'ecto://app:pg-pass-7d1e2f3a@localhost/app?socket_dir=/cloudsql/x' } });
    expect(cells).toBe(p.plan.steps.length);
  });

  it('an app without a database: no job, no Cloud SQL; applies, then a second apply changes nothing', async () => {
    const p = await targetProject('cloudrun', 'version: 1\napp: api\ntargets: [cloudrun]\ncloudrun: { project: acme-prod-123 }\n', {}, fixture('api-no-ecto'));
    expect(p.plan.steps.map((s) => s.id)).not.toContain('cloudrun-migrate-job');
    const w = new StubWorld();
    const inputs = { WEBHOOK_SIGNING_SECRET: 'whsec_0a1b2c3d4e5f6a7b' };
    expect((await runApply(w, p, { env: inputs })).run.outcome).toBe('applied');
    const gcp = w.ledger().gcp as { secrets: Record<string, { versions: unknown[] }>; services: Record<string, unknown> };
    expect(Object.keys(gcp.secrets).sort()).toEqual(['acme-prod-123/api-redis-url', 'acme-prod-123/api-secret-key-base', 'acme-prod-123/api-webhook-signing-secret']);
    for (const s of Object.values(gcp.secrets)) expect(s.versions).toHaveLength(1);
    expect(Object.keys(gcp.services)).toHaveLength(1);
    expect((await runApply(w, p, { env: inputs })).run.outcome).toBe('unchanged');
  });
});
