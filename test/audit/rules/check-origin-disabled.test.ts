import { rule } from '../../../src/audit/rules/check-origin-disabled.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const SOCKET_WS = '    websocket: [connect_info: [session: @session_options]],\n';
const LIVE_SOCKET = '  socket "/live", Phoenix.LiveView.Socket,\n';
const PROD_BLOCK = 'if config_env() == :prod do\n';
const PROD_ENDPOINT_CONFIG = (value: string) => `${PROD_BLOCK}  config :hello_phoenix, HelloPhoenixWeb.Endpoint, check_origin: ${value}\n\n`;
/** A channel socket whose connect_info hands the conn to the app's own function: the cookie can authenticate it. */
const COOKIE_SOCKET = (check: string) =>
  `  socket "/socket", HelloPhoenixWeb.UserSocket,\n    websocket: [${check}connect_info: [:peer_data, {HelloPhoenixWeb.SocketAuth, :user_from_cookie, []}]]\n\n`;

ruleTester(rule, {
  valid: [
    { name: 'check_origin: false only in dev.exs (the generator default)' },
    { name: 'an explicit origin list in prod', base: fixture('plug-ssl') },
    {
      name: 'false in prod config, but the only socket checks its own origins',
      base: fixture('phx18-insecure'),
      edits: {
        'lib/sieve_web/endpoint.ex': replace(
          '    websocket: [connect_info: [session: @session_options]],\n    longpoll: [connect_info: [session: @session_options]]\n',
          '    websocket: [check_origin: ["https://sieve.example.com"], connect_info: [session: @session_options]],\n    longpoll: [check_origin: ["https://sieve.example.com"], connect_info: [session: @session_options]]\n',
        ),
      },
    },
    {
      name: 'false only behind an opt-in variable in runtime.exs',
      edits: {
        'config/runtime.exs': replace(
          PROD_BLOCK,
          'if System.get_env("ALLOW_ANY_ORIGIN") == "1" do\n  config :hello_phoenix, HelloPhoenixWeb.Endpoint, check_origin: false\nend\n\nif config_env() == :prod do\n',
        ),
      },
    },
    {
      name: 'read from env with a default that keeps the check on',
      edits: { 'config/runtime.exs': replace(PROD_BLOCK, PROD_ENDPOINT_CONFIG('System.get_env("CHECK_ORIGIN", "true") == "true"')) },
    },
  ],
  invalid: [
    {
      name: 'check_origin: false in prod.exs, only the LiveView socket (CSRF-checked session): a low note',
      base: fixture('phx18-insecure'),
      expect: ['config/prod.exs:8'],
      messageIncludes: ['check_origin: false for SieveWeb.Endpoint in config/prod.exs', 'Phoenix.LiveView.Socket (/live)', 'CSRF token'],
      severity: 'low',
    },
    {
      name: 'API app with a channel socket authenticated by a Phoenix.Token param: a low note',
      base: fixture('api-no-ecto'),
      expect: ['config/prod.exs:5'],
      messageIncludes: ['RelayWeb.UserSocket', 'receives no cookie'],
      severity: 'low',
    },
    {
      name: 'check_origin: false on the LiveView socket itself: a low note',
      edits: { [ENDPOINT]: replace(SOCKET_WS, '    websocket: [check_origin: false, connect_info: [session: @session_options]],\n') },
      expect: [`${ENDPOINT}:13`],
      messageIncludes: ['socket "/live" (Phoenix.LiveView.Socket)'],
      severity: 'low',
    },
    {
      name: 'a socket whose connect_info reads the conn (cookies) with check_origin: false: high',
      edits: { [ENDPOINT]: replace(LIVE_SOCKET, COOKIE_SOCKET('check_origin: false, ') + LIVE_SOCKET) },
      expect: [`${ENDPOINT}:13`],
      messageIncludes: ['socket "/socket" (HelloPhoenixWeb.UserSocket)', "hands the conn (the user's cookies)"],
      severity: 'high',
    },
    {
      name: 'endpoint-wide false reaching a cookie-reading socket: high, that socket named first',
      edits: {
        [ENDPOINT]: replace(LIVE_SOCKET, COOKIE_SOCKET('') + LIVE_SOCKET),
        'config/runtime.exs': replace(PROD_BLOCK, PROD_ENDPOINT_CONFIG('false')),
      },
      expect: ['config/runtime.exs:21'],
      messageIncludes: ['any site can open HelloPhoenixWeb.UserSocket (/socket), Phoenix.LiveView.Socket (/live)'],
      severity: 'high',
    },
    {
      name: 'the websocket checks its origins but the longpoll fallback sets check_origin: false',
      edits: {
        [ENDPOINT]: replace(
          '    websocket: [connect_info: [session: @session_options]],\n    longpoll: [connect_info: [session: @session_options]]\n',
          '    websocket: [check_origin: ["https://hello.example.com"], connect_info: [session: @session_options]],\n    longpoll: [check_origin: false, connect_info: [session: @session_options]]\n',
        ),
      },
      expect: [`${ENDPOINT}:13`],
      messageIncludes: ['socket "/live" (Phoenix.LiveView.Socket) in HelloPhoenixWeb.Endpoint sets check_origin: false'],
      severity: 'low',
    },
    {
      name: 'endpoint-wide false; the cookie-reading socket declared after /live is still named first',
      edits: {
        [ENDPOINT]: replace('    longpoll: [connect_info: [session: @session_options]]\n', `    longpoll: [connect_info: [session: @session_options]]\n\n${COOKIE_SOCKET('').trimEnd()}\n`),
        'config/runtime.exs': replace(PROD_BLOCK, PROD_ENDPOINT_CONFIG('false')),
      },
      expect: ['config/runtime.exs:21'],
      messageIncludes: ['any site can open HelloPhoenixWeb.UserSocket (/socket), Phoenix.LiveView.Socket (/live)'],
      severity: 'high',
    },
    {
      name: 'read from env with an unsafe default ("false" unless CHECK_ORIGIN says otherwise)',
      edits: { 'config/runtime.exs': replace(PROD_BLOCK, PROD_ENDPOINT_CONFIG('System.get_env("CHECK_ORIGIN", "false") == "true"')) },
      expect: ['config/runtime.exs:21'],
      messageIncludes: ['check_origin off by default (CHECK_ORIGIN unset)'],
      severity: 'low',
    },
    {
      name: 'read from env through a parser with a default of "false"',
      edits: { 'config/runtime.exs': replace(PROD_BLOCK, PROD_ENDPOINT_CONFIG('System.get_env("CHECK_ORIGIN", "false") |> HelloPhoenix.Config.parse_origin!()')) },
      expect: ['config/runtime.exs:21'],
      messageIncludes: ['CHECK_ORIGIN unset'],
      severity: 'low',
    },
  ],
});
