import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/audit/engine.js';
import { rule } from '../../../src/audit/rules/sentry-dsn-hardcoded.js';
import { fixture, replace, scanProject } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DSN = 'https://0123456789abcdef0123456789abcdef@o12345.ingest.sentry.io/6789012';
const LOGGER = 'config :logger, level: :info\n';

ruleTester(rule, {
  valid: [
    { name: 'DSN read from SENTRY_DSN in runtime.exs', base: fixture('oban-libcluster-redis') },
    {
      name: 'a literal in config.exs replaced from the env in runtime.exs (prod runs with the env value)',
      edits: {
        'config/config.exs': replace('import_config "#{config_env()}.exs"', `config :sentry, dsn: "${DSN}"\n\nimport_config "#{config_env()}.exs"`),
        'config/runtime.exs': replace('if config_env() == :prod do\n', 'if config_env() == :prod do\n  config :sentry, dsn: System.fetch_env!("SENTRY_DSN")\n\n'),
      },
    },
    { name: 'a literal DSN only in dev.exs', notApplicable: 'no Sentry DSN configured for prod', edits: { 'config/dev.exs': (s) => `${s}\nconfig :sentry, dsn: "${DSN}"\n` } },
    {
      name: 'an empty DSN in prod.exs (Sentry left disabled)',
      edits: { 'config/prod.exs': replace(LOGGER, `${LOGGER}\nconfig :sentry, dsn: "", environment_name: :prod\n`) },
    },
    { name: 'no Sentry at all', notApplicable: 'no Sentry DSN configured for prod' },
  ],
  invalid: [
    {
      name: 'literal DSN in prod.exs',
      edits: { 'config/prod.exs': replace(LOGGER, `${LOGGER}\nconfig :sentry, dsn: "${DSN}", environment_name: :prod\n`) },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['config :sentry, dsn: in config/prod.exs is a literal DSN'],
    },
    {
      name: 'literal DSN in prod.exs in the config :sentry, :dsn, value form',
      edits: { 'config/prod.exs': replace(LOGGER, `${LOGGER}\nconfig :sentry, :dsn, "${DSN}"\n`) },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['config :sentry, dsn: in config/prod.exs is a literal DSN (value not shown)'],
    },
    {
      name: 'literal DSN in config.exs with nothing overriding it',
      edits: { 'config/config.exs': replace('import_config "#{config_env()}.exs"', `config :sentry,\n  dsn: "${DSN}"\n\nimport_config "#{config_env()}.exs"`) },
      expect: ['config/config.exs:65'],
    },
  ],
});

describe('sentry-dsn-hardcoded message', () => {
  it('never prints the DSN or any part of its key', async () => {
    const profile = await scanProject({ 'config/prod.exs': replace(LOGGER, `${LOGGER}\nconfig :sentry, dsn: "${DSN}"\n`) });
    const [finding] = audit(profile, { rules: [rule] }).findings;
    expect(finding).toBeDefined();
    expect(finding!.message).not.toContain('0123456789abcdef');
    expect(finding!.message).not.toContain('ingest.sentry.io');
  });
});
