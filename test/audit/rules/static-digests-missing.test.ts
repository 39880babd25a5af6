import { rule } from '../../../src/audit/rules/static-digests-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const MANIFEST = 'cache_static_manifest: "priv/static/cache_manifest.json"';

ruleTester(rule, {
  valid: [
    { name: 'the 1.7 generator default (cache_static_manifest in prod.exs)' },
    { name: 'Phoenix 1.5 webpack app', base: fixture('phx15-webpack') },
    { name: 'JSON API without an asset pipeline', notApplicable: 'the app has no asset pipeline', base: fixture('api-no-ecto') },
    {
      name: 'set in the prod branch of runtime.exs instead of prod.exs',
      edits: {
        'config/prod.exs': replace(MANIFEST, 'static_url: [path: "/"]'),
        'config/runtime.exs': replace(/(config :hello_phoenix, HelloPhoenixWeb\.Endpoint,\n)/, `$1    ${MANIFEST},\n`),
      },
    },
  ],
  invalid: [
    {
      name: 'prod endpoint config without cache_static_manifest',
      edits: { 'config/prod.exs': replace(MANIFEST, 'static_url: [host: "cdn.example.com"]') },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['HelloPhoenixWeb.Endpoint', 'cache_static_manifest', 'tailwind+esbuild'],
    },
    {
      name: 'prod.exs without any endpoint config points at prod.exs',
      edits: { 'config/prod.exs': replace(/config :hello_phoenix, HelloPhoenixWeb\.Endpoint,\n {2}cache_static_manifest: "[^"]+"\n/, '') },
      expect: ['config/prod.exs:1'],
    },
    {
      name: 'no prod.exs (config.exs imports dev/test only): points at the endpoint config in config.exs',
      edits: {
        'config/prod.exs': null,
        'config/config.exs': replace('import_config "#{config_env()}.exs"', 'if config_env() in [:dev, :test] do\n  import_config "#{config_env()}.exs"\nend'),
      },
      expect: ['config/config.exs:15'],
      messageIncludes: ['HelloPhoenixWeb.Endpoint has no `cache_static_manifest` in prod'],
    },
    {
      name: 'Phoenix 1.5 webpack app with the manifest removed',
      base: fixture('phx15-webpack'),
      edits: { 'config/prod.exs': replace(MANIFEST, 'server: true') },
      expect: ['config/prod.exs:12'],
      messageIncludes: ['LegacyShopWeb.Endpoint', 'webpack'],
    },
  ],
});
