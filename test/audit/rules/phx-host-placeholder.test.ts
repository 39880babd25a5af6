import { rule } from '../../../src/audit/rules/phx-host-placeholder.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ENV_SH = (exportLine: string) => `#!/bin/sh\n\n# Sourced by the release start script before the VM boots.\n${exportLine}\nexport RELEASE_DISTRIBUTION="name"\n`;

ruleTester(rule, {
  valid: [
    { name: 'fly.toml [env] sets PHX_HOST (the fallback is never used)', base: fixture('existing-deploy') },
    { name: 'fallback is the real host', base: fixture('oban-libcluster-redis') },
    { name: 'Phoenix 1.5: literal real host in prod.exs', base: fixture('phx15-webpack') },
    {
      name: 'PHX_HOST required (raise when missing)',
      edits: { 'config/runtime.exs': replace('host = System.get_env("PHX_HOST") || "example.com"', 'host = System.fetch_env!("PHX_HOST")') },
    },
    {
      name: 'Dockerfile ENV sets PHX_HOST',
      edits: { Dockerfile: 'FROM debian:bookworm-slim\nENV PHX_HOST=shop.example.org\nCMD ["/app/bin/server"]\n' },
    },
    { name: 'phoenix-ops.yaml names the host', deploy: { host: 'hello.example.org', env: {}, audit: { ignore: [] } } },
    { name: 'phoenix-ops.yaml sets PHX_HOST in its env', deploy: { env: { PHX_HOST: 'hello.example.org' }, audit: { ignore: [] } } },
    { name: 'rel/env.sh.eex exports PHX_HOST from the Fly app name', edits: { 'rel/env.sh.eex': ENV_SH('export PHX_HOST="${FLY_APP_NAME}.fly.dev"') } },
  ],
  invalid: [
    {
      name: 'the 1.7 generator fallback with no deploy file setting PHX_HOST',
      expect: ['config/runtime.exs:46'],
      messageIncludes: ['falls back to "example.com"', 'PHX_HOST'],
    },
    {
      name: 'phoenix-ops.yaml names neither the host nor PHX_HOST',
      deploy: { audit: { ignore: [] } },
      expect: ['config/runtime.exs:46'],
      messageIncludes: ['no deploy file in the repo sets PHX_HOST'],
    },
    {
      name: 'rel/env.sh.eex exports an empty PHX_HOST (left for the operator to fill in)',
      edits: { 'rel/env.sh.eex': ENV_SH('export PHX_HOST=""') },
      expect: ['config/runtime.exs:46'],
      messageIncludes: ['falls back to "example.com"'],
    },
    { name: 'phx18-insecure: runtime fallback overrides the real host of prod.exs', base: fixture('phx18-insecure'), expect: ['config/runtime.exs:7'] },
    {
      name: 'literal localhost from config.exs is what prod uses',
      edits: { 'config/runtime.exs': replace('url: [host: host, port: 443, scheme: "https"],', 'url: [port: 443, scheme: "https"],') },
      expect: ['config/config.exs:16'],
      messageIncludes: ['literal "localhost"'],
    },
  ],
});
