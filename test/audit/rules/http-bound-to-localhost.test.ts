import { rule } from '../../../src/audit/rules/http-bound-to-localhost.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

ruleTester(rule, {
  valid: [
    { name: 'IPv6 any in runtime.exs; dev.exs binds 127.0.0.1 (not prod)' },
    {
      name: 'prod.exs binds loopback but runtime.exs rebinds every interface',
      base: fixture('phx18-insecure'),
      edits: { 'config/runtime.exs': replace('url: [host:', 'http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: 4000],\n    url: [host:') },
    },
    {
      name: 'loopback only under a condition (deliberate)',
      edits: {
        'config/runtime.exs': replace('  # ## SSL Support', '  if System.get_env("BEHIND_LOCAL_PROXY") do\n    config :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [ip: {127, 0, 0, 1}]\n  end\n\n  # ## SSL Support'),
      },
    },
  ],
  invalid: [
    { name: 'phx18-insecure: http ip {127, 0, 0, 1} in prod.exs', base: fixture('phx18-insecure'), expect: ['config/prod.exs:6'], messageIncludes: ['{127, 0, 0, 1}', 'SieveWeb.Endpoint'] },
    {
      name: 'IPv6 loopback in runtime.exs',
      edits: { 'config/runtime.exs': replace('ip: {0, 0, 0, 0, 0, 0, 0, 0},', 'ip: {0, 0, 0, 0, 0, 0, 0, 1},') },
      expect: ['config/runtime.exs:58'],
      messageIncludes: ['{0, 0, 0, 0, 0, 0, 0, 1}'],
    },
  ],
});
