import { rule } from '../../../src/audit/rules/dockerfile-migrates-at-build.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: migrations through fly release_command, none in the Dockerfile', base: DEPLOY },
    {
      name: 'migrate script only written (echo) at build time, not run',
      base: DEPLOY,
      edits: { Dockerfile: replace('RUN mix release', 'RUN mix release && echo "bin/beacon_app eval BeaconApp.Release.migrate" > /app/migrate.sh') },
    },
    { name: 'mix assets.setup is not mix setup', base: DEPLOY, edits: { Dockerfile: replace('RUN mix assets.setup', 'RUN mix do deps.get, assets.setup') } },
    {
      name: 'app without a database',
      notApplicable: 'the app has no database',
      base: fixture('api-no-ecto'),
      edits: { Dockerfile: 'FROM hexpm/elixir:1.17.2-erlang-27.0.1-debian-bookworm-20240722-slim\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, release\nUSER nobody\nCMD ["/app/_build/prod/rel/relay/bin/relay", "start"]\n' },
    },
  ],
  invalid: [
    {
      name: 'mix ecto.migrate before the release',
      base: DEPLOY,
      edits: { Dockerfile: replace('RUN mix release', 'RUN mix ecto.migrate && mix release') },
      expect: ['Dockerfile:53'],
      messageIncludes: ['`mix ecto.migrate`', 'no database'],
    },
    {
      name: 'mix setup alias (→ ecto.setup)',
      base: DEPLOY,
      edits: { Dockerfile: replace('RUN mix deps.compile', 'RUN mix deps.compile && mix setup') },
      expect: ['Dockerfile:34'],
      messageIncludes: ['`mix setup (→ ecto.setup)`'],
    },
    {
      name: 'release eval of the migrate function after mix release',
      base: DEPLOY,
      edits: { Dockerfile: replace('RUN mix release', 'RUN mix release\nRUN _build/prod/rel/beacon_app/bin/beacon_app eval "BeaconApp.Release.migrate"') },
      expect: ['Dockerfile:54'],
    },
    {
      name: 'bin/migrate in the runner stage, SQLite app',
      base: fixture('sqlite'),
      edits: {
        Dockerfile: 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, release\n\nFROM debian:bookworm-20241016-slim\nWORKDIR /app\nCOPY --from=builder /app/_build/prod/rel/notes ./\nRUN /app/bin/migrate\nUSER nobody\nCMD ["/app/bin/server"]\n',
      },
      expect: ['Dockerfile:10'],
      messageIncludes: ['`/app/bin/migrate`', 'SQLite'],
    },
  ],
});
