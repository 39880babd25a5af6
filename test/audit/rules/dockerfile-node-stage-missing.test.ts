import { rule } from '../../../src/audit/rules/dockerfile-node-stage-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const PACKAGE_JSON = JSON.stringify({ dependencies: { alpinejs: '^3.14.1', 'chart.js': '^4.4.0', phoenix: 'file:../deps/phoenix' } }, null, 2);

/** A Dockerfile for the Phoenix 1.5 webpack app that digests the assets but never runs webpack. */
const PHX15_NO_NODE = `FROM hexpm/elixir:1.11.4-erlang-23.3.4-debian-buster-20210326-slim AS build
RUN apt-get update -y && apt-get install -y build-essential git
WORKDIR /app
ENV MIX_ENV=prod
COPY mix.exs mix.lock ./
RUN mix deps.get --only prod
COPY config config
RUN mix deps.compile
COPY priv priv
COPY assets assets
RUN mix phx.digest
COPY lib lib
RUN mix do compile, release

FROM debian:buster-slim
RUN apt-get update -y && apt-get install -y libstdc++6 openssl libncurses5 locales
WORKDIR /app
COPY --from=build --chown=nobody:root /app/_build/prod/rel/legacy_shop ./
USER nobody
CMD ["/app/bin/legacy_shop", "start"]
`;

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: only Mix-managed esbuild/tailwind (no npm packages)', notApplicable: 'the assets need no npm packages beyond phoenix, phoenix_html and phoenix_live_view', base: DEPLOY },
    {
      name: 'Bun from the Hex bun package installs the packages (assets.setup runs bun.install and `bun assets install`)',
      base: DEPLOY,
      edits: {
        'assets/package.json': PACKAGE_JSON,
        'mix.exs': replace('"assets.setup": ["tailwind.install --if-missing", "esbuild.install --if-missing"]', '"assets.setup": ["bun.install --if-missing", "bun assets install"]'),
      },
    },
    {
      name: 'npm packages installed with apt nodejs + npm ci in the builder',
      base: DEPLOY,
      edits: {
        'assets/package.json': PACKAGE_JSON,
        Dockerfile: replace('RUN mix assets.setup', 'RUN apt-get install -y nodejs npm\nCOPY assets/package.json assets/package-lock.json assets/\nRUN npm ci --prefix assets\nRUN mix assets.setup'),
      },
    },
    {
      name: 'Node from the NodeSource setup script, then apt-get (one RUN with several commands)',
      base: DEPLOY,
      edits: {
        'assets/package.json': PACKAGE_JSON,
        Dockerfile: replace('RUN mix assets.setup', 'RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs && npm ci --prefix assets\nRUN mix assets.setup'),
      },
    },
    {
      name: 'node and npm copied from the node image, npm run by the assets.deploy alias (cmd --cd assets npm ci)',
      base: DEPLOY,
      edits: {
        'assets/package.json': PACKAGE_JSON,
        'mix.exs': replace('"assets.deploy": [', '"assets.deploy": [\n        "cmd --cd assets npm ci",'),
        Dockerfile: replace(
          'COPY assets assets\n',
          'COPY assets assets\n\n# Node for the npm packages, from the official image\nCOPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node\nCOPY --from=node:20-bookworm-slim /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm\nENV PATH=/usr/local/lib/node_modules/npm/bin:$PATH\n',
        ),
      },
    },
    {
      name: 'Node copied in from a node image stage',
      base: DEPLOY,
      edits: {
        'assets/package.json': PACKAGE_JSON,
        Dockerfile: replace('FROM ${BUILDER_IMAGE} AS builder\n', 'FROM node:20-bookworm-slim AS node\n\nFROM ${BUILDER_IMAGE} AS builder\n'),
      },
    },
    {
      name: 'Phoenix 1.5 webpack app whose Dockerfile runs npm run deploy',
      base: fixture('phx15-webpack'),
      edits: { Dockerfile: PHX15_NO_NODE.replace('RUN mix phx.digest', 'RUN apt-get install -y nodejs npm && npm ci --prefix assets && npm run deploy --prefix assets\nRUN mix phx.digest') },
    },
    {
      name: 'assets built outside the image (no asset step in the Dockerfile)',
      base: fixture('phx15-webpack'),
      edits: { Dockerfile: PHX15_NO_NODE.replace('COPY assets assets\nRUN mix phx.digest\n', 'COPY priv/static priv/static\n') },
    },
    {
      name: 'whole context copied and only digested: the assets come prebuilt from an earlier CI job',
      base: fixture('phx15-webpack'),
      edits: { Dockerfile: PHX15_NO_NODE.replace('COPY priv priv\nCOPY assets assets\n', 'COPY . .\n'), '.dockerignore': '_build\ndeps\n.git\nassets/node_modules\n' },
    },
  ],
  invalid: [
    {
      name: 'existing-deploy with npm packages added to assets/package.json',
      base: DEPLOY,
      edits: { 'assets/package.json': PACKAGE_JSON },
      expect: ['Dockerfile:36'],
      messageIncludes: ['mix assets.setup', 'alpinejs, chart.js', 'assets/package.json'],
    },
    {
      name: 'Phoenix 1.5 webpack app digesting assets without Node',
      base: fixture('phx15-webpack'),
      edits: { Dockerfile: PHX15_NO_NODE },
      expect: ['Dockerfile:11'],
      messageIncludes: ['mix phx.digest', 'hexpm/elixir:1.11.4'],
    },
    {
      name: 'whole context copied and only digested, but .dockerignore keeps priv/static out',
      base: fixture('phx15-webpack'),
      edits: { Dockerfile: PHX15_NO_NODE.replace('COPY priv priv\nCOPY assets assets\n', 'COPY . .\n'), '.dockerignore': '_build\ndeps\n.git\npriv/static\n' },
      expect: ['Dockerfile:10'],
    },
    {
      name: 'asset task behind an alias (mix setup.prod → assets.deploy)',
      base: DEPLOY,
      edits: {
        'assets/package.json': PACKAGE_JSON,
        'mix.exs': replace('"assets.deploy": [', '"setup.prod": ["assets.deploy"],\n      "assets.deploy": ['),
        Dockerfile: (t: string) => t.replace('RUN mix assets.setup\n', '').replace('RUN mix assets.deploy', 'RUN mix setup.prod'),
      },
      expect: ['Dockerfile:46'],
    },
    {
      name: 'three npm packages and the whole build in one long `mix do` (the command is shortened in the message)',
      base: DEPLOY,
      edits: {
        'assets/package.json': JSON.stringify({ dependencies: { alpinejs: '^3.14.1', 'chart.js': '^4.4.0', 'sortablejs': '^1.15.2', phoenix: 'file:../deps/phoenix' } }, null, 2),
        Dockerfile: (t: string) =>
          t
            .replace('RUN mix assets.setup\n', '')
            .replace('RUN mix compile\n', '')
            .replace('RUN mix assets.deploy', 'RUN mix do deps.compile, assets.setup, compile, assets.deploy, phx.digest, release --overwrite')
            .replace('RUN mix release\n', ''),
      },
      expect: ['Dockerfile:45'],
      messageIncludes: ['depends on alpinejs, chart.js, sortablejs:'],
    },
    {
      name: 'a Dockerfile fragment without FROM that builds the assets',
      base: DEPLOY,
      edits: { 'assets/package.json': PACKAGE_JSON, Dockerfile: 'WORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get --only prod\nRUN mix assets.deploy\n' },
      expect: ['Dockerfile:5'],
      messageIncludes: ['Dockerfile:5 builds the assets (`mix assets.deploy`) but no stage installs Node or npm'],
    },
  ],
});
