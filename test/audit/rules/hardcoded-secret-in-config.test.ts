import { rule } from '../../../src/audit/rules/hardcoded-secret-in-config.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const LOGGER = 'config :logger, level: :info';
/** prod.exs with `config` lines appended after the logger level. */
const prodWith = (extra: string) => ({ 'config/prod.exs': replace(LOGGER, `${LOGGER}\n\n${extra}`) });

ruleTester(rule, {
  valid: [
    { name: 'signing_salt literals and dev/test database passwords only' },
    { name: 'SMTP password read from the env in runtime.exs', base: fixture('plug-ssl') },
    { name: 'AWS secret via fetch_env! (umbrella)', base: fixture('umbrella') },
    {
      name: 'keys that only look like secrets (password_reset_path, token_ttl, encryption_salt)',
      edits: { 'config/prod.exs': replace(LOGGER, `${LOGGER}\n\nconfig :hello_phoenix, :accounts, password_reset_path: "/reset", token_ttl: "1d", encryption_salt: "abcdefgh"`) },
    },
    {
      name: 'dev default in config.exs replaced for prod by an env read in runtime.exs',
      edits: {
        'config/config.exs': replace('# Configures the mailer', 'config :hello_phoenix, :stripe, api_key: "sk_test_dev_only"\n\n# Configures the mailer'),
        'config/runtime.exs': replace('  # ## SSL Support', '  config :hello_phoenix, :stripe, api_key: System.fetch_env!("STRIPE_API_KEY")\n\n  # ## SSL Support'),
      },
    },
    {
      name: 'dev default in config.exs replaced by a runtime list built with ++',
      edits: {
        'config/config.exs': replace('# Configures the mailer', 'config :hello_phoenix, :stripe, api_key: "sk_test_dev_only"\n\n# Configures the mailer'),
        'config/runtime.exs': replace('  # ## SSL Support', '  config :hello_phoenix, :stripe, [api_key: System.fetch_env!("STRIPE_API_KEY")] ++ [enabled: true]\n\n  # ## SSL Support'),
      },
    },
    { name: 'a Stripe test key in dev.exs only (does not apply in prod)', edits: { 'config/dev.exs': (t: string) => `${t}\nconfig :hello_phoenix, :stripe, api_key: "sk_test_51HxQ2bLkdIwHu7ixPqW3f9"\n` } },
    { name: 'a non-secret top-level setting with a literal string', edits: prodWith('config :hello_phoenix, :support_email, "ops@hello-phoenix.org"') },
    { name: 'a nested placeholder api key (REPLACE_ME)', edits: prodWith('config :hello_phoenix, :stripe, api_key: "sk_live_REPLACE_ME", currency: "eur"') },
    { name: "PostHog's public project key (phc_, published for browsers)", edits: prodWith('config :posthog, api_url: "https://eu.posthog.com", api_key: "phc_8sd7Fq2LkJ3mN0pQrStUvWxYz"') },
    { name: 'empty string', edits: { 'config/prod.exs': replace(LOGGER, `${LOGGER}\nconfig :hello_phoenix, :smtp, password: ""`) } },
  ],
  invalid: [
    { name: 'phx18-insecure: Mailgun api_key literal in prod.exs', base: fixture('phx18-insecure'), expect: ['config/prod.exs:12'], messageIncludes: ['Sieve.Mailer api_key'] },
    {
      name: 'nested password and a top-level secret key',
      edits: {
        'config/prod.exs': replace(LOGGER, `${LOGGER}\n\nconfig :hello_phoenix, HelloPhoenix.Mailer,\n  adapter: Swoosh.Adapters.SMTP,\n  auth: [username: "app", password: "hunter2hunter2"]\n\nconfig :hello_phoenix, :webhook_secret, "whsec_0123456789"`),
      },
      expect: ['config/prod.exs:20', 'config/prod.exs:22'],
    },
    {
      name: 'an AWS secret key as a top-level keyword of config :ex_aws',
      edits: prodWith('config :ex_aws,\n  access_key_id: "AKIAIOSFODNN7QWERTYU",\n  secret_access_key: "wJalrXUtnFEMI7K7MDENGbPxRfiCYzEXAMPLQ"'),
      expect: ['config/prod.exs:20'],
      messageIncludes: [':ex_aws secret_access_key is a literal string in config/prod.exs'],
    },
    {
      name: 'a nested password next to a placeholder one on another line',
      edits: prodWith('config :hello_phoenix, :ftp,\n  staging: [password: "changeme"],\n  production: [password: "q8Lz2vX9mPw4"]'),
      expect: ['config/prod.exs:20'],
      messageIncludes: ['ftp production.password is a literal string'],
    },
    {
      name: 'literal in prod.exs that a project config provider (no readable source) likely replaces: medium',
      edits: {
        ...prodWith('config :hello_phoenix, :smtp, password: "hunter2hunter2"'),
        'mix.exs': replace('      deps: deps()\n', '      deps: deps(),\n      releases: [hello_phoenix: [config_providers: [{HelloPhoenix.VaultConfigProvider, mount: "secret/hello_phoenix"}]]]\n'),
      },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['release config provider HelloPhoenix.VaultConfigProvider (its own source)'],
      severity: 'medium',
    },
    {
      name: 'literal in prod.exs that a release config provider (TOML read at boot) likely replaces: medium',
      edits: {
        'config/prod.exs': replace(LOGGER, `${LOGGER}\n\nconfig :hello_phoenix, :smtp, password: "hunter2hunter2"`),
        'mix.exs': replace('      deps: deps()\n', '      deps: deps(),\n      releases: [hello_phoenix: [config_providers: [{Toml.Provider, path: {:system, "RELEASE_ROOT", "/config.toml"}}]]]\n'),
      },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['likely overridden at boot by the release config provider Toml.Provider ($RELEASE_ROOT/config.toml)'],
      severity: 'medium',
    },
  ],
});
