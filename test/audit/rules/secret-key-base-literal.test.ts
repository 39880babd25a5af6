import { rule } from '../../../src/audit/rules/secret-key-base-literal.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const FAKE = 'q'.repeat(64);
/** A made-up key with the look of `mix phx.gen.secret` output (placeholders are not reported as fallbacks). */
const RANDOM = 'p7Rw2Kq9Lm4Xv8Tn3Bc6Hj1Fd5Gs0Az+Ye/Uo2Wi7Qe4Rt9Yu3Ip6As1Df8Gh5Jk';

/** A literal in config.exs, and runtime.exs's prod endpoint config replaced by `tryBlock` (a try … rescue … end). */
const literalAndTry = (tryBlock: string) => ({
  'config/config.exs': replace('pubsub_server: HelloPhoenix.PubSub,', `pubsub_server: HelloPhoenix.PubSub,\n  secret_key_base: "${FAKE}",`),
  'config/runtime.exs': (t: string) =>
    t.replace('    secret_key_base: secret_key_base\n', '    server: true\n').replace('  host = System.get_env("PHX_HOST")', `${tryBlock}\n\n  host = System.get_env("PHX_HOST")`),
});

const LITERAL_IN_CONFIG = replace('pubsub_server: HelloPhoenix.PubSub,', `pubsub_server: HelloPhoenix.PubSub,\n  secret_key_base: "${FAKE}",`);
const PROD_ENDPOINT = '  config :hello_phoenix, HelloPhoenixWeb.Endpoint,\n    url: [host: host, port: 443, scheme: "https"],\n';
/** runtime.exs with its endpoint config moved under `condition` (the prod block's other settings kept). */
const endpointUnder = (condition: string) =>
  replace(PROD_ENDPOINT, `  ${condition} do\n    config :hello_phoenix, HelloPhoenixWeb.Endpoint, secret_key_base: secret_key_base\n  end\n\n${PROD_ENDPOINT}`);
