import { rule } from '../../../src/audit/rules/pool-size-not-configurable.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const POOL = 'pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10"),';

ruleTester(rule, {
  valid: [
    { name: 'POOL_SIZE read in runtime.exs (the 1.7 generator)' },
    { name: 'literal 10 in config.exs, POOL_SIZE read at runtime', base: fixture('phx18-insecure') },
    { name: 'POOL_SIZE through Dotenvy env!', base: fixture('env-helpers') },
    {
      name: 'computed at boot from the scheduler count',
      edits: { 'config/runtime.exs': replace(POOL, 'pool_size: System.schedulers_online() * 2,') },
    },
    { name: 'no database: not applicable', notApplicable: 'the app has no database', base: fixture('api-no-ecto') },
  ],
  invalid: [
    {
      name: 'literal pool_size in runtime.exs',
      edits: { 'config/runtime.exs': replace(POOL, 'pool_size: 10,') },
      expect: ['config/runtime.exs:33'],
      messageIncludes: ['HelloPhoenix.Repo', 'literal 10'],
    },
    {
      name: 'no pool_size at all',
      edits: { 'config/runtime.exs': replace(`${POOL}\n`, '') },
      expect: ['config/runtime.exs:30'],
      messageIncludes: ['no pool_size', 'POOL_SIZE'],
    },
    {
      name: 'POOL_SIZE read at build time in prod.exs only',
      edits: {
        'config/runtime.exs': replace(`${POOL}\n`, ''),
        'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\n\nconfig :hello_phoenix, HelloPhoenix.Repo, pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")'),
      },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['at build time'],
    },
  ],
});
