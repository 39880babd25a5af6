/**
 * Files that look like the app's deployment but are not: a dev container's Dockerfile, the fly.toml
 * of another app deployed from a prebuilt image, a .env template of placeholders. They are listed
 * (`deployFiles.notDeployment`) and never audited as the app's. And a config file a production
 * Dockerfile copies over config/runtime.exs is the runtime config.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../helpers/project.js';

const DOCKERFILE = 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build\nENV MIX_ENV=prod\nWORKDIR /app\nCOPY . .\nRUN mix deps.get --only prod && mix release\n\nFROM debian:bookworm-slim\nWORKDIR /app\nCOPY --from=build /app/_build/prod/rel/hello_phoenix ./\nUSER nobody\nCMD ["/app/bin/server"]\n';

describe('not the deployment of this app', () => {
  it('a .devcontainer Dockerfile is listed, not parsed as the app image', async () => {
    const p = await scanProject({ '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/elixir:1.17\nRUN apt-get update\n' });
    expect(p.deployFiles.dockerfiles).toEqual([]);
    expect(p.facts.dockerfiles).toEqual([]);
    expect(p.deployFiles.notDeployment).toEqual([{ file: '.devcontainer/Dockerfile', reason: 'the image of a development container (.devcontainer/)' }]);
  });

  it('next to the app Dockerfile, the dev container one is still left out', async () => {
    const p = await scanProject({ Dockerfile: DOCKERFILE, '.devcontainer/Dockerfile': 'FROM elixir:1.17\n' });
    expect(p.deployFiles.dockerfiles).toEqual(['Dockerfile']);
  });

  it('an image that starts nothing and builds no release (a dev environment for compose) is listed, not the app image', async () => {
    const DEV = 'FROM elixir:1.17-alpine\nRUN apk add --no-cache inotify-tools postgresql-client build-base\nRUN mix local.hex --force && mix local.rebar --force\nWORKDIR /app\nEXPOSE 4000\n';
    const p = await scanProject({ Dockerfile: DEV, 'docker/production/Dockerfile': DOCKERFILE });
    expect(p.deployFiles.dockerfiles).toEqual(['docker/production/Dockerfile']);
    expect(p.deployFiles.notDeployment).toEqual([{ file: 'Dockerfile', reason: 'starts nothing and builds no release (no CMD or ENTRYPOINT): a development or tooling image' }]);
    // A release builder stage with no CMD of its own still builds the app; so does an image with a CMD.
    const builderOnly = await scanProject({ Dockerfile: 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim\nWORKDIR /app\nCOPY . .\nRUN mix release\n' });
    expect(builderOnly.deployFiles.dockerfiles).toEqual(['Dockerfile']);
    const withCmd = await scanProject({ Dockerfile: `${DEV}CMD ["mix", "phx.server"]\n` });
    expect(withCmd.deployFiles.dockerfiles).toEqual(['Dockerfile']);
  });

  it('a fly.toml that deploys a prebuilt image belongs to another app', async () => {
    const p = await scanProject({
      'fly.toml': 'app = "hello-phoenix"\nprimary_region = "ams"\n\n[http_service]\n  internal_port = 8080\n',
      'fly.db.toml': 'app = "hello-phoenix-db"\n\n[build]\n  image = "flyio/postgres-flex:16"\n',
    });
    expect(p.deployFiles.flyTomls).toEqual(['fly.toml']);
    expect(p.deployFiles.notDeployment).toEqual([{ file: 'fly.db.toml', reason: 'deploys the prebuilt image flyio/postgres-flex:16, not this app' }]);
  });

  it("a fly.toml beside another Mix project's mix.exs (a helper app in a subfolder) deploys that project", async () => {
    const p = await scanProject({
      'embed/mix.exs': 'defmodule Embed.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :embed, version: "0.1.0", deps: [{:plug_cowboy, "~> 2.7"}]]\nend\n',
      'embed/fly.toml': 'app = "hello-embed"\n\n[http_service]\n  internal_port = 4001\n',
    });
    expect(p.deployFiles.flyTomls).toEqual([]);
    expect(p.deployFiles.notDeployment).toEqual([{ file: 'embed/fly.toml', reason: 'the Fly config of another Mix project (embed/mix.exs)' }]);
  });

  it('a .env of placeholders is a template; one with a real-looking value is not', async () => {
    const template = await scanProject({ 'templates/.env': 'SECRET_KEY_BASE=[generate by running "openssl rand -base64 64"]\nDATABASE_PASSWORD=postgres\nDATABASE_URL=ecto://postgres:postgres@db/app\nPORT=4000\n' });
    expect(template.facts.presentFiles.find((f) => f.file === 'templates/.env')?.templateOnly).toBe(true);
    expect(template.deployFiles.notDeployment?.map((n) => n.file)).toEqual(['templates/.env']);
    const real = await scanProject({ '.env': 'SECRET_KEY_BASE=f3kW9vQ2mX7pL0aB8nR4tY6uJ1sD5gH3kW9vQ2mX7pL0aB8nR4\n' });
    expect(real.facts.presentFiles.find((f) => f.file === '.env')?.templateOnly).toBeUndefined();
    expect(real.deployFiles.notDeployment).toBeUndefined();
  });
});

describe('runtime config copied in by the Dockerfile', () => {
  it('`COPY config/docker.exs config/runtime.exs` makes docker.exs the runtime config when there is no runtime.exs', async () => {
    const p = await scanProject({
      'config/runtime.exs': null,
      'config/docker.exs': 'import Config\n\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")\n',
      Dockerfile: DOCKERFILE.replace('RUN mix deps.get', 'COPY config/docker.exs config/runtime.exs\nRUN mix deps.get'),
    });
    expect(p.runtimeConfig.file).toBe('config/docker.exs');
    expect(p.runtimeConfig.env.map((e) => [e.name, e.required])).toEqual([['SECRET_KEY_BASE', true]]);
  });
});

describe('Dockerfile instructions', () => {
  it('comment lines inside a continuation are not part of the command; blanks after the backslash are allowed', async () => {
    const p = await scanProject({
      Dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && \\\n    # install node\n    apt-get install -y nodejs \\ \n    npm && \\\n    # clean up\n    rm -rf /var/lib/apt/lists/*\nCOPY --from=build --chown=nobody:root /app /app\nCMD ["/app/bin/server"]\n',
    });
    const [from, run, copy] = p.facts.dockerfiles[0]!.instructions;
    expect(from!.args).toBe('debian:bookworm-slim');
    expect(run).toMatchObject({ keyword: 'RUN', line: 2, args: 'apt-get update && apt-get install -y nodejs npm && rm -rf /var/lib/apt/lists/*', flags: [] });
    expect(copy).toMatchObject({ keyword: 'COPY', args: '/app /app', flags: ['--from=build', '--chown=nobody:root'] });
  });
});
