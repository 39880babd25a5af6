import { rule } from '../../../src/audit/rules/runtime-config-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const MIX_DEPLOY = 'the app runs under Mix, not as a release (its deploy files start `mix phx.server` or run Mix tasks: see runtime.deployMode in `scan`)';

ruleTester(rule, {
  valid: [
    { name: 'the 1.7 generator layout (config/runtime.exs)' },
    { name: 'Phoenix 1.5 app with config/releases.exs', base: fixture('phx15-webpack') },
    {
      name: 'no runtime config, but the image starts with mix phx.server (config evaluated at boot)',
      notApplicable: MIX_DEPLOY,
      edits: {
        'config/runtime.exs': null,
        Dockerfile: 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get --only prod && mix compile\nCMD ["mix", "phx.server"]\n',
      },
    },
    {
      name: 'no runtime.exs, but Vapor reads the environment at boot',
      notApplicable: 'runtime configuration comes from the vapor dependency',
      edits: { 'config/runtime.exs': null, 'mix.exs': replace('{:jason,', '{:vapor, "~> 0.10"},\n      {:jason,') },
    },
  ],
  invalid: [
    {
      name: 'runtime.exs deleted from the example app',
      edits: { 'config/runtime.exs': null },
      expect: ['config/prod.exs:6'],
      messageIncludes: ['config/runtime.exs', 'config/releases.exs'],
    },
    {
      name: 'Phoenix 1.5 app without releases.exs: points at the first build-time env read',
      base: fixture('phx15-webpack'),
      edits: { 'config/releases.exs': null },
      expect: ['config/prod.secret.exs:8'],
      messageIncludes: ['DATABASE_URL', 'SECRET_KEY_BASE'],
    },
    {
      name: 'env read moved into prod.exs',
      edits: {
        'config/runtime.exs': null,
        'config/prod.exs': replace('config :logger, level: :info', 'config :logger, level: :info\n\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [port: System.get_env("PORT")]'),
      },
      expect: ['config/prod.exs:18'],
      messageIncludes: ['PORT'],
    },
  ],
});
