import { rule } from '../../../src/audit/rules/logger-debug-in-prod.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const LOGGER = 'config :logger, level: :info\n';
const IMPORT = 'import_config "#{config_env()}.exs"';

ruleTester(rule, {
  valid: [
    { name: 'the generator prod.exs (:info)' },
    { name: ':debug in config.exs, overridden by prod.exs', edits: { 'config/config.exs': replace(IMPORT, `config :logger, level: :debug\n\n${IMPORT}`) } },
    { name: ':debug in dev.exs only', edits: { 'config/dev.exs': (s) => `${s}\nconfig :logger, level: :debug\n` } },
    {
      name: 'level read from LOG_LEVEL at boot (handled another way)',
      edits: {
        'config/prod.exs': replace(LOGGER, ''),
        'config/runtime.exs': replace('if config_env() == :prod do\n', 'if config_env() == :prod do\n  config :logger, level: String.to_existing_atom(System.get_env("LOG_LEVEL", "info"))\n\n'),
      },
    },
    {
      name: ':debug only behind an opt-in variable',
      edits: { 'config/runtime.exs': (s) => `${s}\nif System.get_env("DEBUG_LOGS") == "1" do\n  config :logger, level: :debug\nend\n` },
    },
  ],
  invalid: [
    { name: ':debug in prod.exs', base: fixture('phx18-insecure'), expect: ['config/prod.exs:22'], messageIncludes: ['config :logger, level: :debug in config/prod.exs'] },
    {
      name: ':debug in config.exs with no prod override',
      edits: { 'config/prod.exs': replace(LOGGER, ''), 'config/config.exs': replace(IMPORT, `config :logger, level: :debug\n\n${IMPORT}`) },
      expect: ['config/config.exs:64'],
    },
  ],
});
