import { commandText, finalStageInstructions, imageLabel, phoenixDockerfiles, runsMixTask, stageChain } from '../dockerfile.js';
import { notApplicable, type Rule, type RuleHit } from '../types.js';

export const rule = {
  id: 'dockerfile-single-stage',
  title: 'The image that runs also builds the release',
  category: 'docker',
  severity: 'medium',
  description:
    'When the release is compiled in the same stage that runs, the production image carries Elixir, Erlang build tools, Hex, the source code, deps and `_build`: several hundred MB more to pull on every deploy and scale-up, and a compiler and the sources for anyone who gets into the container.',
  fix: 'Split the Dockerfile: build with `mix release` in a `builder` stage (hexpm/elixir …-slim), then start a fresh `FROM debian:<release>-slim` stage that only installs the runtime libraries and `COPY --from=builder /app/_build/prod/rel/<app> ./` (the `mix phx.gen.release --docker` layout).',
  equivalents: [],
  check(profile) {
    const dockerfiles = phoenixDockerfiles(profile);
    if (dockerfiles.length === 0) return notApplicable('no production Dockerfile');
    const hits: RuleHit[] = [];
    for (const d of dockerfiles) {
      const final = finalStageInstructions(d);
      if (!final) continue;
      const { last, instructions } = final;
      const chain = stageChain(d, last.index);
      // A build-only image (exported with --output, or used as a CI builder) has nothing to start.
      if (!instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) continue;
      const runs = instructions.filter((i) => i.keyword === 'RUN');
      const build = runs.find((i) => runsMixTask(i, /^release$/)) ?? runs.find((i) => runsMixTask(i, /^compile$/));
      if (!build) continue;
      const how =
        d.stages.length === 1
          ? `${d.file} has a single stage (${imageLabel(d, last)})`
          : `the final stage of ${d.file} (line ${last.line}) builds on the stage that compiles (${chain.map((s) => s.name ?? imageLabel(d, s)).join(' → ')})`;
      hits.push({
        message: `${how} that runs \`${commandText(build)}\` (line ${build.line}): the running image ships the compiler, the sources, deps and build tools`,
        evidence: [{ file: d.file, line: build.line }],
      });
    }
    return hits;
  },
} as const satisfies Rule;
