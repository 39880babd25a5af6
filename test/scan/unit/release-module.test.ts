/**
 * The release-time migration module, whatever its name: Ecto.Migrator called directly or through
 * `alias Ecto.Migrator`, or a CLI module whose public function calls a module that migrates (a Mix
 * task module alone needs Mix, which a release does not have).
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../helpers/project.js';

const TASKS = `defmodule HelloPhoenix.ReleaseTasks do
  @app :hello_phoenix
  alias Ecto.Migrator

  def migrate do
    Application.load(@app)

    for repo <- Application.fetch_env!(@app, :ecto_repos) do
      {:ok, _, _} = Migrator.with_repo(repo, &Migrator.run(&1, :up, all: true))
    end
  end
end
`;

const MIX_TASK = `defmodule Mix.Tasks.HelloPhoenix.Migrate do
  use Mix.Task

  def run(_args) do
    for repo <- Application.fetch_env!(:hello_phoenix, :ecto_repos) do
      Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
    end
  end
end
`;

const CLI = `defmodule HelloPhoenix.CLI do
  alias Mix.Tasks.HelloPhoenix.{Migrate, Rollback}

  def run(["migrate" | args]), do: Migrate.run(args)
  def run(["rollback" | args]), do: Rollback.run(args)
end
`;

describe('release modules', () => {
  it('a ReleaseTasks module calling Migrator through `alias Ecto.Migrator`', async () => {
    const p = await scanProject({ 'lib/hello_phoenix/release_tasks.ex': TASKS });
    expect(p.releaseModule).toEqual({ file: 'lib/hello_phoenix/release_tasks.ex', module: 'HelloPhoenix.ReleaseTasks' });
    expect(p.facts.migratorCalls).toEqual([]);
  });

  it('a CLI module calling a migrate Mix task (multi-alias `alias Mix.Tasks.X.{Migrate, Rollback}`)', async () => {
    const p = await scanProject({ 'lib/mix/tasks/migrate.ex': MIX_TASK, 'lib/hello_phoenix/cli.ex': CLI });
    expect(p.releaseModule).toEqual({ file: 'lib/hello_phoenix/cli.ex', module: 'HelloPhoenix.CLI' });
  });

  it('a migrate Mix task alone is not a release module', async () => {
    const p = await scanProject({ 'lib/mix/tasks/migrate.ex': MIX_TASK });
    expect(p.releaseModule).toBeNull();
    expect(p.facts.migrators.map((m) => [m.module, m.mixTask])).toEqual([['Mix.Tasks.HelloPhoenix.Migrate', true]]);
  });
});

/** Data migrators named like Ecto's (large apps have dozens): they never call `Ecto.Migrator`. */
const DATA_MIGRATOR = `defmodule HelloPhoenix.Migrator.BackfillSlugs do
  use HelloPhoenix.Migrator.Base

  def migrate_batch(ids), do: HelloPhoenix.Repo.update_all(ids, set: [slug: nil])
end
`;

const ALIASED_ECTO = `defmodule HelloPhoenix.Release do
  alias Ecto, as: E

  def migrate do
    for repo <- Application.fetch_env!(:hello_phoenix, :ecto_repos) do
      {:ok, _, _} = E.Migrator.with_repo(repo, &E.Migrator.run(&1, :up, all: true))
    end
  end
end
`;

const BRACED = TASKS.replace('alias Ecto.Migrator', 'alias Ecto.{Migrator, Query}');

describe('which files are parsed for Ecto.Migrator calls', () => {
  it('a data migrator named …Migrator is not parsed for it; a migrating module still is, however Ecto is aliased', async () => {
    const base = await scanProject({ 'lib/hello_phoenix/release_tasks.ex': TASKS });
    const withData = await scanProject({ 'lib/hello_phoenix/release_tasks.ex': TASKS, 'lib/hello_phoenix/migrator/backfill_slugs.ex': DATA_MIGRATOR });
    expect(withData.facts.stats.filesParsed).toBe(base.facts.stats.filesParsed);
    expect(withData.facts.migrators.map((m) => m.module)).toEqual(['HelloPhoenix.ReleaseTasks']);
    for (const [file, text, module] of [
      ['lib/hello_phoenix/release.ex', ALIASED_ECTO, 'HelloPhoenix.Release'],
      ['lib/hello_phoenix/release_tasks.ex', BRACED, 'HelloPhoenix.ReleaseTasks'],
    ] as const) {
      const p = await scanProject({ [file]: text, 'lib/hello_phoenix/migrator/backfill_slugs.ex': DATA_MIGRATOR });
      expect(p.releaseModule).toEqual({ file, module });
    }
  });
});
