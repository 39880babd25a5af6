import { rule } from '../../../src/audit/rules/migrations-at-boot.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const MIGRATE_AT_BOOT = `    for repo <- Application.fetch_env!(:hello_phoenix, :ecto_repos) do
      {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
    end

    children = [`;

ruleTester(rule, {
  valid: [
    { name: 'no migrator call at all' },
    { name: 'migrations in the release module only', base: fixture('existing-deploy') },
    { name: 'SQLite app with an Ecto.Migrator child: one instance, no race', notApplicable: 'SQLite runs on a single instance: migrating at boot cannot race', base: fixture('sqlite') },
    {
      name: 'migrator call in a mix task, not at boot',
      edits: {
        'lib/mix/tasks/hello.migrate_all.ex':
          'defmodule Mix.Tasks.Hello.MigrateAll do\n  use Mix.Task\n\n  def run(_args) do\n    for repo <- Application.fetch_env!(:hello_phoenix, :ecto_repos) do\n      Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))\n    end\n  end\nend\n',
      },
    },
  ],
  invalid: [
    {
      name: 'Ecto.Migrator called in Application.start',
      edits: { 'lib/hello_phoenix/application.ex': replace('    children = [', MIGRATE_AT_BOOT) },
      expect: ['lib/hello_phoenix/application.ex:11'],
      messageIncludes: ['HelloPhoenix.Application', 'race'],
    },
    {
      name: 'Ecto.Migrator child in a Postgres app',
      edits: { 'lib/hello_phoenix/application.ex': replace('      HelloPhoenix.Repo,\n', '      HelloPhoenix.Repo,\n      {Ecto.Migrator, repos: Application.fetch_env!(:hello_phoenix, :ecto_repos)},\n') },
      expect: ['lib/hello_phoenix/application.ex:13'],
      messageIncludes: ['starts Ecto.Migrator as a child of HelloPhoenix.Application'],
    },
  ],
});
