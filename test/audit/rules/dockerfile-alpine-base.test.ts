import { rule } from '../../../src/audit/rules/dockerfile-alpine-base.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const edit =
  (...pairs: [string, string][]) =>
  (text: string) =>
    pairs.reduce((acc, [from, to]) => replace(from, to)(acc), text);

const ALPINE_BUILDER = 'ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-alpine-3.20.3"';
const ALPINE_RUNNER = 'ARG RUNNER_IMAGE="alpine:3.20.3"';

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: Debian bookworm builder and runner (through ARGs)', base: DEPLOY },
    {
      name: 'a Dockerfile fragment without FROM (the base image is chosen by the including build): no stage to judge',
      edits: { Dockerfile: 'WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get --only prod, release\nCMD ["/app/_build/prod/rel/hello_phoenix/bin/server"]\n' },
    },
    {
      name: 'Alpine only for a helper stage (node assets stage), Debian builder and runner',
      base: DEPLOY,
      edits: { Dockerfile: replace('FROM ${BUILDER_IMAGE} AS builder\n', 'FROM node:20-alpine AS assets\nRUN echo building\n\nFROM ${BUILDER_IMAGE} AS builder\n') },
    },
    {
      name: 'image from a build argument without a default (cannot be judged)',
      base: DEPLOY,
      edits: { Dockerfile: replace('ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', 'ARG RUNNER_IMAGE') },
    },
  ],
  invalid: [
    {
      name: 'Alpine builder and runner resolved through ARG defaults',
      base: DEPLOY,
      edits: { Dockerfile: edit(['ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}"', ALPINE_BUILDER], ['ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', ALPINE_RUNNER]) },
      expect: ['Dockerfile:14'],
      messageIncludes: ['hexpm/elixir:1.17.3-erlang-27.1.2-alpine-3.20.3', 'alpine:3.20.3', 'Debian slim'],
    },
    {
      name: 'Alpine runner only',
      base: DEPLOY,
      edits: { Dockerfile: replace('ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', ALPINE_RUNNER) },
      expect: ['Dockerfile:56'],
      messageIncludes: ['runner (alpine:3.20.3, line 56)'],
    },
    {
      name: 'single-stage elixir alpine image',
      edits: { Dockerfile: 'FROM elixir:1.17-alpine\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, release\nUSER nobody\nCMD ["/app/_build/prod/rel/hello_phoenix/bin/hello_phoenix", "start"]\n' },
      expect: ['Dockerfile:1'],
      messageIncludes: ['builder and runner (elixir:1.17-alpine'],
    },
  ],
});
