import { rule } from '../../../src/audit/rules/force-ssl-redirects-health-check.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const PROD = 'config/prod.exs';
const FORCE_SSL = 'force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: [hosts: ["localhost", "127.0.0.1"]]]';
const VAULT_ENDPOINT = 'lib/vault_web/endpoint.ex';
const HEALTH_PLUG = '  plug VaultWeb.HealthPlug\n';
const SSL_PLUG = '  plug Plug.SSL, rewrite_on: [:x_forwarded_proto], hsts: true\n';

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
    { name: 'no health route (health-endpoint-missing reports it)', notApplicable: 'no health route (reported by health-endpoint-missing)' },
  ],
  invalid: [
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
