import { describe, expect, it } from 'vitest';
import { targetProject } from './harness.js';
import { faultMatrix } from './matrix.js';

const COMPOSE_ENV = 'SECRET_KEY_BASE=compose-local-skb-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nPOSTGRES_PASSWORD=compose-local-pw-55aa\n';

describe('fault matrix: compose', { timeout: 600_000 }, () => {
  it('volume, image, services: every step', async () => {
    const p = await targetProject('compose', 'version: 1\napp: hello-phoenix\ntargets: [compose]\n', { 'compose.env': COMPOSE_ENV });
    expect(p.plan.steps.map((s) => s.id)).toEqual(['compose-volume-db-data', 'compose-build', 'compose-up']);
    await faultMatrix({ project: p });
  });
});
