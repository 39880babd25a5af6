import { rule } from '../../../src/audit/rules/release-scripts-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
/** existing-deploy where nothing migrates on Fly: no bin/migrate, no release_command, no k8s manifests. */
const NO_FLY_MIGRATE = { 'rel/overlays/bin/migrate': null, 'rel/overlays/bin/migrate.bat': null, 'fly.toml': replace('  release_command = "/app/bin/migrate"\n', '') };
const NO_MIGRATE_STEP = { ...NO_FLY_MIGRATE, 'k8s/deployment.yaml': null };
const SERVER_SCRIPT = (body: string) => ({ content: `#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\n${body}`, mode: 0o755 });
const AUTO_MIGRATE = `defmodule BeaconApp.AutoMigrate do
  @moduledoc "Runs the pending migrations once at boot, before the endpoint starts."
  use Task, restart: :transient

  def start_link(_arg), do: Task.start_link(&migrate/0)

  defp migrate do
    for repo <- Application.fetch_env!(:beacon_app, :ecto_repos) do
      {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
    end
  end
end
`;

ruleTester(rule, {
  valid: [
    { name: 'bin/server and bin/migrate present', base: DEPLOY },
    { name: 'no Dockerfile or fly.toml: not applicable', notApplicable: 'no Dockerfile or fly.toml: no deployment set up in the repository' },
    {
      name: 'scripts absent, but the image starts the release itself and fly migrates with eval',
      base: DEPLOY,
      edits: {
        'rel/overlays/bin/server': null,
        'rel/overlays/bin/migrate': null,
        Dockerfile: replace('CMD ["/app/bin/server"]', 'ENV PHX_SERVER=true\nCMD ["/app/bin/beacon_app", "start"]'),
        'fly.toml': replace('release_command = "/app/bin/migrate"', 'release_command = "/app/bin/beacon_app eval BeaconApp.Release.migrate"'),
      },
    },
    {
      name: 'an image that copies a release built in CI and starts it with bin/<app> start',
      notApplicable: 'the deploy files neither build a release nor call its bin/ scripts',
      edits: {
        Dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update -y && apt-get install -y libstdc++6 openssl libncurses6 locales ca-certificates\nWORKDIR /app\nCOPY _build/prod/rel/hello_phoenix ./\nENV PHX_SERVER=true\nCMD ["/app/bin/hello_phoenix", "start"]\n',
      },
    },
    { name: 'no bin/migrate nor release_command, but k8s manifests deploy the app', base: DEPLOY, edits: NO_FLY_MIGRATE },
    {
      name: 'no bin/migrate nor release_command, but bin/server migrates before starting',
      base: DEPLOY,
      edits: { ...NO_MIGRATE_STEP, 'rel/overlays/bin/server': SERVER_SCRIPT('./beacon_app eval BeaconApp.Release.migrate\nPHX_SERVER=true exec ./beacon_app start\n') },
    },
    {
      name: 'no bin/migrate nor release_command, but the app runs Ecto.Migrator at boot',
      base: DEPLOY,
      edits: {
        ...NO_MIGRATE_STEP,
        'lib/beacon_app/auto_migrate.ex': AUTO_MIGRATE,
        'lib/beacon_app/application.ex': replace('      BeaconApp.Repo,\n', '      BeaconApp.Repo,\n      BeaconApp.AutoMigrate,\n'),
      },
    },
    {
      name: 'no bin/migrate nor release_command, but the image starts through its own entrypoint script',
      base: DEPLOY,
      edits: { ...NO_MIGRATE_STEP, Dockerfile: replace('CMD ["/app/bin/server"]', 'COPY --chmod=755 docker-entrypoint.sh /app/\nENTRYPOINT ["/app/docker-entrypoint.sh"]') },
    },
    { name: 'no bin/migrate nor release_command and no release module (release-migrations-missing reports it)', base: DEPLOY, edits: { ...NO_MIGRATE_STEP, 'lib/beacon_app/release.ex': null } },
  ],
  invalid: [
    {
      name: 'fly.toml [experimental] cmd overrides the image CMD with /app/bin/server, which is missing',
      base: DEPLOY,
      edits: {
        Dockerfile: replace('CMD ["/app/bin/server"]', 'CMD ["/app/bin/beacon_app", "start"]'),
        'fly.toml': replace('[http_service]', '[experimental]\n  cmd = ["/app/bin/server"]\n\n[http_service]'),
        'rel/overlays/bin/server': null,
        'rel/overlays/bin/server.bat': null,
      },
      // The scan records no line for an array element: the finding points at the file.
      expect: ['fly.toml:1'],
      messageIncludes: ['fly.toml experimental.cmd.0 runs bin/server'],
    },
    {
      name: 'a Dockerfile without fly.toml whose CMD runs the missing /app/bin/server',
      base: DEPLOY,
      edits: { 'fly.toml': null, 'rel/overlays/bin/server': null, 'rel/overlays/bin/server.bat': null },
      expect: ['Dockerfile:77'],
      messageIncludes: ['Dockerfile CMD runs bin/server'],
    },
    {
      name: 'Dockerfile ENTRYPOINT runs /app/bin/server, which is missing',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': null, 'rel/overlays/bin/server.bat': null, Dockerfile: replace('CMD ["/app/bin/server"]', 'ENTRYPOINT ["/app/bin/server"]') },
      expect: ['Dockerfile:77'],
      messageIncludes: ['Dockerfile ENTRYPOINT runs bin/server'],
    },
    {
      name: 'release module but no bin/migrate and a fly.toml without any [deploy] section',
      base: DEPLOY,
      edits: { ...NO_MIGRATE_STEP, 'fly.toml': replace('[deploy]\n  release_command = "/app/bin/migrate"\n', '') },
      expect: ['fly.toml:1'],
      messageIncludes: ['fly.toml has no [deploy] release_command'],
    },
    {
      name: 'Dockerfile CMD runs /app/bin/server, which is missing',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': null, 'rel/overlays/bin/server.bat': null },
      expect: ['Dockerfile:77'],
      messageIncludes: ['bin/server', 'high impact', 'container exits'],
    },
    {
      name: 'fly.toml release_command runs /app/bin/migrate, which is missing',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/migrate': null },
      expect: ['fly.toml:11'],
      messageIncludes: ['deploy.release_command', 'high impact'],
    },
    {
      name: 'release module but no bin/migrate and no release_command on Fly',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/migrate': null, 'fly.toml': replace('  release_command = "/app/bin/migrate"\n', ''), 'k8s/deployment.yaml': null },
      expect: ['fly.toml:10'],
      messageIncludes: ['BeaconApp.Release.migrate/0', 'never migrate'],
    },
    {
      name: 'the image builds a release but its final stage starts nothing and there is no bin/server',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': null, 'rel/overlays/bin/server.bat': null, Dockerfile: replace('CMD ["/app/bin/server"]', '') },
      expect: ['Dockerfile:53'],
      messageIncludes: ['builds a release (line 53) but its final stage has no CMD/ENTRYPOINT'],
    },
  ],
});
