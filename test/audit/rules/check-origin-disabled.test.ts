import { rule } from '../../../src/audit/rules/check-origin-disabled.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const SOCKET_WS = '    websocket: [connect_info: [session: @session_options]],\n';

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
          'if config_env() == :prod do\n',
          'if System.get_env("ALLOW_ANY_ORIGIN") == "1" do\n  config :hello_phoenix, HelloPhoenixWeb.Endpoint, check_origin: false\nend\n\nif config_env() == :prod do\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'check_origin: false in prod.exs',
      base: fixture('phx18-insecure'),
      expect: ['config/prod.exs:8'],
      messageIncludes: ['check_origin: false for SieveWeb.Endpoint in config/prod.exs', 'Phoenix.LiveView.Socket (/live)'],
    },
    { name: 'API app with a channel socket', base: fixture('api-no-ecto'), expect: ['config/prod.exs:5'], messageIncludes: ['RelayWeb.UserSocket'] },
    {
      name: 'check_origin: false on the LiveView socket itself',
      edits: { [ENDPOINT]: replace(SOCKET_WS, '    websocket: [check_origin: false, connect_info: [session: @session_options]],\n') },
      expect: [`${ENDPOINT}:13`],
      messageIncludes: ['socket "/live" (Phoenix.LiveView.Socket)'],
    },
  ],
});
