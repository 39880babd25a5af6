import { rule } from '../../../src/audit/rules/csp-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';
import { EMBED_ROUTER, embedRouter, HOST_DISPATCH, MAIN_CSP, PARTNER_ROUTER, partnerRouter, secondEndpoint } from '../../helpers/more-routers.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
const HEADERS = '    plug :put_secure_browser_headers\n';

ruleTester(rule, {
  valid: [
    {
      name: 'a router reached through a host-dispatching plug with its own policy',
      edits: { ...MAIN_CSP, ...HOST_DISPATCH, [PARTNER_ROUTER]: partnerRouter(['plug :accepts, ["html"]', `plug :put_secure_browser_headers, %{"content-security-policy" => "default-src 'self'"}`]) },
    },
    {
      name: "a second endpoint's pipeline that only negotiates the format (an API's OpenAPI document and Swagger UI) is no browser pipeline",
      edits: { ...MAIN_CSP, ...secondEndpoint(), [EMBED_ROUTER]: embedRouter(['plug :accepts, ["html", "json"]']) },
    },
    { name: 'a second endpoint prod does not serve (no server: true) is not judged', edits: { ...MAIN_CSP, ...secondEndpoint(false) } },
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
    {
      name: 'a router reached through a host-dispatching plug is judged on its own (the main router has a policy)',
      edits: { ...MAIN_CSP, ...HOST_DISPATCH },
      expect: [`${PARTNER_ROUTER}:10`],
      messageIncludes: ['pipeline :partner_browser of HelloPhoenixWeb.PartnerRouter (reached through HelloPhoenixWeb.HostDispatch) serves HTML'],
    },
    {
      name: "a second endpoint's router (served in prod beside the main one) is judged on its own",
      edits: { ...MAIN_CSP, ...secondEndpoint() },
      expect: [`${EMBED_ROUTER}:4`],
      messageIncludes: ['pipeline :embed of HelloPhoenixWeb.EmbedRouter (served by HelloPhoenixWeb.EmbedEndpoint) serves HTML', 'neither put_secure_browser_headers nor a CSP plug'],
    },
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
