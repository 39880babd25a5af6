import { rule } from '../../../src/audit/rules/dockerfile-migrates-at-boot.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const CMD = 'CMD ["/app/bin/server"]';

/** rel/overlays/bin/start: migrate, then start the release (the overlay the Dockerfile's CMD runs). */
const MIGRATE_THEN_START = (app: string, mod: string) => ({
  content: `#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\n./${app} eval ${mod}.Release.migrate\nPHX_SERVER=true exec ./${app} start\n`,
  mode: 0o755,
});

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
    {
      name: 'the last CMD wins: an earlier migrate-and-start CMD is overridden by CMD bin/server',
      base: DEPLOY,
      edits: { Dockerfile: replace(CMD, 'CMD ["sh", "-c", "/app/bin/migrate && exec /app/bin/server"]\n\n# Migrations run as the fly release_command now.\nCMD ["/app/bin/server"]') },
    },
    {
      name: 'a one-off job image whose CMD runs a setup script that migrates and seeds (never starts the server)',
      base: DEPLOY,
      edits: {
        Dockerfile: replace(CMD, 'CMD ["/app/bin/setup"]'),
        'rel/overlays/bin/setup': { content: '#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\n./beacon_app eval BeaconApp.Release.migrate\n./beacon_app eval BeaconApp.Release.seed\n', mode: 0o755 },
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
      name: 'ENTRYPOINT sh -c migrating, then exec "$0" "$@" hands over to CMD',
      base: DEPLOY,
      edits: { Dockerfile: replace(CMD, 'ENTRYPOINT ["sh", "-c", "/app/bin/migrate && exec \\"$0\\" \\"$@\\""]\nCMD ["/app/bin/server"]') },
      expect: ['Dockerfile:77'],
      messageIncludes: ['ENTRYPOINT runs `/app/bin/migrate`'],
    },
    {
      name: 'CMD runs a relative bin/start (WORKDIR /app) whose overlay migrates first',
      base: DEPLOY,
      edits: { Dockerfile: replace(CMD, 'CMD ["bin/start"]'), 'rel/overlays/bin/start': MIGRATE_THEN_START('beacon_app', 'BeaconApp') },
      expect: ['Dockerfile:77'],
      messageIncludes: ['through rel/overlays/bin/start:5'],
    },
    {
      name: 'monorepo: backend/Dockerfile runs the backend/rel/overlays/bin/start overlay that migrates first',
      base: fixture('subfolder'),
      edits: {
        'backend/Dockerfile':
          'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get --only prod, compile, release\n\nFROM debian:bookworm-20241016-slim\nWORKDIR /app\nCOPY --from=builder /app/_build/prod/rel/tracker ./\nUSER nobody\nCMD ["/app/bin/start"]\n',
        'backend/rel/overlays/bin/start': MIGRATE_THEN_START('tracker', 'Tracker'),
      },
      expect: ['backend/Dockerfile:11'],
      messageIncludes: ['through backend/rel/overlays/bin/start:5'],
    },
    {
      name: 'mix ecto.migrate && mix phx.server',
      edits: { Dockerfile: 'FROM elixir:1.17\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, compile\nUSER nobody\nCMD mix ecto.migrate && mix phx.server\n' },
      expect: ['Dockerfile:7'],
      messageIncludes: ['`mix ecto.migrate`'],
    },
  ],
});
