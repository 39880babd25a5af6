import { rule } from '../../../src/audit/rules/secret-key-base-literal.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const FAKE = 'q'.repeat(64);

/** A literal in config.exs, and runtime.exs's prod endpoint config replaced by `tryBlock` (a try … rescue … end). */
const literalAndTry = (tryBlock: string) => ({
  'config/config.exs': replace('pubsub_server: HelloPhoenix.PubSub,', `pubsub_server: HelloPhoenix.PubSub,\n  secret_key_base: "${FAKE}",`),
  'config/runtime.exs': (t: string) =>
    t.replace('    secret_key_base: secret_key_base\n', '    server: true\n').replace('  host = System.get_env("PHX_HOST")', `${tryBlock}\n\n  host = System.get_env("PHX_HOST")`),
});

ruleTester(rule, {
  valid: [
    { name: 'read from SECRET_KEY_BASE in runtime.exs; literals only in dev.exs and test.exs' },
    { name: 'Phoenix 1.5: literal in config.exs replaced for prod by prod.secret.exs / releases.exs', base: fixture('phx15-webpack') },
    {
      name: 'literal inside a dev-only branch of runtime.exs',
      edits: { 'config/runtime.exs': replace('if config_env() == :prod do', `if config_env() == :dev do\n  config :hello_phoenix, HelloPhoenixWeb.Endpoint, secret_key_base: "${FAKE}"\nend\n\nif config_env() == :prod do`) },
    },
    {
      name: 'literal in config.exs replaced for prod inside a try/rescue of runtime.exs',
      edits: literalAndTry('  try do\n    config(:hello_phoenix, HelloPhoenixWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE"))\n  rescue\n    e -> exit({:shutdown, Exception.message(e)})\n  end'),
    },
    {
      name: 'empty string placeholder',
      edits: { 'config/config.exs': replace('pubsub_server: HelloPhoenix.PubSub,', 'pubsub_server: HelloPhoenix.PubSub,\n  secret_key_base: "",') },
    },
  ],
  invalid: [
    {
      name: 'phx18-insecure: literal in prod.exs',
      base: fixture('phx18-insecure'),
      expect: ['config/prod.exs:7'],
      messageIncludes: ['SieveWeb.Endpoint secret_key_base', '64-character literal'],
    },
    {
      name: 'literal in config.exs that nothing replaces for prod',
      edits: {
        'config/config.exs': replace('pubsub_server: HelloPhoenix.PubSub,', `pubsub_server: HelloPhoenix.PubSub,\n  secret_key_base: "${FAKE}",`),
        'config/runtime.exs': replace('    secret_key_base: secret_key_base\n', '    server: true\n'),
      },
      expect: ['config/config.exs:23'],
    },
    {
      name: 'literal in config.exs replaced only in the rescue clause of a try (when the env read failed)',
      edits: literalAndTry('  try do\n    :ok = HelloPhoenix.Secrets.check()\n  rescue\n    _ -> config(:hello_phoenix, HelloPhoenixWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE"))\n  end'),
      expect: ['config/config.exs:23'],
    },
    {
      name: 'literal in runtime.exs prod branch',
      edits: { 'config/runtime.exs': replace('    secret_key_base: secret_key_base\n', `    secret_key_base: "${FAKE}"\n`) },
      expect: ['config/runtime.exs:61'],
    },
  ],
});
