import { rule } from '../../../src/audit/rules/csp-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
const HEADERS = '    plug :put_secure_browser_headers\n';

ruleTester(rule, {
  valid: [
    {
      name: 'explicit policy passed to put_secure_browser_headers',
      edits: { [ROUTER]: replace(HEADERS, `    plug :put_secure_browser_headers, %{"content-security-policy" => "default-src 'self'; connect-src 'self' wss:"}\n`) },
    },
    {
      name: 'policy built from a module attribute with <>',
      edits: {
        [ROUTER]: (s) =>
          replace(HEADERS, '    plug :put_secure_browser_headers, %{"content-security-policy" => @csp}\n')(
            replace('  import HelloPhoenixWeb.UserAuth\n', `  import HelloPhoenixWeb.UserAuth\n\n  @csp "default-src 'self'; " <> "img-src 'self' data:"\n`)(s),
          ),
      },
    },
    { name: 'CSP set by a custom plug (handled another way)', base: fixture('plug-ssl') },
    {
      name: 'headers computed by a function (cannot be read: assume handled)',
      edits: { [ROUTER]: replace(HEADERS, '    plug :put_secure_browser_headers, HelloPhoenixWeb.Security.headers()\n') },
    },
    { name: 'API-only app', notApplicable: 'no pipeline accepts "html" (API-only app)', base: fixture('api-no-ecto') },
  ],
  invalid: [
    { name: 'the 1.7 generator default (no policy)', expect: [`${ROUTER}:12`], messageIncludes: ['pipeline :browser', 'without a "content-security-policy"'] },
    { name: "Phoenix 1.8's minimal default is not explicit", base: fixture('phx18-bandit'), expect: ['lib/orbit_web/router.ex:11'], messageIncludes: ["base-uri 'self'"] },
    {
      name: 'no put_secure_browser_headers at all: evidence is the pipeline',
      edits: { [ROUTER]: replace(HEADERS, '') },
      expect: [`${ROUTER}:6`],
      messageIncludes: ['neither put_secure_browser_headers nor a CSP plug'],
    },
  ],
});
