import { rule } from '../../../src/audit/rules/release-cookie-hardcoded.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

ruleTester(rule, {
  valid: [
    { name: 'no cookie anywhere (mix release generates one)' },
    { name: 'existing deploy files without RELEASE_COOKIE', base: fixture('existing-deploy') },
    {
      name: 'RELEASE_COOKIE from a mounted secret in env.sh.eex',
      base: fixture('existing-deploy'),
      edits: { 'rel/env.sh.eex': replace('# Uncomment', 'export RELEASE_COOKIE="$(cat /run/secrets/release_cookie)"\n\n# Uncomment') },
    },
    {
      name: 'cookie read from the environment in mix.exs',
      base: fixture('phx18-insecure'),
      edits: { 'mix.exs': replace('cookie: "sieve-cookie-7f3a9c1e"', 'cookie: System.fetch_env!("RELEASE_COOKIE")') },
    },
    {
      name: 'literal only in a development Dockerfile',
      base: fixture('existing-deploy'),
      edits: { 'Dockerfile.dev': replace('ENV MIX_ENV=dev', 'ENV MIX_ENV=dev\nENV RELEASE_COOKIE=devcookie') },
    },
  ],
  invalid: [
    { name: 'phx18-insecure: cookie: literal in mix.exs releases', base: fixture('phx18-insecure'), expect: ['mix.exs:18'], messageIncludes: ['release :sieve', 'value not shown'] },
    {
      name: 'export RELEASE_COOKIE=literal in rel/env.sh.eex',
      base: fixture('existing-deploy'),
      edits: { 'rel/env.sh.eex': replace('# Uncomment', 'export RELEASE_COOKIE=beacon-shared-cookie\n\n# Uncomment') },
      expect: ['rel/env.sh.eex:16'],
    },
    {
      name: 'ENV RELEASE_COOKIE in the Dockerfile and in fly.toml [env]',
      base: fixture('existing-deploy'),
      edits: {
        Dockerfile: replace('ENV LANG=en_US.UTF-8', 'ENV LANG=en_US.UTF-8 RELEASE_COOKIE="beacon-shared-cookie"'),
        'fly.toml': replace('  PORT = "8080"', '  PORT = "8080"\n  RELEASE_COOKIE = "beacon-shared-cookie"'),
      },
      expect: ['Dockerfile:64', 'fly.toml:16'],
    },
    {
      name: 'ARG RELEASE_COOKIE with a literal default in the Dockerfile',
      base: fixture('existing-deploy'),
      edits: { Dockerfile: replace('ENV LANG=en_US.UTF-8', 'ARG RELEASE_COOKIE=beacon-shared-cookie\nENV LANG=en_US.UTF-8') },
      expect: ['Dockerfile:64'],
      messageIncludes: ['ARG RELEASE_COOKIE has a literal default in Dockerfile:64'],
    },
  ],
});
