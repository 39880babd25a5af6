import { commandText, imageLabel, runsMixTask, stageChain, withRunnerStage } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'dockerfile-single-stage',
  title: 'The image that runs also builds the release',
  category: 'docker',
  severity: 'medium',
  description:
    'When the release is compiled in the same stage that runs, the production image carries Elixir, Erlang build tools, Hex, the source code, deps and `_build`: several hundred MB more to pull on every deploy and scale-up, and a compiler and the sources for anyone who gets into the container.',
  fix: 'Split the Dockerfile: build with `mix release` in a `builder` stage (hexpm/elixir …-slim), then start a fresh `FROM debian:<release>-slim` stage that only installs the runtime libraries and `COPY --from=builder /app/_build/prod/rel/<app> ./` (the `mix phx.gen.release --docker` layout).',
  equivalents: [],
  requires: ['dockerfiles'],
  messages: {
    singleStage: '{{file}} has a single stage ({{image}}) that runs `{{command}}` (line {{buildLine}}): the running image ships the compiler, the sources, deps and build tools',
    buildsOnCompileStage:
      'the final stage of {{file}} (line {{stageLine}}) builds on the stage that compiles ({{chain}}) that runs `{{command}}` (line {{buildLine}}): the running image ships the compiler, the sources, deps and build tools',
  },
  check({ dockerfiles }) {
    const hits: Hit[] = [];
    for (const { dockerfile: d, stage: last, instructions } of withRunnerStage(dockerfiles)) {
      const chain = stageChain(d, last.index);
      // A build-only image (exported with --output, or used as a CI builder) has nothing to start.
      if (!instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) continue;
      const runs = instructions.filter((i) => i.keyword === 'RUN');
      const build = runs.find((i) => runsMixTask(i, /^release$/)) ?? runs.find((i) => runsMixTask(i, /^compile$/));
      if (!build) continue;
      const single = d.stages.length === 1;
      hits.push({
        messageId: single ? 'singleStage' : 'buildsOnCompileStage',
        data: single
          ? { file: d.file, image: imageLabel(d, last), command: commandText(build), buildLine: build.line }
          : { file: d.file, stageLine: last.line, chain: chain.map((s) => s.name ?? imageLabel(d, s)).join(' → '), command: commandText(build), buildLine: build.line },
        snippet: commandText(build),
        evidence: [{ file: d.file, line: build.line }],
      });
    }
    return hits;
  },
});
