/**
 * Removing the Tigris bucket unsets the secrets `fly storage create` set (issue 20): `fly storage destroy` deletes
 * only the add-on (flyctl internal/command/extensions/tigris/destroy.go:40-79), so AWS_* and BUCKET_NAME would stay
 * on the app, pointing at a bucket that is gone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replan, runApply, StubWorld, targetProject } from './harness.js';

const FLY = 'version: 1\napp: hello-phoenix\ntargets: [fly]\n';

describe('fly storage', { timeout: 120_000 }, () => {
  it('a rolled-back bucket takes the secrets storage create set with it; the app keeps its others', async () => {
    const p = await targetProject('fly', FLY);
    const w = new StubWorld();
    expect((await runApply(w, p)).run.outcome).toBe('applied');
    writeFileSync(join(p.dir, 'phoenix-ops.yaml'), `${FLY}storage: { enabled: true }\n`);
    const q = await replan(p.dir, 'fly');
    expect(q.plan.steps.map((s) => s.id)).toContain('storage-create');
    const out = await runApply(w, q, { env: { STUB_FAIL_ARGV: 'fly deploy' } });
    expect(out.run.outcome, out.output).toBe('rolled-back');
    type Fly = { apps: Record<string, { secrets: Record<string, unknown> }>; buckets: Record<string, unknown> };
    const fly = w.ledger().fly as Fly;
    expect(Object.keys(fly.buckets)).toEqual([]);
    const names = Object.keys(fly.apps['hello-phoenix']?.secrets ?? {});
    expect(names).toContain('SECRET_KEY_BASE');
    for (const n of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'BUCKET_NAME']) expect(names).not.toContain(n);
  });
});
