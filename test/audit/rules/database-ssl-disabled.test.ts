import { rule } from '../../../src/audit/rules/database-ssl-disabled.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

ruleTester(rule, {
  valid: [
    { name: 'ssl: true in runtime.exs', edits: { 'config/runtime.exs': replace('# ssl: true,', 'ssl: true,') } },
    {
      name: 'ssl decided by an env var',
      edits: { 'config/runtime.exs': replace('# ssl: true,', 'ssl: System.get_env("DATABASE_SSL") == "true",') },
    },
    {
      name: 'literal URL that asks for TLS',
      edits: { 'config/runtime.exs': replace('url: database_url,', 'url: "ecto://app@db.internal/app?ssl=true",') },
    },
    {
      name: 'ssl: true in config.exs; the later ssl: false of dev.exs does not apply in prod',
      edits: {
        'config/config.exs': replace('# Configures the endpoint', 'config :hello_phoenix, HelloPhoenix.Repo, ssl: true\n\n# Configures the endpoint'),
        'config/dev.exs': replace('stacktrace: true,', 'stacktrace: true,\n  ssl: false,'),
      },
    },
    {
      name: 'the Repo configured only at compile time in prod.exs (no runtime Repo config to judge)',
      edits: {
        'config/runtime.exs': replace('  config :hello_phoenix, HelloPhoenix.Repo,\n    # ssl: true,\n    url: database_url,\n    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10"),\n    socket_options: maybe_ipv6\n', ''),
        'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\n\nconfig :hello_phoenix, HelloPhoenix.Repo,\n  url: System.get_env("DATABASE_URL"),\n  pool_size: 10'),
      },
    },
    { name: 'SQLite: not applicable', notApplicable: 'the database is neither Postgres nor MySQL', base: fixture('sqlite') },
    { name: 'no database: not applicable', notApplicable: 'the database is neither Postgres nor MySQL', base: fixture('api-no-ecto') },
  ],
  invalid: [
    {
      name: 'the generator default (# ssl: true commented out)',
      expect: ['config/runtime.exs:30'],
      messageIncludes: ['HelloPhoenix.Repo', 'private network'],
    },
    {
      name: 'explicit ssl: false in prod.exs',
      edits: { 'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\n\nconfig :hello_phoenix, HelloPhoenix.Repo, ssl: false') },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['ssl: false'],
    },
    {
      name: 'ssl: nil in runtime.exs',
      edits: { 'config/runtime.exs': replace('# ssl: true,', 'ssl: nil,') },
      expect: ['config/runtime.exs:31'],
      messageIncludes: ['ssl: nil'],
    },
    {
      name: 'no ssl option; a conditional Repo override comes first, the finding points at the unconditional config',
      edits: {
        'config/runtime.exs': replace(
          '  config :hello_phoenix, HelloPhoenix.Repo,\n    # ssl: true,\n',
          '  if System.get_env("DATABASE_READ_REPLICA") do\n    config :hello_phoenix, HelloPhoenix.Repo, after_connect: {Postgrex, :query!, ["SET default_transaction_read_only = on", []]}\n  end\n\n  config :hello_phoenix, HelloPhoenix.Repo,\n',
        ),
      },
      expect: ['config/runtime.exs:34'],
      messageIncludes: ['HelloPhoenix.Repo'],
    },
    { name: 'MySQL without ssl', base: fixture('mysql'), expect: ['config/runtime.exs:30'] },
  ],
});
