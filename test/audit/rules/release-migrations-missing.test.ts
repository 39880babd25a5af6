import { rule } from '../../../src/audit/rules/release-migrations-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const MIX_DEPLOY = 'the app runs under Mix, not as a release (its deploy files start `mix phx.server` or run Mix tasks: see runtime.deployMode in `scan`)';

const MIGRATE_AT_BOOT = `    for repo <- Application.fetch_env!(:hello_phoenix, :ecto_repos) do
      {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
    end

    children = [`;

ruleTester(rule, {
  valid: [
    { name: 'release module written by mix phx.gen.release', base: fixture('phx17-tailwind') },
    { name: 'release module with bin/migrate and fly release_command', base: fixture('existing-deploy') },
    { name: 'SQLite app migrating through an Ecto.Migrator child', base: fixture('sqlite') },
    { name: 'no database: not applicable', notApplicable: 'the app has no database', base: fixture('api-no-ecto') },
    { name: 'migrations run from Application.start instead (migrations-at-boot reports that)', edits: { 'lib/hello_phoenix/application.ex': replace('    children = [', MIGRATE_AT_BOOT) } },
    {
      name: 'deployed with Mix (mix ecto.migrate is available)',
      notApplicable: MIX_DEPLOY,
      edits: { Dockerfile: 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim\nENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get --only prod && mix compile\nCMD ["sh", "-c", "mix ecto.migrate && mix phx.server"]\n' },
    },
    {
      name: 'Heroku-style: a Procfile runs mix phx.server',
      notApplicable: MIX_DEPLOY,
      edits: { Procfile: 'web: mix phx.server\n', 'elixir_buildpack.config': 'elixir_version=1.17.3\nerlang_version=27.1\n' },
    },
    {
      name: 'Fly config whose release_command runs mix ecto.migrate (Mix is in the image)',
      notApplicable: MIX_DEPLOY,
      edits: { 'fly.toml': 'app = "hello-phoenix"\nprimary_region = "iad"\n\n[deploy]\n  release_command = "mix ecto.migrate"\n\n[http_service]\n  internal_port = 4000\n  force_https = true\n' },
    },
  ],
  invalid: [
    {
      name: 'the example app: Postgres repo, no release module',
      expect: ['lib/hello_phoenix/repo.ex:1'],
      messageIncludes: ['HelloPhoenix.Repo', 'HelloPhoenix.Release.migrate/0'],
    },
    { name: 'existing deploy with release.ex deleted (bin/migrate calls a missing module)', base: fixture('existing-deploy'), edits: { 'lib/beacon_app/release.ex': null }, expect: ['lib/beacon_app/repo.ex:1'] },
    { name: 'umbrella: repo in the domain app', base: fixture('umbrella'), expect: ['apps/warehouse/lib/warehouse/repo.ex:1'] },
    {
      name: 'two repos (a read replica), no release module',
      edits: {
        'config/config.exs': replace('ecto_repos: [HelloPhoenix.Repo]', 'ecto_repos: [HelloPhoenix.Repo, HelloPhoenix.ReplicaRepo]'),
        'lib/hello_phoenix/replica_repo.ex': 'defmodule HelloPhoenix.ReplicaRepo do\n  use Ecto.Repo,\n    otp_app: :hello_phoenix,\n    adapter: Ecto.Adapters.Postgres,\n    read_only: true\nend\n',
      },
      expect: ['lib/hello_phoenix/repo.ex:1'],
      messageIncludes: ['HelloPhoenix.Repo, HelloPhoenix.ReplicaRepo are configured'],
    },
  ],
});
