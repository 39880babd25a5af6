import { rule } from '../../../src/audit/rules/csp-blocks-liveview-socket.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
const HEADERS = '    plug :put_secure_browser_headers\n';
const withPolicy = (policy: string) => ({ [ROUTER]: replace(HEADERS, `    plug :put_secure_browser_headers, %{"content-security-policy" => "${policy}"}\n`) });
const SIEVE_ROUTER = 'lib/sieve_web/router.ex';
/** The policy, with the prod url host a literal (so hosts are compared, not only ports and schemes). */
const withPolicyAndHost = (policy: string) => ({ ...withPolicy(policy), 'config/runtime.exs': replace('url: [host: host, port: 443', 'url: [host: "hello.example.com", port: 443') });

ruleTester(rule, {
  valid: [
    { name: "connect-src 'self' (CSP Level 3 matches wss: on the same host)", base: fixture('phx18-insecure') },
    { name: 'connect-src lists wss://<host>', edits: withPolicy("default-src 'self'; connect-src https://api.example.com wss://hello.example.com") },
    { name: 'connect-src allows the wss: scheme', edits: withPolicy("default-src 'none'; script-src 'self'; connect-src wss:") },
    { name: 'wss source with a path prefix covering /live/', edits: withPolicy("connect-src https://api.example.com wss://hello.example.com/live/") },
    { name: 'no connect-src and no default-src: connections are not restricted', edits: withPolicy("script-src 'self'; img-src 'self' data:") },
    { name: 'wss source with the default port written out (443)', edits: withPolicy('connect-src wss://hello.example.com:443') },
    { name: 'wss source with any port', edits: withPolicy('connect-src wss://hello.example.com:*') },
    { name: 'ws:// host source: upgraded to wss:// on 443 (CSP3)', edits: withPolicy('connect-src ws://hello.example.com') },
    // CSP3 §6.7.2.8 step 3.2: a host source without a scheme takes the page's (https: in prod), which covers wss:.
    { name: 'scheme-less host source: the page scheme https: covers wss:', edits: withPolicyAndHost('connect-src https://api.example.com hello.example.com') },
    { name: 'scheme-less wildcard host source', edits: withPolicyAndHost('connect-src *.example.com') },
    { name: 'wss source of the literal prod host', edits: withPolicyAndHost('connect-src wss://hello.example.com') },
    { name: "Phoenix 1.8's minimal policy", base: fixture('phx18-bandit') },
    {
      name: 'a custom CSP plug after put_secure_browser_headers sets the header last (handled another way)',
      notApplicable: /^no Content-Security-Policy literal is readable for the LiveView routes/,
      base: fixture('plug-ssl'),
      edits: {
        'lib/vault_web/router.ex': replace('    plug :put_secure_browser_headers\n', `    plug :put_secure_browser_headers, %{"content-security-policy" => "default-src https://cdn.example.com"}\n`),
      },
    },
    {
      name: 'a strict policy on a pipeline that only controller pages go through is not the LiveView routes\' policy',
      edits: {
        [ROUTER]: (text) =>
          replace('  pipeline :api do\n', `  pipeline :legal do\n    plug :accepts, ["html"]\n    plug :put_secure_browser_headers, %{"content-security-policy" => "default-src 'self'; connect-src 'none'"}\n  end\n\n  pipeline :api do\n`)(
            replace('  # Other scopes may use custom stacks.\n', '  scope "/legal", HelloPhoenixWeb do\n    pipe_through :legal\n\n    get "/terms", PageController, :terms\n  end\n\n  # Other scopes may use custom stacks.\n')(
              withPolicy("default-src 'self'; connect-src 'self'")[ROUTER](text),
            ),
          ),
      },
    },
    {
      name: 'the policy comes from a function of the app (not a literal: not read)',
      notApplicable: /^no Content-Security-Policy literal is readable for the LiveView routes/,
      edits: { [ROUTER]: replace(HEADERS, '    plug :put_secure_browser_headers, %{"content-security-policy" => HelloPhoenixWeb.CSP.policy()}\n') },
    },
    { name: 'no CSP at all (csp-missing reports it)', notApplicable: /^no Content-Security-Policy literal is readable for the LiveView routes/ },
  ],
  invalid: [
    {
      name: 'connect-src lists only an API host',
      base: fixture('phx18-insecure'),
      edits: { [SIEVE_ROUTER]: replace("connect-src 'self'", 'connect-src https://api.sieve.example.com') },
      expect: [`${SIEVE_ROUTER}:10`],
      messageIncludes: ['connect-src is "https://api.sieve.example.com"', '/live/websocket'],
    },
    {
      name: 'default-src applies when connect-src is absent',
      edits: withPolicy("default-src https://cdn.example.com; script-src 'self'"),
      expect: [`${ROUTER}:12`],
      messageIncludes: ['default-src (no connect-src'],
    },
    { name: 'only the dev websocket host is listed', edits: withPolicy("default-src 'self'; connect-src ws://localhost:4000"), expect: [`${ROUTER}:12`] },
    { name: 'wss source whose path does not cover /live/websocket', edits: withPolicy('connect-src wss://hello.example.com/socket'), expect: [`${ROUTER}:12`] },
    { name: "connect-src 'none'", edits: withPolicy("default-src 'self'; connect-src 'none'"), expect: [`${ROUTER}:12`] },
    { name: 'wss source on another port than 443', edits: withPolicy('connect-src wss://hello.example.com:4000'), expect: [`${ROUTER}:12`] },
    { name: 'ws:// source with the explicit port 80: no upgrade to 443', edits: withPolicy('connect-src ws://hello.example.com:80'), expect: [`${ROUTER}:12`] },
    { name: 'scheme-less host source of another host', edits: withPolicyAndHost('connect-src api.example.com'), expect: [`${ROUTER}:12`] },
    { name: 'wss source of another host than the literal prod host', edits: withPolicyAndHost('connect-src wss://api.example.com'), expect: [`${ROUTER}:12`] },
    { name: 'scheme-less host source on another port', edits: withPolicy('connect-src hello.example.com:8443'), expect: [`${ROUTER}:12`] },
    {
      name: 'the LiveView socket mounted at another path than /live: the policy must cover that path',
      edits: { ...withPolicy('connect-src wss://hello.example.com/live/'), 'lib/hello_phoenix_web/endpoint.ex': replace('socket "/live", Phoenix.LiveView.Socket', 'socket "/lv", Phoenix.LiveView.Socket') },
      expect: [`${ROUTER}:12`],
      messageIncludes: ['wss://<host>/lv/websocket'],
    },
    {
      name: 'a channels UserSocket mounted before /live, and connect-src lists only the API and Sentry',
      edits: {
        ...withPolicy("default-src 'self'; connect-src https://api.example.com https://o4506.ingest.sentry.io"),
        'lib/hello_phoenix_web/endpoint.ex': replace('  socket "/live", Phoenix.LiveView.Socket,', '  socket "/socket", HelloPhoenixWeb.UserSocket,\n    websocket: true,\n    longpoll: false\n\n  socket "/live", Phoenix.LiveView.Socket,'),
      },
      expect: [`${ROUTER}:12`],
      messageIncludes: ['connect-src is "https://api.example.com https://o4506.ingest.sentry.io"', 'wss://<host>/live/websocket'],
    },
    {
      name: 'an admin LiveView scope with its own stricter policy: each blocking policy is reported',
      edits: {
        [ROUTER]: (text) =>
          replace('  pipeline :api do\n', `  pipeline :admin_browser do\n    plug :accepts, ["html"]\n    plug :fetch_session\n    plug :fetch_live_flash\n    plug :protect_from_forgery\n    plug :put_secure_browser_headers, %{"content-security-policy" => "default-src 'none'; script-src 'self'; style-src 'self'"}\n  end\n\n  pipeline :api do\n`)(
            replace('  # Other scopes may use custom stacks.\n', '  scope "/admin", HelloPhoenixWeb.Admin do\n    pipe_through :admin_browser\n\n    live "/", DashboardLive, :index\n  end\n\n  # Other scopes may use custom stacks.\n')(
              withPolicy("default-src 'self'; connect-src https://api.example.com")[ROUTER](text),
            ),
          ),
      },
      expect: [`${ROUTER}:12`, `${ROUTER}:21`],
    },
    { name: 'https: does not cover the socket', edits: withPolicy("default-src 'self'; connect-src https:"), expect: [`${ROUTER}:12`] },
  ],
});
