import { rule } from '../../../src/audit/rules/dockerfile-runtime-config-early.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const COMPILE_TIME_COPY = 'COPY config/config.exs config/${MIX_ENV}.exs config/';

/** The monorepo's API (backend/) built from the repository root; `copyConfig` is the COPY before `mix deps.compile` (line 6). */
const ROOT_CONTEXT = (copyConfig: string) => `FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
WORKDIR /app
ENV MIX_ENV=prod
COPY backend/mix.exs backend/mix.lock ./
RUN mix deps.get --only prod
${copyConfig}
RUN mix deps.compile
COPY backend/lib lib
COPY backend/priv priv
RUN mix compile
RUN mix release

FROM debian:bookworm-20241016-slim
WORKDIR /app
COPY --from=builder /app/_build/prod/rel/tracker ./
USER nobody
CMD ["/app/bin/tracker", "start"]
`;

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: compile-time config first, runtime.exs after compile (phx.gen.release)', base: DEPLOY },
    {
      name: 'COPY . . wholesale is not judged by this rule',
      edits: { Dockerfile: 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, compile, release\n\nFROM debian:bookworm-20241016-slim\nCOPY --from=builder /app/_build/prod/rel/hello_phoenix ./\nUSER nobody\nCMD ["/app/bin/server"]\n' },
    },
    {
      name: 'whole config folder copied, but the app has no runtime.exs',
      notApplicable: 'the app has no config/runtime.exs',
      base: DEPLOY,
      edits: { 'config/runtime.exs': null, Dockerfile: (t: string) => replace(COMPILE_TIME_COPY, 'COPY config config')(t).replace('COPY config/runtime.exs config/\n', '') },
    },
    {
      name: 'whole config folder copied after compiling',
      base: DEPLOY,
      edits: { Dockerfile: replace('COPY config/runtime.exs config/', 'COPY config config') },
    },
  ],
  invalid: [
    {
      name: 'whole config folder copied before deps.compile',
      base: DEPLOY,
      edits: { Dockerfile: replace(COMPILE_TIME_COPY, 'COPY config config') },
      expect: ['Dockerfile:33'],
      messageIncludes: ['copies the whole config folder', 'mix deps.compile', 'phx.gen.release'],
    },
    {
      name: 'explicit runtime.exs copy before mix compile',
      base: DEPLOY,
      edits: { Dockerfile: (t: string) => replace('COPY lib lib', 'COPY lib lib\nCOPY config/runtime.exs config/')(t).replace('# changes to runtime.exs do not trigger a recompile\nCOPY config/runtime.exs config/\n', '') },
      expect: ['Dockerfile:41'],
      messageIncludes: ['copies config/runtime.exs before `mix compile` (line 43)'],
    },
    {
      name: 'config/*.exs copied before deps.compile (the glob takes runtime.exs too)',
      base: DEPLOY,
      edits: { Dockerfile: replace(COMPILE_TIME_COPY, 'COPY config/*.exs config/') },
      expect: ['Dockerfile:33'],
      messageIncludes: ['(`COPY config/*.exs config/` copies the whole config folder)'],
    },
    {
      name: 'a Node assets stage first; the Elixir builder copies config/* before deps.compile',
      base: DEPLOY,
      edits: {
        Dockerfile: (t: string) =>
          replace('FROM ${BUILDER_IMAGE} AS builder\n', 'FROM node:20-bookworm-slim AS assets\nWORKDIR /app/assets\nCOPY assets/package.json assets/package-lock.json ./\nRUN npm ci\n\nFROM ${BUILDER_IMAGE} AS builder\n')(replace(COMPILE_TIME_COPY, 'COPY config/* config/')(t)),
      },
      expect: ['Dockerfile:38'],
      messageIncludes: ['`COPY config/* config/`'],
    },
    {
      name: 'monorepo built from the repository root: backend/config copied before deps.compile',
      base: fixture('subfolder'),
      edits: { Dockerfile: ROOT_CONTEXT('COPY backend/config config') },
      expect: ['Dockerfile:6'],
      messageIncludes: ['(`COPY backend/config config` copies the whole config folder) before `mix deps.compile` (line 7)'],
    },
    {
      name: 'monorepo built from the repository root: backend/config/runtime.exs copied with the compile-time config',
      base: fixture('subfolder'),
      edits: { Dockerfile: ROOT_CONTEXT('COPY backend/config/config.exs backend/config/prod.exs backend/config/runtime.exs config/') },
      expect: ['Dockerfile:6'],
      messageIncludes: ['copies config/runtime.exs before `mix deps.compile` (line 7)'],
    },
    {
      name: 'Phoenix 1.5 app copying config/ (with releases.exs) before compiling',
      base: fixture('phx15-webpack'),
      edits: {
        Dockerfile: 'FROM hexpm/elixir:1.11.4-erlang-23.3.4-debian-buster-20210326-slim AS build\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY mix.exs mix.lock ./\nCOPY ./config/ ./config/\nRUN mix do deps.get, deps.compile\nCOPY lib lib\nRUN mix do compile, release\n\nFROM debian:buster-slim\nCOPY --from=build /app/_build/prod/rel/legacy_shop ./\nUSER nobody\nCMD ["bin/legacy_shop", "start"]\n',
      },
      expect: ['Dockerfile:5'],
      messageIncludes: ['config/releases.exs'],
    },
  ],
});
