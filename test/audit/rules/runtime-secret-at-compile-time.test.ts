import { rule } from '../../../src/audit/rules/runtime-secret-at-compile-time.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const CONFIG_END = 'import_config "#{config_env()}.exs"';

ruleTester(rule, {
  valid: [
    { name: 'every secret read in runtime.exs (the 1.7 generator)' },
    {
      name: 'optional build-time read that runtime.exs replaces for prod (handled at runtime)',
      edits: { 'config/config.exs': replace(CONFIG_END, `config :hello_phoenix, HelloPhoenix.Repo, url: System.get_env("DATABASE_URL")\n\n${CONFIG_END}`) },
    },
    {
      name: 'secret read at build time only for dev',
      edits: { 'config/dev.exs': replace('import Config', 'import Config\n\nconfig :hello_phoenix, :stripe, api_key: System.get_env("STRIPE_API_KEY")') },
    },
    {
      name: 'non-secret read at build time (PORT, POOL_SIZE)',
      edits: { 'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\nconfig :hello_phoenix, :port, System.get_env("PORT")') },
    },
    {
      name: 'settings about a credential read at build time (a cookie domain, a token limit) are not secrets',
      edits: {
        'config/config.exs': replace(
          CONFIG_END,
          `config :hello_phoenix, HelloPhoenixWeb.Endpoint, session_cookie_domain: System.get_env("SESSION_COOKIE_DOMAIN")\nconfig :hello_phoenix, :api, token_limit: String.to_integer(System.get_env("API_GRAPHQL_TOKEN_LIMIT") || "1000")\n\n${CONFIG_END}`,
        ),
      },
    },
    {
      name: '{:system, VAR} tuple is resolved at boot by the library',
      edits: { 'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\nconfig :hello_phoenix, :sentry, dsn: {:system, "SENTRY_DSN"}') },
    },
  ],
  invalid: [
    {
      name: 'Phoenix 1.5 prod.secret.exs reads DATABASE_URL and SECRET_KEY_BASE with raise',
      base: fixture('phx15-webpack'),
      expect: ['config/prod.secret.exs:8', 'config/prod.secret.exs:20'],
      messageIncludes: ['DATABASE_URL', 'build raises', 'config/releases.exs:5'],
    },
    {
      name: 'optional DATABASE_URL read in config.exs that runtime.exs does not replace',
      base: fixture('phx18-insecure'),
      expect: ['config/config.exs:16'],
      messageIncludes: ['Sieve.Repo url', 'baked into the release'],
    },
    {
      name: 'fetch_env! of an API key in prod.exs',
      edits: { 'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\n\nconfig :hello_phoenix, HelloPhoenix.Mailer, api_key: System.fetch_env!("POSTMARK_API_KEY")') },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['POSTMARK_API_KEY', 'HelloPhoenix.Mailer api_key'],
    },
    {
      name: 'optional build-time read of an API key that runtime.exs reads again under another key',
      edits: {
        'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\n\nconfig :hello_phoenix, HelloPhoenix.Mailer, api_key: System.get_env("POSTMARK_API_KEY")'),
        'config/runtime.exs': replace('import Config\n', 'import Config\n\nconfig :hello_phoenix, :postmark_api_key, System.get_env("POSTMARK_API_KEY")\n'),
      },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['whatever POSTMARK_API_KEY holds in the build environment is baked into the release; config/runtime.exs:3 reads it again at boot'],
    },
  ],
});
