import { rule } from '../../../src/audit/rules/ecto-ipv6-not-handled.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

ruleTester(rule, {
  valid: [
    { name: 'socket_options from ECTO_IPV6 (the 1.7 generator)' },
    { name: 'ECTO_IPV6 read through Dotenvy env!', base: fixture('env-helpers') },
    { name: 'MySQL with ECTO_IPV6', base: fixture('mysql') },
    {
      name: 'literal socket_options: [:inet6]',
      edits: { 'config/runtime.exs': replace('socket_options: maybe_ipv6', 'socket_options: [:inet6]') },
    },
    {
      name: 'socket_options computed by a helper (cannot be judged: left alone)',
      edits: { 'config/runtime.exs': replace('socket_options: maybe_ipv6', 'socket_options: HelloPhoenix.Network.socket_options()') },
    },
    { name: 'SQLite: not applicable', notApplicable: 'the database is neither Postgres nor MySQL', base: fixture('sqlite') },
  ],
  invalid: [
    {
      name: 'socket_options removed from the Repo config',
      edits: { 'config/runtime.exs': replace('pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10"),\n    socket_options: maybe_ipv6', 'pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")') },
      expect: ['config/runtime.exs:30'],
      messageIncludes: ['HelloPhoenix.Repo', 'ECTO_IPV6', ':nxdomain'],
    },
    { name: 'phx18-insecure: runtime Repo config without socket_options', base: fixture('phx18-insecure'), expect: ['config/runtime.exs:4'] },
    { name: 'Phoenix 1.5 releases.exs without socket_options', base: fixture('phx15-webpack'), expect: ['config/releases.exs:11'] },
    {
      name: 'literal socket_options without :inet6',
      edits: { 'config/runtime.exs': replace('socket_options: maybe_ipv6', 'socket_options: [keepalive: true]') },
      expect: ['config/runtime.exs:34'],
      messageIncludes: ['without :inet6'],
    },
  ],
});
