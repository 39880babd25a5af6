import { rule } from '../../../src/audit/rules/phx-server-not-enabled.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY_BLOCK = /if System\.get_env\("PHX_SERVER"\) do\n  config :beacon_app, BeaconAppWeb\.Endpoint, server: true\nend\n/;
const PHX_SERVER_BLOCK = /if System\.get_env\("PHX_SERVER"\) do\n  config :hello_phoenix, HelloPhoenixWeb\.Endpoint, server: true\nend\n/;

ruleTester(rule, {
  valid: [
    { name: 'server: true inside if System.get_env("PHX_SERVER") (conditional counts)' },
    { name: 'literal server: true in releases.exs', base: fixture('phx15-webpack') },
    {
      name: 'runtime block removed but rel/overlays/bin/server sets PHX_SERVER',
      base: fixture('existing-deploy'),
      edits: { 'config/runtime.exs': replace(DEPLOY_BLOCK, '') },
    },
    {
      name: 'config :phoenix, :serve_endpoints, true',
      edits: { 'config/runtime.exs': replace(PHX_SERVER_BLOCK, 'config :phoenix, :serve_endpoints, true\n') },
    },
    {
      name: 'config :phoenix, serve_endpoints: true (keyword form)',
      edits: { 'config/runtime.exs': replace(PHX_SERVER_BLOCK, 'config :phoenix, serve_endpoints: true\n') },
    },
    {
      name: 'endpoint started with server: true as a supervision child',
      edits: {
        'config/runtime.exs': replace(PHX_SERVER_BLOCK, ''),
        'lib/hello_phoenix/application.ex': replace('      HelloPhoenixWeb.Endpoint\n', '      {HelloPhoenixWeb.Endpoint, server: true}\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'rel/overlays/bin/server starts the release without PHX_SERVER (only the .bat twin sets it)',
      base: fixture('existing-deploy'),
      edits: {
        'config/runtime.exs': replace(DEPLOY_BLOCK, ''),
        'rel/overlays/bin/server': { content: '#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\nexec ./beacon_app start\n', mode: 0o755 },
      },
      expect: ['config/runtime.exs:48'],
      messageIncludes: ['BeaconAppWeb.Endpoint is never given `server: true` in prod and there is no rel/overlays/bin/server setting PHX_SERVER'],
    },
    {
      name: 'Phoenix 1.5 release without releases.exs: points at the prod.exs endpoint config',
      base: fixture('phx15-webpack'),
      edits: { 'config/releases.exs': null },
      expect: ['config/prod.exs:12'],
    },
    {
      name: 'PHX_SERVER block removed from runtime.exs',
      edits: { 'config/runtime.exs': replace(PHX_SERVER_BLOCK, '') },
      expect: ['config/runtime.exs:48'],
      messageIncludes: ['HelloPhoenixWeb.Endpoint', 'never listens'],
    },
    { name: 'phx18-insecure: no server option anywhere', base: fixture('phx18-insecure'), expect: ['config/runtime.exs:6'] },
    {
      name: 'server: false in prod.exs and no PHX_SERVER block',
      edits: {
        'config/runtime.exs': replace(PHX_SERVER_BLOCK, ''),
        'config/prod.exs': replace('cache_static_manifest: "priv/static/cache_manifest.json"', 'cache_static_manifest: "priv/static/cache_manifest.json",\n  server: false'),
      },
      expect: ['config/prod.exs:8'],
      messageIncludes: ['sets it to false'],
    },
  ],
});
