import { rule } from '../../../src/audit/rules/force-ssl-redirects-health-check.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const PROD = 'config/prod.exs';
const FORCE_SSL = 'force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: [hosts: ["localhost", "127.0.0.1"]]]';
const VAULT_ENDPOINT = 'lib/vault_web/endpoint.ex';
const HEALTH_PLUG = '  plug VaultWeb.HealthPlug\n';
const SSL_PLUG = '  plug Plug.SSL, rewrite_on: [:x_forwarded_proto], hsts: true\n';

const TAILWIND = fixture('phx17-tailwind');
/** phx17-tailwind with its prod.exs force_ssl options replaced. */
const forceSsl = (opts: string) => ({ base: TAILWIND, edits: { [PROD]: replace(FORCE_SSL, `force_ssl: ${opts}`) } });

ruleTester(rule, {
  valid: [
    { name: 'force_ssl trusts x-forwarded-proto (the generator setting)', base: fixture('phx17-tailwind') },
    { name: 'force_ssl excludes the health path', base: fixture('phx17-tailwind'), edits: { [PROD]: replace(FORCE_SSL, 'force_ssl: [exclude: [paths: ["/health"]]]') } },
    { name: 'force_ssl excludes the probe hosts', base: fixture('phx17-tailwind'), edits: { [PROD]: replace(FORCE_SSL, 'force_ssl: [exclude: ["localhost", "127.0.0.1"]]') } },
    {
      name: 'a health plug placed before Plug.SSL answers first (handled another way)',
      base: fixture('plug-ssl'),
      edits: { [VAULT_ENDPOINT]: replace(SSL_PLUG, '  plug Plug.SSL, hsts: true\n') },
    },
    { name: 'force_ssl trusts x-forwarded-proto among other rewritten headers', ...forceSsl('[rewrite_on: [:x_forwarded_host, :x_forwarded_port, :x_forwarded_proto], hsts: true]') },
    { name: 'force_ssl excludes the probe hosts with the keyword form', ...forceSsl('[exclude: [hosts: ["localhost"]], hsts: true]') },
    { name: 'force_ssl excludes several paths, the health path among them', ...forceSsl('[exclude: [paths: ["/metrics", "/health"]]]') },
    { name: 'force_ssl exclude is an {m, f, a} callback (custom logic: assumed to cover the probe)', ...forceSsl('[exclude: {PinboardWeb.SSLExclusions, :exclude?, []}]') },
    {
      name: 'force_ssl options chosen by an if at build time (not a literal: not judged)',
      ...forceSsl('if(System.get_env("BEHIND_TLS_PROXY"), do: [rewrite_on: [:x_forwarded_proto]], else: [hsts: true])'),
    },
    {
      name: 'plug Plug.SSL (before the health plug) with its options in a module attribute (cannot be read: not judged)',
      base: fixture('plug-ssl'),
      edits: {
        [VAULT_ENDPOINT]: (s) =>
          replace(HEALTH_PLUG, `  plug Plug.SSL, @ssl_options\n${HEALTH_PLUG}`)(
            replace(SSL_PLUG, '')(replace('  use Phoenix.Endpoint, otp_app: :vault\n', '  use Phoenix.Endpoint, otp_app: :vault\n\n  @ssl_options Application.compile_env(:vault, :ssl_options, hsts: true)\n')(s)),
          ),
      },
    },
    { name: 'no health route (health-endpoint-missing reports it)', notApplicable: 'no health route (reported by health-endpoint-missing)' },
  ],
  invalid: [
    {
      name: 'force_ssl rewrites x-forwarded-host only, not the scheme',
      ...forceSsl('[rewrite_on: [:x_forwarded_host], hsts: true]'),
      expect: [`${PROD}:8`],
      messageIncludes: ['force_ssl in config/prod.exs has no rewrite_on: [:x_forwarded_proto]'],
    },
    {
      name: 'force_ssl: [] enables Plug.SSL with its defaults',
      ...forceSsl('[]'),
      expect: [`${PROD}:8`],
    },
    {
      name: 'force_ssl with an empty exclude host list',
      ...forceSsl('[exclude: [], hsts: true]'),
      expect: [`${PROD}:8`],
    },
    {
      name: 'force_ssl excludes no hosts, only another path (keyword form)',
      ...forceSsl('[exclude: [hosts: [], paths: ["/metrics"]]]'),
      expect: [`${PROD}:8`],
    },
    {
      name: 'force_ssl excludes a path that only shares a prefix with the health path',
      ...forceSsl('[exclude: [paths: ["/healthcheck", "/heal"]]]'),
      expect: [`${PROD}:8`],
    },
    {
      name: 'plug Plug.SSL without options before the health plug',
      base: fixture('plug-ssl'),
      edits: { [VAULT_ENDPOINT]: (s) => replace(HEALTH_PLUG, `  plug Plug.SSL\n${HEALTH_PLUG}`)(replace(SSL_PLUG, '')(s)) },
      expect: [`${VAULT_ENDPOINT}:19`],
      messageIncludes: ['plug Plug.SSL in VaultWeb.Endpoint'],
    },
    {
      name: 'force_ssl with HSTS only',
      base: fixture('phx17-tailwind'),
      edits: { [PROD]: replace(FORCE_SSL, 'force_ssl: [hsts: true]') },
      expect: [`${PROD}:8`],
      messageIncludes: ['force_ssl in config/prod.exs', 'exclude covering /health'],
    },
    {
      name: 'force_ssl excludes another path only',
      base: fixture('phx17-tailwind'),
      edits: { [PROD]: replace(FORCE_SSL, 'force_ssl: [exclude: [paths: ["/metrics"]]]') },
      expect: [`${PROD}:8`],
    },
    {
      name: 'Plug.SSL before the health plug, without rewrite_on',
      base: fixture('plug-ssl'),
      edits: { [VAULT_ENDPOINT]: (s) => replace(HEALTH_PLUG, `  plug Plug.SSL, hsts: true\n${HEALTH_PLUG}`)(replace(SSL_PLUG, '')(s)) },
      expect: [`${VAULT_ENDPOINT}:19`],
      messageIncludes: ['plug Plug.SSL in VaultWeb.Endpoint', '/healthz'],
    },
  ],
});
