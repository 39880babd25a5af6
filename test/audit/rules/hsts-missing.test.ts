import { rule } from '../../../src/audit/rules/hsts-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const PROD = 'config/prod.exs';
const FORCE_SSL = 'force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: [hosts: ["localhost", "127.0.0.1"]]]';
const NO_HSTS = 'force_ssl: [rewrite_on: [:x_forwarded_proto], hsts: false, exclude: [hosts: ["localhost", "127.0.0.1"]]]';

ruleTester(rule, {
  valid: [
    { name: 'force_ssl with the default HSTS', base: fixture('phx17-tailwind') },
    { name: 'Plug.SSL with hsts: true', base: fixture('plug-ssl') },
    { name: 'HTTPS not enforced at all (https-not-enforced reports it)', notApplicable: 'HTTPS is not enforced by the app (reported by https-not-enforced)' },
    {
      name: 'hsts: false on force_ssl but the header is sent by put_secure_browser_headers (handled another way)',
      base: fixture('phx17-tailwind'),
      edits: {
        [PROD]: replace(FORCE_SSL, NO_HSTS),
        'lib/pinboard_web/router.ex': replace(
          '    plug :put_secure_browser_headers\n',
          '    plug :put_secure_browser_headers, %{"strict-transport-security" => "max-age=31536000"}\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'force_ssl with hsts: false',
      base: fixture('phx17-tailwind'),
      edits: { [PROD]: replace(FORCE_SSL, NO_HSTS) },
      expect: [`${PROD}:8`],
      messageIncludes: ['force_ssl in config/prod.exs sets hsts: false'],
    },
    {
      name: 'Plug.SSL with hsts: false',
      base: fixture('plug-ssl'),
      edits: { 'lib/vault_web/endpoint.ex': replace('rewrite_on: [:x_forwarded_proto], hsts: true', 'rewrite_on: [:x_forwarded_proto], hsts: false') },
      expect: ['lib/vault_web/endpoint.ex:23'],
      messageIncludes: ['plug Plug.SSL in VaultWeb.Endpoint'],
    },
    {
      name: 'Plug.SSL with hsts: false in the browser pipeline',
      edits: { 'lib/hello_phoenix_web/router.ex': replace('    plug :fetch_session\n', '    plug :fetch_session\n    plug Plug.SSL, rewrite_on: [:x_forwarded_proto], hsts: false\n') },
      expect: ['lib/hello_phoenix_web/router.ex:9'],
      messageIncludes: ['force_ssl sets hsts: false'],
    },
  ],
});
