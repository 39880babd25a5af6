import { describe, expect, it } from 'vitest';
import { runApply, stateText, StubWorld, targetProject } from './harness.js';
import { faultMatrix } from './matrix.js';

describe('fault matrix: gigalixir', { timeout: 600_000 }, () => {
  it('standard Postgres app (example): every step', async () => {
    const p = await targetProject('gigalixir', 'version: 1\napp: hello-phoenix\ntargets: [gigalixir]\n');
    expect(p.plan.steps.map((s) => s.id)).toEqual(['app-create', 'db-create', 'env-phx_host', 'env-phx_server', 'secret-secret_key_base', 'deploy', 'migrate']);
    // Secrets travel on stdin only: no step's argv holds a placeholder of a secret.
    for (const s of p.plan.steps) expect(s.command.join(' '), s.id).not.toMatch(/\{\{(generate|input|output):/);
    const { cells } = await faultMatrix({ project: p });
    expect(cells).toBe(7);
  });

  it('free-tier Postgres and a secret only the user knows: applied, the value only on stdin', async () => {
    const p = await targetProject('gigalixir', 'version: 1\napp: notes\ntargets: [gigalixir]\ndatabase: { plan: free }\nsecrets: [MAILER_API_KEY]\n');
    const db = p.plan.steps.find((s) => s.id === 'db-create');
    expect(db?.command).toContain('--free');
    expect(p.plan.steps.map((s) => s.id)).toContain('secret-mailer_api_key');
    // One clean run (the matrix above covers failure at every step): the value reaches the fake API from stdin only.
    const w = new StubWorld();
    const done = await runApply(w, p, { env: { MAILER_API_KEY: 'mk_live_4f9a8b7c6d5e' } });
    expect(done.run.outcome, done.output).toBe('applied');
    expect(w.secretValues()).toContain('mk_live_4f9a8b7c6d5e');
    for (const text of [w.calledArgv(), stateText(p), done.output]) expect(text).not.toContain('mk_live_4f9a8b7c6d5e');
  });
});
