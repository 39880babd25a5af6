import { rule } from '../../../src/audit/rules/dockerfile-runs-as-root.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
/** Several replacements in one file, each of which must match. */
const edit =
  (...pairs: [string, string][]) =>
  (text: string) =>
    pairs.reduce((acc, [from, to]) => replace(from, to)(acc), text);

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy (USER nobody, the phx.gen.release shape)', base: DEPLOY },
    { name: 'no Dockerfile', notApplicable: 'no production Dockerfile', edits: {} },
    {
      name: "a root image of another Mix project kept in a subfolder (iframe/mix.exs beside iframe/Dockerfile) is that project's",
      base: DEPLOY,
      edits: {
        'iframe/mix.exs': 'defmodule Iframe.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :iframe, version: "0.1.0", deps: []]\nend\n',
        'iframe/Dockerfile': 'FROM hexpm/elixir:1.13.2-erlang-24.1.7-alpine-3.15.0 AS build\nWORKDIR /app\nCOPY . .\nRUN mix do deps.get, compile, release\n\nFROM alpine:3.15.0\nWORKDIR /app\nCOPY --from=build /app/_build/prod/rel/iframe ./\nCMD ["bin/iframe", "start"]\n',
      },
    },
    {
      name: 'numeric non-root user from a build argument default',
      base: DEPLOY,
      edits: { Dockerfile: replace('USER nobody', 'ARG APP_UID=65534\nUSER ${APP_UID}:0') },
    },
    {
      name: 'distroless nonroot runner image',
      base: DEPLOY,
      edits: { Dockerfile: edit(['ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', 'ARG RUNNER_IMAGE="gcr.io/distroless/cc-debian12:nonroot"'], ['USER nobody\n', '']) },
    },
    {
      name: 'entrypoint drops privileges with gosu',
      base: DEPLOY,
      edits: { Dockerfile: edit(['USER nobody\n', ''], ['CMD ["/app/bin/server"]', 'ENTRYPOINT ["gosu", "nobody"]\nCMD ["/app/bin/server"]']) },
    },
    {
      name: 'USER set in an earlier stage the final stage builds on',
      base: DEPLOY,
      edits: {
        Dockerfile: edit(['USER nobody\n\nCMD', 'CMD'], ['FROM ${RUNNER_IMAGE}\n', 'FROM ${RUNNER_IMAGE} AS base\nUSER nobody\n\nFROM base\n']),
      },
    },
    {
      name: 'a final stage that only packs the release into a tarball (no CMD or ENTRYPOINT: deployed to VMs, not run)',
      edits: {
        Dockerfile:
          'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get --only prod, assets.deploy, release\n\n# docker build --output type=local,dest=out .\nFROM debian:bookworm-20241016-slim AS tarball\nCOPY --from=builder /app/_build/prod/rel/hello_phoenix /release\nRUN tar czf /hello_phoenix.tar.gz -C /release .\n',
      },
    },
    {
      name: "FROM the team's own runner image: its USER is not visible here",
      base: DEPLOY,
      edits: { Dockerfile: edit(['ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', 'ARG RUNNER_IMAGE="ghcr.io/acme/phoenix-runtime:2024.10"'], ['USER nobody\n', '']) },
    },
    {
      name: 'the runner image comes from a build argument without default (its USER cannot be judged)',
      base: DEPLOY,
      edits: { Dockerfile: edit(['ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', '# Set by CI: docker build --build-arg RUNNER_IMAGE=…\nARG RUNNER_IMAGE'], ['USER nobody\n', '']) },
    },
    {
      name: 'tini as ENTRYPOINT, CMD drops privileges with su-exec',
      base: DEPLOY,
      edits: { Dockerfile: edit(['USER nobody\n', ''], ['CMD ["/app/bin/server"]', 'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["su-exec", "nobody", "/app/bin/server"]']) },
    },
    { name: 'development Dockerfile only (Dockerfile.dev runs as root, not a prod image)', notApplicable: 'no production Dockerfile', base: DEPLOY, edits: { Dockerfile: null } },
  ],
  invalid: [
    {
      name: 'USER line removed from the runner',
      base: DEPLOY,
      edits: { Dockerfile: replace('USER nobody\n', '') },
      expect: ['Dockerfile:76'],
      messageIncludes: ['debian:bookworm-20241016-slim', 'no USER'],
    },
    {
      name: 'explicit USER root',
      base: DEPLOY,
      edits: { Dockerfile: replace('USER nobody', 'USER root') },
      expect: ['Dockerfile:75'],
      messageIncludes: ['USER root'],
    },
    {
      name: 'numeric USER 0 (root by uid), with a group',
      base: DEPLOY,
      edits: { Dockerfile: replace('USER nobody', 'USER 0:0') },
      expect: ['Dockerfile:75'],
      messageIncludes: ['USER 0:0'],
    },
    {
      name: 'the last USER of the final stage decides: back to root after USER nobody',
      base: DEPLOY,
      edits: { Dockerfile: replace('USER nobody\n', 'USER nobody\nRUN mkdir -p /app/tmp\nUSER root\n') },
      expect: ['Dockerfile:77'],
      messageIncludes: ['USER root'],
    },
    {
      name: 'USER nobody only in the builder stage',
      base: DEPLOY,
      edits: { Dockerfile: edit(['USER nobody\n', ''], ['RUN mix release', 'RUN mix release\nUSER nobody']) },
      expect: ['Dockerfile:77'],
    },
    {
      name: 'USER from a global build argument that defaults to root (redeclared in the runner)',
      base: DEPLOY,
      edits: { Dockerfile: edit(['ARG RUNNER_IMAGE=', 'ARG APP_USER=root\nARG RUNNER_IMAGE='], ['USER nobody', 'ARG APP_USER\nUSER ${APP_USER}']) },
      expect: ['Dockerfile:77'],
      messageIncludes: ['USER ${APP_USER}'],
    },
    {
      name: 'USER from a runner build argument that defaults to root',
      base: DEPLOY,
      edits: { Dockerfile: replace('USER nobody', 'ARG RUN_AS=root\nUSER ${RUN_AS}') },
      expect: ['Dockerfile:76'],
    },
    {
      name: 'single-stage image without USER (shell-form ENTRYPOINT)',
      edits: { Dockerfile: 'FROM elixir:1.17-slim\nWORKDIR /app\nCOPY . .\nENV MIX_ENV=prod\nRUN mix do deps.get, release\nENTRYPOINT /app/_build/prod/rel/hello_phoenix/bin/hello_phoenix start\n' },
      expect: ['Dockerfile:6'],
    },
  ],
});
