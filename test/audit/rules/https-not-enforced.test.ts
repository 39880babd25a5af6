import { rule } from '../../../src/audit/rules/https-not-enforced.js';
import { replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const FORCE_SSL = 'force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: [hosts: ["localhost", "127.0.0.1"]]],\n  ';

ruleTester(rule, {
  valid: [
    { name: 'force_ssl in prod.exs', edits: { 'config/prod.exs': replace('cache_static_manifest:', `${FORCE_SSL}cache_static_manifest:`) } },
    {
      name: 'force_ssl in runtime.exs prod branch',
      edits: { 'config/runtime.exs': replace(/(config :hello_phoenix, HelloPhoenixWeb\.Endpoint,\n)/, `$1    force_ssl: [hsts: true],\n`) },
    },
    {
      name: 'Plug.SSL in the endpoint',
      edits: { 'lib/hello_phoenix_web/endpoint.ex': replace('  plug Plug.RequestId', '  plug Plug.SSL, rewrite_on: [:x_forwarded_proto]\n  plug Plug.RequestId') },
    },
  ],
  invalid: [
    { name: 'the 1.7 generator default (force_ssl commented out)', expect: ['config/prod.exs:6'], messageIncludes: ['HelloPhoenixWeb.Endpoint'] },
    {
      name: 'Plug.SSL only inside a dev-only condition',
      edits: {
        'lib/hello_phoenix_web/endpoint.ex': replace('  plug Plug.RequestId', '  if code_reloading? do\n    plug Plug.SSL\n  end\n\n  plug Plug.RequestId'),
      },
      expect: ['config/prod.exs:6'],
    },
    {
      name: 'no force_ssl, but fly.toml redirects to HTTPS at the edge (low)',
      edits: { 'fly.toml': 'app = "hello-phoenix"\nprimary_region = "ams"\n\n[http_service]\n  internal_port = 4000\n  force_https = true\n' },
      expect: ['config/prod.exs:6'],
      messageIncludes: ["fly.toml:6 redirects to HTTPS at Fly's edge (force_https)", 'the app itself sends no HSTS'],
    },
  ],
});
