import { rule } from '../../../src/audit/rules/secure-browser-headers-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';
import { EMBED_ROUTER, embedRouter, HOST_DISPATCH, PARTNER_ROUTER, partnerRouter, secondEndpoint } from '../../helpers/more-routers.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const HEADERS = '    plug :put_secure_browser_headers\n';

ruleTester(rule, {
  valid: [
    { name: 'a router reached through a host-dispatching plug that sets the headers', edits: HOST_DISPATCH },
    {
      name: "a second endpoint's pipeline that only negotiates the format (an API's OpenAPI document and Swagger UI) is no browser pipeline",
      edits: { ...secondEndpoint(), [EMBED_ROUTER]: embedRouter(['plug :accepts, ["html", "json"]']) },
    },
    { name: 'a second endpoint prod does not serve is not judged', edits: secondEndpoint(false) },
    { name: 'the generator browser pipeline' },
    {
      name: 'a project plug that sets the headers (handled another way)',
      edits: { [ROUTER]: replace(HEADERS, '    plug HelloPhoenixWeb.Plugs.SecurityHeaders\n') },
    },
    {
      name: 'headers set for every request in the endpoint',
      edits: {
        [ROUTER]: replace(HEADERS, ''),
        [ENDPOINT]: replace('  plug Plug.RequestId\n', '  plug HelloPhoenixWeb.SecureHeaders\n  plug Plug.RequestId\n'),
      },
    },
    { name: 'API-only app', notApplicable: 'no pipeline accepts "html" (API-only app)', base: fixture('api-no-ecto') },
  ],
  invalid: [
    {
      name: "a second endpoint's router without the headers (served in prod beside the main one)",
      edits: secondEndpoint(),
      expect: [`${EMBED_ROUTER}:4`],
      messageIncludes: ['pipeline :embed in HelloPhoenixWeb.EmbedRouter (served by HelloPhoenixWeb.EmbedEndpoint) accepts "html"'],
    },
    {
      name: 'a router reached through a host-dispatching plug without the headers',
      edits: { ...HOST_DISPATCH, [PARTNER_ROUTER]: partnerRouter(['plug :accepts, ["html"]', 'plug :fetch_session', 'plug :protect_from_forgery']) },
      expect: [`${PARTNER_ROUTER}:6`],
      messageIncludes: ['in HelloPhoenixWeb.PartnerRouter (reached through HelloPhoenixWeb.HostDispatch)'],
    },
    {
      name: 'put_secure_browser_headers removed from the browser pipeline',
      edits: { [ROUTER]: replace(HEADERS, '') },
      expect: [`${ROUTER}:6`],
      messageIncludes: ['pipeline :browser in HelloPhoenixWeb.Router', 'x-frame-options'],
    },
    {
      name: 'Phoenix 1.5 app without the plug',
      base: fixture('phx15-webpack'),
      edits: { 'lib/legacy_shop_web/router.ex': replace(HEADERS, '') },
      expect: ['lib/legacy_shop_web/router.ex:4'],
    },
  ],
});
