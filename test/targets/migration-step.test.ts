/**
 * A separate migration step (Fly's release_command, the Kubernetes and Cloud Run jobs, the Compose
 * migrate service) only when the app's migrate function can run under `eval` (it starts the Repo)
 * and the app does not already migrate at boot; otherwise no step and a plan note saying why.
 */
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { plan } from '../../src/plan/planner.js';
import type { Profile } from '../../src/scan/profile.js';
import { scanProject } from '../helpers/project.js';

const RELEASE_WITH_REPO = `defmodule HelloPhoenix.Release do
  @moduledoc "Release tasks: bin/hello_phoenix eval HelloPhoenix.Release.migrate"
  @app :hello_phoenix

  def migrate do
    load_app()

    for repo <- repos() do
      {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
    end
  end

  defp repos, do: Application.fetch_env!(@app, :ecto_repos)

  defp load_app, do: Application.load(@app)
end
`;

/** Runs the migrations without starting the Repo: under `eval` the Repo process does not exist. */
const RELEASE_WITHOUT_REPO = `defmodule HelloPhoenix.Release do
  @moduledoc "Release tasks."
  @app :hello_phoenix

  def migrate do
    Application.load(@app)

    for repo <- Application.fetch_env!(@app, :ecto_repos) do
      Ecto.Migrator.run(repo, :up, all: true)
    end
  end
end
`;

const MIGRATES_AT_BOOT = (text: string) =>
  text.replace('      HelloPhoenix.Repo,\n', '      HelloPhoenix.Repo,\n      {Ecto.Migrator, repos: Application.fetch_env!(:hello_phoenix, :ecto_repos)},\n');

const flyToml = (p: Profile) => parseToml(plan(p, defaultConfig(p), 'fly').files.find((f) => f.path === 'fly.toml')!.content) as { deploy?: { release_command?: string } };

describe('migration step', () => {
  it('a migrate function that starts the Repo through Ecto.Migrator.with_repo gets a release_command and jobs', async () => {
    const p = await scanProject({ 'lib/hello_phoenix/release.ex': RELEASE_WITH_REPO });
    expect(p.facts.releaseModules[0]?.migrateStartsRepo).toBe(true);
    expect(flyToml(p).deploy?.release_command).toBe('/app/bin/migrate');
    expect(plan(p, defaultConfig(p), 'k8s').files.some((f) => f.path.endsWith('migrate-job.yaml'))).toBe(true);
  });

  it('a migrate function that never starts the Repo: no release_command, no job, a note naming the fix', async () => {
    const p = await scanProject({ 'lib/hello_phoenix/release.ex': RELEASE_WITHOUT_REPO });
    expect(p.facts.releaseModules[0]?.migrateStartsRepo).toBe(false);
    expect(flyToml(p).deploy?.release_command).toBeUndefined();
    const fly = plan(p, defaultConfig(p), 'fly');
    expect(fly.notes.join('\n')).toContain('HelloPhoenix.Release.migrate (lib/hello_phoenix/release.ex) never starts the Repo');
    for (const target of ['k8s', 'cloudrun'] as const) {
      const out = plan(p, defaultConfig(p), target);
      expect(out.files.some((f) => f.path.endsWith('migrate-job.yaml'))).toBe(false);
      expect(out.notes.join('\n')).toContain('Ecto.Migrator.with_repo');
    }
    const compose = plan(p, defaultConfig(p), 'compose');
    expect(compose.files.find((f) => f.path.startsWith('compose'))!.content).not.toMatch(/^\s+migrate:/m);
  });

  it('an app that migrates at boot (an Ecto.Migrator child) gets no separate step', async () => {
    const p = await scanProject({ 'lib/hello_phoenix/release.ex': RELEASE_WITH_REPO, 'lib/hello_phoenix/application.ex': MIGRATES_AT_BOOT });
    expect(flyToml(p).deploy?.release_command).toBeUndefined();
    const k8s = plan(p, defaultConfig(p), 'k8s');
    expect(k8s.files.some((f) => f.path.endsWith('migrate-job.yaml'))).toBe(false);
    expect(k8s.notes.join('\n')).toContain('already runs its migrations when it boots');
  });
});
