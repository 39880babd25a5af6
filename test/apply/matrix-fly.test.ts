import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/project.js';
import { targetProject } from './harness.js';
import { faultMatrix } from './matrix.js';

describe('fault matrix: fly', { timeout: 600_000 }, () => {
  it('managed Postgres app (example): every step', async () => {
    const p = await targetProject('fly', 'version: 1\napp: hello-phoenix\ntargets: [fly]\n');
    expect(p.plan.steps.map((s) => s.id)).toEqual(['app-create', 'db-create', 'db-attach', 'secrets-generated', 'deploy']);
    const { cells } = await faultMatrix({ project: p });
    expect(cells).toBe(5);
  });

  it('SQLite on a volume, Redis, a Tigris bucket and a secret only the user knows: every step', async () => {
    const p = await targetProject('fly', 'version: 1\napp: notes\ntargets: [fly]\nredis: { enabled: true }\nstorage: { enabled: true }\nsecrets: [MAILER_API_KEY]\n', {}, fixture('sqlite'));
    const ids = p.plan.steps.map((s) => s.id);
    for (const id of ['volume-create', 'redis-create', 'redis-secret', 'storage-create', 'secrets-input']) expect(ids).toContain(id);
    await faultMatrix({ project: p, inputs: { MAILER_API_KEY: 'mk_live_4f9a8b7c6d5e' } });
  });
});
