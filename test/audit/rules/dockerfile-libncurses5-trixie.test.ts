import { rule } from '../../../src/audit/rules/dockerfile-libncurses5-trixie.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const TRIXIE = 'ARG DEBIAN_VERSION=trixie-20250317-slim';
const edit =
  (...pairs: [string, string][]) =>
  (text: string) =>
    pairs.reduce((acc, [from, to]) => replace(from, to)(acc), text);

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: libncurses5 on bookworm (still available there)', base: DEPLOY },
    {
      name: 'trixie with libncurses6',
      base: DEPLOY,
      edits: { Dockerfile: edit(['ARG DEBIAN_VERSION=bookworm-20241016-slim', TRIXIE], ['libncurses5', 'libncurses6']) },
    },
    {
      name: 'dated stable tag from before trixie became stable (bookworm)',
      base: DEPLOY,
      edits: { Dockerfile: replace('ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', 'ARG RUNNER_IMAGE="debian:stable-20250317-slim"') },
    },
    {
      name: 'official elixir image whose tag names no Debian release',
      base: DEPLOY,
      edits: { Dockerfile: replace('ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', 'ARG RUNNER_IMAGE="elixir:1.17.3-slim"') },
    },
    {
      name: 'hexpm ubuntu jammy builder installing libncurses5 (still available on 22.04)',
      base: DEPLOY,
      edits: {
        Dockerfile: edit(
          ['ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}"', 'ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-ubuntu-jammy-20240808"'],
          ['build-essential git', 'build-essential git libncurses5'],
        ),
      },
    },
    {
      name: 'libncurses5 only mentioned in an echo',
      base: DEPLOY,
      edits: { Dockerfile: edit(['ARG DEBIAN_VERSION=bookworm-20241016-slim', TRIXIE], ['libncurses5', 'libncurses6 && echo "libncurses5 is gone"']) },
    },
  ],
  invalid: [
    {
      name: 'existing-deploy moved to trixie through the DEBIAN_VERSION build arg',
      base: DEPLOY,
      edits: { Dockerfile: replace('ARG DEBIAN_VERSION=bookworm-20241016-slim', TRIXIE) },
      expect: ['Dockerfile:58'],
      messageIncludes: ['debian:trixie-20250317-slim', 'Debian trixie', 'libncurses6'],
    },
    {
      name: 'floating debian:stable-slim runner',
      base: DEPLOY,
      edits: { Dockerfile: replace('ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"', 'ARG RUNNER_IMAGE="debian:stable-slim"') },
      expect: ['Dockerfile:58'],
      messageIncludes: ['points at today'],
    },
    {
      name: 'trixie runner with apt-get options before install (apt-get -y --no-install-recommends install)',
      base: DEPLOY,
      edits: {
        Dockerfile: edit(['ARG DEBIAN_VERSION=bookworm-20241016-slim', TRIXIE], ['apt-get install -y libstdc++6 openssl libncurses5', 'apt-get -y --no-install-recommends install libstdc++6 openssl libncurses5']),
      },
      expect: ['Dockerfile:58'],
      messageIncludes: ['debian:trixie-20250317-slim'],
    },
    {
      name: 'hexpm ubuntu noble builder installing libncurses5',
      edits: {
        Dockerfile:
          'FROM hexpm/elixir:1.17.3-erlang-27.1.2-ubuntu-noble-20241015 AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential git libncurses5\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, release\n\nFROM debian:13-slim\nRUN apt-get update -y && apt-get install -y libstdc++6 openssl libncurses5=6.5-2 locales\nCOPY --from=builder /app/_build/prod/rel/hello_phoenix ./\nUSER nobody\nCMD ["/app/bin/server"]\n',
      },
      expect: ['Dockerfile:2', 'Dockerfile:9'],
      messageIncludes: ['Ubuntu noble'],
    },
  ],
});
