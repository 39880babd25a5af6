/**
 * `apply` works with the files the project keeps (issue 20, item 3): `generate` renders the platform files for a
 * Dockerfile or rel/env.sh.eex of the project's own and leaves those alone; `apply` loads the plan the same way
 * (the CLI's loadTargetPlan) and builds with them, instead of refusing with "run generate --force".
 */
import { describe, expect, it } from 'vitest';
import { generatedFilesProblems } from '../../src/apply/preflight.js';
import { loadTargetPlan } from '../../src/cli/apply-shared.js';
import { loadProject } from '../../src/cli/context.js';
import { previewPlan } from '../../src/plan/preview.js';
import { applyWrites } from '../../src/plan/writer.js';
import type { TargetId } from '../../src/targets/types.js';
import { makeProject } from '../helpers/project.js';
import { runApply, StubWorld } from './harness.js';

const OWN_DOCKERFILE = `# The project's own release image
ARG ELIXIR=1.17.3
FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build
ENV MIX_ENV=prod
WORKDIR /app
RUN mix local.hex --force && mix local.rebar --force
COPY . .
RUN mix deps.get --only prod && mix release

FROM debian:bookworm-20241016-slim
RUN apt-get update -y && apt-get install -y --no-install-recommends libstdc++6 openssl libncurses6 locales ca-certificates && apt-get clean
WORKDIR /app
COPY --from=build /app/_build/prod/rel/hello_phoenix ./
ENV PORT=4000
EXPOSE 4000
USER nobody
CMD ["/app/bin/server"]
`;

const OWN_ENV_SH = '#!/bin/sh\n# The project\'s own release environment\nexport RELEASE_DISTRIBUTION=name\nexport RELEASE_NODE="<%= @release.name %>@127.0.0.1"\n';

/** What `generate --target T` does: the plan rendered for the kept files, the others written. */
async function generate(dir: string, target: TargetId): Promise<void> {
  const ctx = await loadProject(dir);
  const preview = await previewPlan(dir, ctx.profile, ctx.config, target);
  await applyWrites(dir, preview.writes, preview.plan.files, { target });
}

const COMPOSE_ENV = 'SECRET_KEY_BASE=compose-local-skb-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nPOSTGRES_PASSWORD=compose-local-pw-55aa\n';

describe('apply with the files the project keeps', { timeout: 120_000 }, () => {
  it('compose: builds with the project\'s own Dockerfile after generate, as generate said', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': 'version: 1\napp: hello-phoenix\ntargets: [compose]\n', Dockerfile: OWN_DOCKERFILE, 'compose.env': COMPOSE_ENV });
    await generate(dir, 'compose');
    const t = await loadTargetPlan(dir, 'compose');
    expect([...t.keptFiles]).toContain('Dockerfile');
    const w = new StubWorld();
    const out = await runApply(w, { dir, plan: t.plan, config: t.config, keptFiles: t.keptFiles });
    expect(out.run.outcome, out.output).toBe('applied');
    expect(out.output).toContain("Dockerfile: the project's own, kept (apply uses it)");
    expect(w.calls().some((c) => c.tool === 'docker' && c.argv.includes('build'))).toBe(true);
  });

  it('systemd: a kept rel/env.sh.eex and Dockerfile are no preflight problem once generate ran', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': 'version: 1\napp: hello-phoenix\ntargets: [systemd]\nsystemd: { host: deploy@app.example.test }\n', 'rel/env.sh.eex': OWN_ENV_SH });
    await generate(dir, 'systemd');
    const t = await loadTargetPlan(dir, 'systemd');
    expect([...t.keptFiles]).toContain('rel/env.sh.eex');
    const passed: string[] = [];
    expect(await generatedFilesProblems(dir, t.plan, t.keptFiles, passed)).toEqual([]);
    expect(passed).toContain("rel/env.sh.eex: the project's own, kept (apply uses it)");
  });
});
