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
    { name: 'MySQL without ssl', base: fixture('mysql'), expect: ['config/runtime.exs:30'] },
  ],
});