const withoutRuntimeKey = (t: string) => t.replace('    ],\n    secret_key_base: secret_key_base\n', '    ]\n');

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
    {
      name: 'literal in config.exs replaced by a runtime list built with ++ (listener options ++ [secret_key_base: …])',
      edits: {
        'config/config.exs': LITERAL_IN_CONFIG,
        'config/runtime.exs': (t: string) =>
          withoutRuntimeKey(t).replace(PROD_ENDPOINT, '  listener = [http: [port: port]]\n\n  config :hello_phoenix, HelloPhoenixWeb.Endpoint, listener ++ [secret_key_base: secret_key_base]\n\n' + PROD_ENDPOINT),
      },
    },
    {
      name: 'literal replaced by Keyword.merge(defaults, [secret_key_base: …])',
      edits: {
        'config/config.exs': LITERAL_IN_CONFIG,
        'config/runtime.exs': (t: string) =>
          withoutRuntimeKey(t).replace(PROD_ENDPOINT, '  config :hello_phoenix, HelloPhoenixWeb.Endpoint, Keyword.merge([http: [port: port]], secret_key_base: secret_key_base)\n\n' + PROD_ENDPOINT),
      },
    },
    {
      name: 'replaced inside `if` on a role variable whose default selects the web role',
      edits: { 'config/config.exs': LITERAL_IN_CONFIG, 'config/runtime.exs': (t: string) => endpointUnder('if System.get_env("APP_ROLE", "all") in ["all", "web"]')(withoutRuntimeKey(t)) },
    },
    {
      name: 'replaced inside `if url = System.fetch_env!(…)` (the boot stops without the value)',
      edits: { 'config/config.exs': LITERAL_IN_CONFIG, 'config/runtime.exs': (t: string) => endpointUnder('if public_url = System.fetch_env!("PUBLIC_URL")')(withoutRuntimeKey(t)) },
    },
    {
      name: 'a dev-only literal branch on config_env() inside the prod value (left to the config reader)',
      edits: { 'config/runtime.exs': replace('    secret_key_base: secret_key_base\n', `    secret_key_base: if(config_env() == :dev, do: "${FAKE}", else: secret_key_base)\n`) },
    },
  ],
  invalid: [
    {
      name: 'env read with a committed fallback (`System.get_env("SECRET_KEY_BASE") || "…"`): critical, prod takes it when unset',
      edits: { 'config/runtime.exs': replace('    secret_key_base: secret_key_base\n', `    secret_key_base: System.get_env("SECRET_KEY_BASE") || "${RANDOM}"\n`) },
      expect: ['config/runtime.exs:61'],
      messageIncludes: ['falls back to a committed 64-character literal', 'when SECRET_KEY_BASE is unset'],
      severity: 'critical',
    },
    {
      name: 'the same fallback, with SECRET_KEY_BASE supplied by a committed 1Password env file (op run --env-file env.op): low, likely overridden',
      edits: {
        'config/runtime.exs': replace('    secret_key_base: secret_key_base\n', `    secret_key_base: System.get_env("SECRET_KEY_BASE") || "${RANDOM}"\n`),
        'env.op': 'export DATABASE_URL="op://hello/prod-db/url"\nexport SECRET_KEY_BASE="op://hello/app/secret_key_base"\n',
        'envrc.secrets.op': 'export GITHUB_TOKEN="op://dev/github/token"\n',
      },
      expect: ['config/runtime.exs:61'],
      messageIncludes: ['env.op:2 supplies SECRET_KEY_BASE from 1Password at boot'],
      severity: 'low',
    },
    {
      name: "the fallback, with SECRET_KEY_BASE only in direnv's envrc.secrets.op (a developer's shell, not the deploy): critical",
      edits: {
        'config/runtime.exs': replace('    secret_key_base: secret_key_base\n', `    secret_key_base: System.get_env("SECRET_KEY_BASE") || "${RANDOM}"\n`),
        'envrc.secrets.op': 'export SECRET_KEY_BASE="op://dev/app/secret_key_base"\n',
      },
      expect: ['config/runtime.exs:61'],
      messageIncludes: ['when SECRET_KEY_BASE is unset: such a deploy signs sessions'],
      severity: 'critical',
    },
    {
      name: 'committed key used only when a mode variable selects it (self-hosted images): high',
      edits: {
        'config/runtime.exs': replace(
          '  secret_key_base =\n    System.get_env("SECRET_KEY_BASE") ||\n',
          `  secret_key_base =\n    System.get_env("SECRET_KEY_BASE") ||\n      if(System.get_env("RUN_MODE") == "selfhosted", do: "${RANDOM}") ||\n`,
        ),
      },
      expect: ['config/runtime.exs:41'],
      messageIncludes: ['when SECRET_KEY_BASE, RUN_MODE have particular values'],
      severity: 'high',
    },
    {
      name: "a literal returned by the endpoint's init/2 (runs at boot, after every config file)",
      edits: {
        'lib/hello_phoenix_web/endpoint.ex': replace(
          '  plug HelloPhoenixWeb.Router\n',
          `  plug HelloPhoenixWeb.Router\n\n  @impl true\n  def init(_key, config) do\n    {:ok, Keyword.merge(config, secret_key_base: "${FAKE}")}\n  end\n`,
        ),
      },
      expect: ['lib/hello_phoenix_web/endpoint.ex:53'],
      messageIncludes: ['HelloPhoenixWeb.Endpoint (init/2) secret_key_base is a 64-character literal'],
      severity: 'critical',
    },
    {
      name: 'replaced only under an opt-in role that prod does not take by default',
      edits: { 'config/config.exs': LITERAL_IN_CONFIG, 'config/runtime.exs': (t: string) => endpointUnder('if System.get_env("APP_ROLE") == "web"')(withoutRuntimeKey(t)) },
      expect: ['config/config.exs:23'],
      severity: 'critical',
    },
    {
      name: 'not replaced in the repository, but the release loads a config file at boot (config provider): medium, likely overridden',
      edits: {
        'config/config.exs': LITERAL_IN_CONFIG,
        'config/runtime.exs': withoutRuntimeKey,
        'mix.exs': replace('      deps: deps()\n', '      deps: deps(),\n      releases: [hello_phoenix: [config_providers: [{Config.Reader, "/etc/hello_phoenix/config.exs"}]]]\n'),
      },
      expect: ['config/config.exs:23'],
      messageIncludes: ['likely overridden at boot by the release config provider Config.Reader (/etc/hello_phoenix/config.exs)'],
      severity: 'medium',
    },
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
