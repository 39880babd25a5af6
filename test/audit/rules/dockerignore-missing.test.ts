import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rule } from '../../../src/audit/rules/dockerignore-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const WHOLESALE = `FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
WORKDIR /app
ENV MIX_ENV=prod
COPY . .
RUN mix do deps.get, compile, assets.deploy, release

FROM debian:bookworm-20241016-slim
WORKDIR /app
COPY --from=builder /app/_build/prod/rel/hello_phoenix ./
USER nobody
CMD ["/app/bin/server"]
`;

/** The API of a monorepo (backend/ beside a frontend/ SPA), built from backend/ or from the repository root. */
const SUBFOLDER = fixture('subfolder');
const BACKEND_IMAGE = (copy: string) => `FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
WORKDIR /app
ENV MIX_ENV=prod
${copy}
RUN mix do deps.get --only prod, compile, release

FROM debian:bookworm-20241016-slim
WORKDIR /app
COPY --from=builder /app/_build/prod/rel/tracker ./
USER nobody
CMD ["/app/bin/tracker", "start"]
`;

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: .dockerignore excludes /_build/ and /deps/', base: DEPLOY },
    { name: 'no Dockerfile at all', notApplicable: 'no production Dockerfile' },
    { name: 'allow-list .dockerignore (ignore everything, re-include sources)', edits: { Dockerfile: WHOLESALE, '.dockerignore': '*\n!mix.exs\n!mix.lock\n!config\n!lib\n!priv\n!assets\n!rel\n' } },
    { name: '**/ patterns', edits: { Dockerfile: WHOLESALE, '.dockerignore': '**/_build\n**/deps\n.git\n' } },
    {
      name: 'monorepo: backend/Dockerfile built from backend/ with its own backend/.dockerignore',
      base: SUBFOLDER,
      edits: { 'backend/Dockerfile': BACKEND_IMAGE('COPY . .'), 'backend/.dockerignore': '/_build/\n/deps/\n.git\n' },
    },
    {
      name: '.dockerignore without _build/deps, but the Dockerfile copies only selected folders',
      base: DEPLOY,
      edits: { '.dockerignore': '.git\n.elixir_ls\n' },
    },
  ],
  invalid: [
    {
      name: 'existing-deploy without its .dockerignore (selective copies)',
      base: DEPLOY,
      edits: { '.dockerignore': null },
      expect: ['Dockerfile:28'],
      messageIncludes: ['no .dockerignore next to Dockerfile', 'sent to the builder'],
    },
    {
      name: 'COPY . . without a .dockerignore',
      edits: { Dockerfile: WHOLESALE },
      expect: ['Dockerfile:4'],
      messageIncludes: ['copies the whole build context', 'end up in the image'],
    },
    {
      name: '.dockerignore that excludes deps but not _build, with COPY . .',
      edits: { Dockerfile: WHOLESALE, '.dockerignore': '.git\n/deps/\n# _build is fine\n' },
      expect: ['.dockerignore:1'],
      messageIncludes: ['does not exclude _build,', 'Dockerfile:4'],
    },
    {
      name: '.dockerignore that excludes neither _build nor deps, with COPY . .',
      edits: { Dockerfile: WHOLESALE, '.dockerignore': '.git\n.elixir_ls\n' },
      expect: ['.dockerignore:1'],
      messageIncludes: ['does not exclude _build or deps', 'copies them into the image'],
    },
    {
      name: 'monorepo built from the repository root: the root .dockerignore leaves backend/_build and backend/deps in',
      base: SUBFOLDER,
      edits: { Dockerfile: BACKEND_IMAGE('COPY backend/ ./'), '.dockerignore': '.git\n/frontend/node_modules/\n/frontend/dist/\n' },
      expect: ['.dockerignore:1'],
      messageIncludes: ['does not exclude backend/_build or backend/deps'],
    },
    {
      name: 'older Dockerfile that ADDs the mix files first, without a .dockerignore',
      edits: { Dockerfile: WHOLESALE.replace('COPY . .\n', 'ADD mix.exs mix.lock ./\nRUN mix deps.get --only prod\nCOPY config config\nCOPY lib lib\nCOPY priv priv\nCOPY assets assets\n') },
      expect: ['Dockerfile:4'],
      messageIncludes: ['no .dockerignore next to Dockerfile:'],
    },
    {
      name: 'a web and a worker release image, neither with a .dockerignore',
      base: DEPLOY,
      edits: { '.dockerignore': null, 'Dockerfile.worker': readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8').replace('CMD ["/app/bin/server"]', 'CMD ["/app/bin/beacon_app", "eval", "BeaconApp.Jobs.run_forever()"]') },
      expect: ['Dockerfile:28'],
      messageIncludes: ['no .dockerignore next to Dockerfile, Dockerfile.worker:'],
    },
    {
      name: 'a negation re-includes _build',
      base: DEPLOY,
      edits: { '.dockerignore': replace('/deps/', '/deps/\n!/_build/prod/'), Dockerfile: replace('COPY lib lib', 'COPY . .') },
      expect: ['.dockerignore:1'],
      messageIncludes: ['does not exclude _build'],
    },
  ],
});
