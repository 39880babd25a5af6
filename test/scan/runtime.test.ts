/**
 * The runtime facts that decide boot (`profile.runtime`): how the project's own deploy files run it,
 * what starts its server, the port and the database variables it reads, the programs it runs and the
 * places it writes. Three small projects of our own show each rule end to end (test/fixtures-runtime:
 * a Heroku app started by `mix start`, a release listening only when an app-specific port variable is
 * set, a release that runs ffmpeg and writes uploads); the variants are edits of the example app.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/scan/profile.js';
import { scan } from '../../src/scan/index.js';
import { REPO, replace, scanProject } from '../helpers/project.js';

const runtimeFixture = (name: string) => join(REPO, 'test', 'fixtures-runtime', name);
const names = (p: Profile) => p.runtime.executables.map((e) => e.name);

describe('the runtime fixtures, end to end', () => {
  it('mix-procfile: a Heroku app whose Procfile runs `mix start` (an alias wrapping phx.server) reads DB_HOST/DB_USER/… at boot', async () => {
    const p = await scan(runtimeFixture('mix-procfile'));
    expect(p.runtime).toEqual({
      deployMode: 'mix',
      serverEnabledBy: 'mix',
      portEnv: 'HTTP_PORT',
      listenPort: 4000,
      databaseEnv: ['DB_HOST', 'DB_USER', 'DB_PASSWORD', 'DB_NAME'],
      executables: [],
      writablePaths: [],
    });
    expect(p.evidence['runtime.deployMode']).toBe('Procfile:1');
    expect(p.facts.reasons['runtime.deployMode']).toBe('Procfile:1 runs `MIX_ENV=prod mix start`');
    expect(p.evidence['runtime.port']).toBe('config/prod.exs:5');
    expect(p.evidence['runtime.databaseEnv']).toBe('config/prod.exs:10');
  });

  it('port-switch: a release that listens on TALLY_PORT and turns its server off without it; the Repo init/2 supplies the URL', async () => {
    const p = await scan(runtimeFixture('port-switch'));
    expect(p.runtime).toEqual({
      deployMode: 'release',
      serverEnabledBy: 'env:TALLY_PORT',
      portEnv: 'TALLY_PORT',
      listenPort: null,
      databaseEnv: ['TALLY_DATABASE_URL'],
      executables: [],
      writablePaths: [],
    });
    expect(p.evidence['runtime.deployMode']).toBe('Dockerfile:32');
    expect(p.evidence['runtime.databaseEnv']).toBe('lib/tally/repo.ex:10');
    // config/runtime/prod.exs is Code.require_file'd by runtime.exs: its reads are runtime reads.
    expect(p.runtimeConfig.env.map((e) => e.name)).toEqual(expect.arrayContaining(['TALLY_POOL_SIZE', 'TALLY_DATABASE_SSL']));
  });

  it('media-worker: a release that runs ffmpeg, Mogrify and a configured downloader through a wrapper script, and writes uploads', async () => {
    const p = await scan(runtimeFixture('media-worker'));
    expect([p.runtime.deployMode, p.runtime.serverEnabledBy, p.runtime.portEnv, p.runtime.listenPort]).toEqual(['release', 'PHX_SERVER', 'PORT', 4000]);
    expect(p.runtime.databaseEnv).toEqual(['DATABASE_PATH']);
    // Not the compile-time `@ffmpeg_version System.cmd(...)` attribute's line, not the Mix task's curl.
    expect(p.runtime.executables).toEqual([
      { name: 'bash', evidence: { file: 'lib/reel/media/downloader.ex', line: 7 } },
      { name: 'ffmpeg', evidence: { file: 'lib/reel/media/transcoder.ex', line: 23 } },
      { name: 'mogrify', evidence: { file: 'lib/reel/media/transcoder.ex', line: 31 } },
      { name: 'yt-dlp', evidence: { file: 'config/config.exs', line: 5 } },
    ]);
    expect(p.runtime.writablePaths).toEqual([
      { path: null, env: 'DATABASE_PATH', evidence: { file: 'config/runtime.exs', line: 9 } },
      { path: '/var/lib/reel/uploads', env: 'UPLOADS_DIR', evidence: { file: 'config/runtime.exs', line: 19 } },
    ]);
  });
});

const DOCKERFILE_RELEASE = 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build\nWORKDIR /app\nCOPY . .\nRUN mix deps.get --only prod && MIX_ENV=prod mix release\n\nFROM debian:bookworm-20241016-slim\nCOPY --from=build /app/_build/prod/rel/hello_phoenix /app\nCMD ["/app/bin/server"]\n';

describe('deployMode', () => {
  it('no deploy files at all: release (what phoenix-ops generates)', async () => {
    const p = await scanProject({});
    expect(p.runtime.deployMode).toBe('release');
    expect(p.facts.reasons['runtime.deployMode']).toMatch(/^no deploy files/);
  });

  it('a Dockerfile whose image runs `mix phx.server`: mix', async () => {
    const p = await scanProject({ Dockerfile: 'FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nRUN mix deps.get && mix compile\nCMD ["mix", "phx.server"]\n' });
    expect([p.runtime.deployMode, p.runtime.serverEnabledBy]).toEqual(['mix', 'mix']);
    expect(p.evidence['runtime.deployMode']).toBe('Dockerfile:5');
  });

  it('an entrypoint script copied into the image that runs `elixir -S mix phx.server`: mix; one that starts the release: release', async () => {
    const docker = 'FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nCOPY docker/entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n';
    const mix = await scanProject({ Dockerfile: docker, 'docker/entrypoint.sh': '#!/bin/sh\nset -e\nmix ecto.migrate\nexec elixir --sname app -S mix phx.server\n' });
    expect(mix.runtime.deployMode).toBe('mix');
    expect(mix.facts.reasons['runtime.deployMode']).toContain('docker/entrypoint.sh');
    const rel = await scanProject({ Dockerfile: docker, 'docker/entrypoint.sh': '#!/bin/sh\nset -e\n/app/bin/hello_phoenix eval "HelloPhoenix.Release.migrate"\nexec /app/bin/hello_phoenix start\n' });
    expect(rel.runtime.deployMode).toBe('release');
  });

  it('a Fly config whose release_command runs `mix ecto.migrate`, and nothing builds a release: mix', async () => {
    const p = await scanProject({ 'fly.toml': 'app = "hello"\n\n[deploy]\n  release_command = "mix ecto.migrate"\n\n[http_service]\n  internal_port = 4000\n' });
    expect(p.runtime.deployMode).toBe('mix');
    expect(p.evidence['runtime.deployMode']).toBe('fly.toml:4');
  });

  it('deploy files that show no release (a Fly config running a custom command): mix; with a release configured in mix.exs: release', async () => {
    const fly = { 'fly.toml': 'app = "hello"\n\n[experimental]\n  cmd = ["app.start"]\n' };
    expect((await scanProject(fly)).runtime.deployMode).toBe('mix');
    const withRelease = await scanProject({ ...fly, 'mix.exs': replace('      deps: deps()\n', '      deps: deps(),\n      releases: [hello_phoenix: []]\n') });
    expect(withRelease.runtime.deployMode).toBe('release');
  });

  it('a Dockerfile that builds a release wins over a Procfile that runs Mix (the Heroku alternative)', async () => {
    const p = await scanProject({ Dockerfile: DOCKERFILE_RELEASE, Procfile: 'web: mix phx.server\n' });
    expect(p.runtime.deployMode).toBe('release');
    expect(p.evidence['runtime.deployMode']).toBe('Dockerfile:8');
  });

  it("Gigalixir's releases buildpack: release; buildpack configs alone: mix", async () => {
    const configs = { 'elixir_buildpack.config': 'elixir_version=1.17.3\nerlang_version=27.1\n', 'phoenix_static_buildpack.config': 'node_version=20.11.0\n' };
    expect((await scanProject(configs)).runtime.deployMode).toBe('mix');
    const releases = await scanProject({ ...configs, '.buildpacks': 'https://github.com/gigalixir/gigalixir-buildpack-elixir\nhttps://github.com/gigalixir/gigalixir-buildpack-releases\n' });
    expect(releases.runtime.deployMode).toBe('release');
  });
});

describe('serverEnabledBy', () => {
  it('the installer runtime.exs: PHX_SERVER, at its `server: true` line', async () => {
    const p = await scanProject({});
    expect(p.runtime.serverEnabledBy).toBe('PHX_SERVER');
    expect(p.evidence['runtime.serverEnabledBy']).toBe('config/runtime.exs:17');
  });

  it('`server: true` for prod in prod.exs: config, even with the PHX_SERVER switch as well', async () => {
    const p = await scanProject({ 'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\n` });
    expect(p.runtime.serverEnabledBy).toBe('config');
  });

  it('`server:` from an app-specific variable: env:NAME', async () => {
    const p = await scanProject({
      'config/runtime.exs': replace('if System.get_env("PHX_SERVER") do', 'if System.get_env("HELLO_SERVE") do'),
    });
    expect(p.runtime.serverEnabledBy).toBe('env:HELLO_SERVE');
  });

  it('nothing turns the server on: unknown; a rel/overlays/bin/server that sets PHX_SERVER counts', async () => {
    const edits = { 'config/runtime.exs': replace(/if System.get_env\("PHX_SERVER"\) do\n[^\n]*\nend\n/, '') };
    expect((await scanProject(edits)).runtime.serverEnabledBy).toBe('unknown');
    const overlay = await scanProject({ ...edits, 'rel/overlays/bin/server': { content: '#!/bin/sh\ncd -P -- "$(dirname -- "$0")"\nPHX_SERVER=true exec ./hello_phoenix start\n', mode: 0o755 } });
    expect(overlay.runtime.serverEnabledBy).toBe('PHX_SERVER');
  });

  it('several endpoints: the one prod always serves (a front endpoint), not the main one that serves only under a condition', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/front_endpoint.ex': 'defmodule HelloPhoenixWeb.FrontEndpoint do\n  use Phoenix.Endpoint, otp_app: :hello_phoenix\n\n  plug HelloPhoenixWeb.HostRouter\nend\n',
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenixWeb.FrontEndpoint, server: true, http: [port: 8080]\n`,
    });
    expect([p.runtime.serverEnabledBy, p.runtime.portEnv, p.runtime.listenPort]).toEqual(['config', null, 8080]);
    expect(p.facts.reasons['runtime.endpoint']).toContain('HelloPhoenixWeb.FrontEndpoint is served in every prod boot');
  });
});

describe('portEnv and listenPort', () => {
  it('`String.to_integer(System.get_env("HTTP_PORT") || System.get_env("PORT") || "4000")`: "HTTP_PORT|PORT", 4000', async () => {
    const p = await scanProject({ 'config/runtime.exs': replace('System.get_env("PORT") || "4000"', 'System.get_env("HTTP_PORT") || System.get_env("PORT") || "4000"') });
    expect([p.runtime.portEnv, p.runtime.listenPort]).toEqual(['HTTP_PORT|PORT', 4000]);
  });

  it('a read without a default that is nil when unset falls back to the literal prod.exs sets; `fetch_env!` has no fallback', async () => {
    const nilable = await scanProject({
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [port: 4100]\n`,
      'config/runtime.exs': replace('port = String.to_integer(System.get_env("PORT") || "4000")', 'port = System.get_env("APP_HTTP_PORT")'),
    });
    expect([nilable.runtime.portEnv, nilable.runtime.listenPort]).toEqual(['APP_HTTP_PORT', 4100]);
    const required = await scanProject({ 'config/runtime.exs': replace('String.to_integer(System.get_env("PORT") || "4000")', 'String.to_integer(System.fetch_env!("APP_HTTP_PORT"))') });
    expect([required.runtime.portEnv, required.runtime.listenPort]).toEqual(['APP_HTTP_PORT', null]);
  });

  it('a read in prod.exs of a release is baked at build time (only its fallback counts); `{:system, "PORT"}` is read at boot', async () => {
    const noRuntime = { 'config/runtime.exs': replace(/\n  port = String.to_integer[^\n]*\n/, '\n').bind(null) };
    const baked = await scanProject({
      'config/runtime.exs': (c) => noRuntime['config/runtime.exs'](c).replace(/,\n\s*port: port\n/, '\n'),
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [port: String.to_integer(System.get_env("PORT") || "4000")]\n`,
    });
    expect([baked.runtime.portEnv, baked.runtime.listenPort]).toEqual([null, 4000]);
    const system = await scanProject({
      'config/runtime.exs': (c) => noRuntime['config/runtime.exs'](c).replace(/,\n\s*port: port\n/, '\n'),
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [port: {:system, "PORT"}]\n`,
    });
    expect([system.runtime.portEnv, system.runtime.listenPort]).toEqual(['PORT', null]);
  });

  it('the port a project function returns (`Config.Helper.port()`: a case over PORT with a fallback)', async () => {
    const p = await scanProject({
      'lib/hello_phoenix/config_helper.ex':
        'defmodule HelloPhoenix.ConfigHelper do\n  def port do\n    case System.get_env("PORT") && Integer.parse(System.get_env("PORT")) do\n      {port, _} -> port\n      _ -> 4010\n    end\n  end\nend\n',
      'config/runtime.exs': replace('port = String.to_integer(System.get_env("PORT") || "4000")', 'port = HelloPhoenix.ConfigHelper.port()'),
    });
    expect([p.runtime.portEnv, p.runtime.listenPort]).toEqual(['PORT', 4010]);
  });

  it("an endpoint whose port is set in its init/2 callback when the config names none", async () => {
    const p = await scanProject({
      'config/runtime.exs': replace(/,\n\s*port: port\n/, '\n'),
      'lib/hello_phoenix_web/endpoint.ex': replace('  plug HelloPhoenixWeb.Router\n', '  plug HelloPhoenixWeb.Router\n\n  @impl true\n  def init(_key, config), do: {:ok, Keyword.merge(config, defaults())}\n\n  defp defaults, do: [http: [compress: true, port: 20080]]\n'),
    });
    expect([p.runtime.portEnv, p.runtime.listenPort]).toEqual([null, 20080]);
  });
});

describe('databaseEnv', () => {
  it('the installer runtime.exs: DATABASE_URL', async () => {
    expect((await scanProject({})).runtime.databaseEnv).toEqual(['DATABASE_URL']);
  });

  it('the branch taken when the variables are unset: `case System.get_env("DATABASE_SOCKET_DIR") do nil -> [hostname: …]`', async () => {
    const p = await scanProject({
      'config/runtime.exs': replace(
        '  config :hello_phoenix, HelloPhoenix.Repo,\n    # ssl: true,\n    url: database_url,',
        '  case System.get_env("DATABASE_SOCKET_DIR") do\n    nil ->\n      config :hello_phoenix, HelloPhoenix.Repo,\n        hostname: System.fetch_env!("DATABASE_HOST"),\n        password: System.fetch_env!("DATABASE_PASS")\n\n    dir ->\n      config :hello_phoenix, HelloPhoenix.Repo, socket_dir: dir\n  end\n\n  config :hello_phoenix, HelloPhoenix.Repo,\n    # ssl: true,\n    database: System.get_env("DATABASE_NAME", "hello"),',
      ),
    });
    expect(p.runtime.databaseEnv).toEqual(['DATABASE_HOST', 'DATABASE_PASS', 'DATABASE_NAME']);
  });

  it('`DATABASE_URL_#{config_env()}` resolved for prod; a URL that may be unset beside host parts gives way to the parts', async () => {
    const byEnv = await scanProject({ 'config/runtime.exs': replace('System.get_env("DATABASE_URL")', 'System.get_env("DATABASE_URL_#{config_env() |> to_string() |> String.upcase()}")') });
    expect(byEnv.runtime.databaseEnv).toEqual(['DATABASE_URL_PROD']);
    const parts = await scanProject({
      'config/runtime.exs': replace(
        '    url: database_url,',
        '    url: System.get_env("HELLO_DATABASE_URL"),\n    hostname: System.get_env("DB_HOST") || raise("DB_HOST is missing"),\n    username: System.get_env("DB_USER", "postgres"),',
      ),
    });
    expect(parts.runtime.databaseEnv).toEqual(['DB_HOST', 'DB_USER']);
  });

  it('the primary repo is the first of :ecto_repos; a feature flag that enables a repo makes it conditional, not listed', async () => {
    const p = await scanProject({
      'lib/hello_phoenix/analytics_repo.ex': 'defmodule HelloPhoenix.AnalyticsRepo do\n  use Ecto.Repo, otp_app: :hello_phoenix, adapter: Ecto.Adapters.MyXQL\nend\n',
      'config/config.exs': replace('ecto_repos: [HelloPhoenix.Repo]', 'ecto_repos: [HelloPhoenix.Repo, HelloPhoenix.AnalyticsRepo]'),
      'config/runtime.exs': (c) => `${c}\nif System.get_env("ANALYTICS_ENABLED") do\n  config :hello_phoenix, HelloPhoenix.Repo, url: System.fetch_env!("ANALYTICS_DATABASE_URL")\nend\n`,
    });
    expect(p.database).toBe('postgres');
    expect(p.runtime.databaseEnv).toEqual(['DATABASE_URL']);
  });
});

describe('executables', () => {
  it('System.cmd, :os.cmd, Port.open spawn_executable of System.find_executable, MuonTrap; not in Mix tasks or test support', async () => {
    const p = await scanProject({
      'lib/hello_phoenix/tools.ex': `defmodule HelloPhoenix.Tools do
  @tar "tar"

  def archive(dir), do: System.cmd(@tar, ["-czf", "#{dir}.tgz", dir])
  def disk, do: :os.cmd(~c"df -h /")

  def render(svg) do
    rsvg = System.find_executable("rsvg-convert")
    Port.open({:spawn_executable, rsvg}, [:binary, args: [svg]])
  end

  def sandboxed(cmd), do: MuonTrap.cmd("bwrap", ["--ro-bind", "/", "/", cmd])
end
`,
      'lib/mix/tasks/hello.seed.ex': 'defmodule Mix.Tasks.Hello.Seed do\n  use Mix.Task\n\n  def run(_), do: System.cmd("psql", ["-f", "priv/seed.sql"])\nend\n',
    });
    expect(names(p)).toEqual(['bwrap', 'df', 'rsvg-convert', 'tar']);
  });
});

describe('writablePaths', () => {
  it('folders named by runtime variables (with their defaults), not the inputs the app only reads or URL paths', async () => {
    const p = await scanProject({
      'config/runtime.exs': (c) =>
        `${c}
config :hello_phoenix, :storage,
  uploads: System.get_env("HELLO_UPLOADS", "/var/lib/hello/uploads"),
  cache_dir: System.get_env("CACHE_DIR"),
  ca_cert_path: System.get_env("DB_CA_CERT_PATH", "/etc/ssl/db.pem"),
  secrets_dir: System.get_env("CONFIG_DIR", "/run/secrets"),
  base_path: System.get_env("BASE_ROUTE_PATH", "/")
`,
    });
    expect(p.runtime.writablePaths.map((w) => [w.path, w.env])).toEqual([
      ['/var/lib/hello/uploads', 'HELLO_UPLOADS'],
      [null, 'CACHE_DIR'],
    ]);
  });
});
