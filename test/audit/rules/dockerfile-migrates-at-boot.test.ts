import { rule } from '../../../src/audit/rules/dockerfile-migrates-at-boot.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const CMD = 'CMD ["/app/bin/server"]';

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: CMD bin/server, migrations in fly release_command', base: DEPLOY },
    { name: 'a migration-only image (CMD bin/migrate, run as a job)', base: DEPLOY, edits: { Dockerfile: replace(CMD, 'CMD ["/app/bin/migrate"]') } },
    {
      name: 'SQLite app migrating on boot (single instance on a volume)',
      notApplicable: 'SQLite runs on a single instance: migrating at boot cannot race',
      base: fixture('sqlite'),
      edits: {
        Dockerfile: 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, release\n\nFROM debian:bookworm-20241016-slim\nWORKDIR /app\nCOPY --from=builder /app/_build/prod/rel/notes ./\nUSER nobody\nCMD ["/bin/sh", "-c", "/app/bin/migrate && /app/bin/server"]\n',
      },
    },
  ],
  invalid: [
    {
      name: 'exec-form sh -c: bin/migrate && bin/server',
      base: DEPLOY,
      edits: { Dockerfile: replace(CMD, 'CMD ["sh", "-c", "/app/bin/migrate && exec /app/bin/server"]') },
      expect: ['Dockerfile:77'],
      messageIncludes: ['`/app/bin/migrate`', 'race'],
    },
    {
      name: 'shell form with the release eval',
      base: DEPLOY,
      edits: { Dockerfile: replace(CMD, 'CMD /app/bin/beacon_app eval "BeaconApp.Release.migrate" && PHX_SERVER=true /app/bin/beacon_app start') },
      expect: ['Dockerfile:77'],
    },
    {
      name: 'ENTRYPOINT migrating before handing over to CMD',
      base: DEPLOY,
      edits: { Dockerfile: replace(CMD, 'ENTRYPOINT ["/bin/sh", "-c", "/app/bin/migrate && exec \\"$@\\"", "--"]\nCMD ["/app/bin/server"]') },
      expect: ['Dockerfile:77'],
    },
    {
      name: 'rel/overlays/bin/server edited to migrate first',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': { content: '#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\n./beacon_app eval BeaconApp.Release.migrate\nPHX_SERVER=true exec ./beacon_app start\n', mode: 0o755 } },
      expect: ['Dockerfile:77'],
      messageIncludes: ['through rel/overlays/bin/server:5'],
    },
    {
      name: 'mix ecto.migrate && mix phx.server',
      edits: { Dockerfile: 'FROM elixir:1.17\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, compile\nUSER nobody\nCMD mix ecto.migrate && mix phx.server\n' },
      expect: ['Dockerfile:7'],
      messageIncludes: ['`mix ecto.migrate`'],
    },
  ],
});
