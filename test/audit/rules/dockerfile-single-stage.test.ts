import { rule } from '../../../src/audit/rules/dockerfile-single-stage.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');

const SINGLE = `FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim
RUN apt-get update -y && apt-get install -y build-essential git
WORKDIR /app
ENV MIX_ENV=prod
COPY . .
RUN mix deps.get --only prod
RUN MIX_ENV=prod mix do compile, assets.deploy, release
USER nobody
CMD ["/app/_build/prod/rel/hello_phoenix/bin/server"]
`;

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: builder + fresh Debian runner', base: DEPLOY },
    { name: 'no Dockerfile', notApplicable: 'no production Dockerfile' },
    {
      name: 'single stage used only to build a release tarball (no CMD)',
      edits: { Dockerfile: SINGLE.replace(/USER nobody\nCMD .*\n/, '') },
    },
    {
      name: 'single-stage runner that only copies a release built in CI',
      edits: {
        Dockerfile: 'FROM debian:bookworm-20241016-slim\nRUN apt-get update -y && apt-get install -y libstdc++6 openssl libncurses6 locales\nWORKDIR /app\nCOPY _build/prod/rel/hello_phoenix ./\nUSER nobody\nCMD ["/app/bin/server"]\n',
      },
    },
  ],
  invalid: [
    {
      name: 'one stage compiles and runs the release',
      edits: { Dockerfile: SINGLE },
      expect: ['Dockerfile:7'],
      messageIncludes: ['single stage (hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim)', 'mix do compile, assets.deploy, release'],
    },
    {
      name: 'final stage built FROM the builder stage',
      base: DEPLOY,
      edits: { Dockerfile: replace('FROM ${RUNNER_IMAGE}\n', 'FROM builder AS app\n') },
      expect: ['Dockerfile:53'],
      messageIncludes: ['builds on the stage that compiles (builder → app)'],
    },
    {
      name: 'one stage builds the release and starts it through ENTRYPOINT (no CMD)',
      edits: { Dockerfile: SINGLE.replace('CMD ["/app/_build/prod/rel/hello_phoenix/bin/server"]', 'ENTRYPOINT ["/app/_build/prod/rel/hello_phoenix/bin/hello_phoenix", "start"]') },
      expect: ['Dockerfile:7'],
    },
    {
      name: 'deps compiled in their own layer, then mix compile: the finding points at mix compile',
      edits: { Dockerfile: 'FROM elixir:1.17\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY mix.exs mix.lock ./\nRUN mix do deps.get --only prod, deps.compile\nCOPY . .\nRUN mix compile\nCMD ["mix", "phx.server"]\n' },
      expect: ['Dockerfile:7'],
      messageIncludes: ['runs `mix compile` (line 7)'],
    },
    {
      name: 'single stage that starts with mix phx.server after mix compile',
      edits: { Dockerfile: 'FROM elixir:1.17\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get && mix compile\nCMD mix phx.server\n' },
      expect: ['Dockerfile:5'],
    },
  ],
});
