import { rule } from '../../../src/audit/rules/ecto-ipv6-not-handled.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const RUNTIME_REPO =
  '  maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []\n\n  config :hello_phoenix, HelloPhoenix.Repo,\n    # ssl: true,\n    url: database_url,\n    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10"),\n    socket_options: maybe_ipv6\n';

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
    {
      name: 'socket_options: [] (explicitly IPv4 only)',
      edits: { 'config/runtime.exs': replace('socket_options: maybe_ipv6', 'socket_options: []') },
      expect: ['config/runtime.exs:34'],
      messageIncludes: ['without :inet6'],
    },
    {
      name: 'a conditional Repo override before the Repo config: the finding points at the unconditional one',
      edits: {
        'config/runtime.exs': replace(
          RUNTIME_REPO,
          '  if System.get_env("DATABASE_SSL") in ~w(true 1) do\n    config :hello_phoenix, HelloPhoenix.Repo, ssl: true\n  end\n\n  config :hello_phoenix, HelloPhoenix.Repo,\n    url: database_url,\n    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")\n',
        ),
      },
      expect: ['config/runtime.exs:32'],
      messageIncludes: ['has no socket_options'],
    },
    {
      name: 'the Repo configured only in prod.exs (runtime.exs does not configure it)',
      edits: {
        'config/runtime.exs': replace(RUNTIME_REPO, ''),
        'config/prod.exs': replace('# Configures Swoosh API Client', 'config :hello_phoenix, HelloPhoenix.Repo,\n  url: System.get_env("DATABASE_URL"),\n  pool_size: 10\n\n# Configures Swoosh API Client'),
      },
      expect: ['config/prod.exs:9'],
      messageIncludes: ['has no socket_options'],
    },
  ],
});
