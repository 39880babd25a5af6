import { rule } from '../../../src/audit/rules/error-tracking-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPS = '      {:plug_cowboy, "~> 2.7"}\n';

ruleTester(rule, {
  valid: [
    { name: 'Sentry', base: fixture('oban-libcluster-redis') },
    { name: 'the self-hosted ErrorTracker', edits: { 'mix.exs': replace(DEPS, '      {:plug_cowboy, "~> 2.7"},\n      {:error_tracker, "~> 0.5"}\n') } },
    { name: 'AppSignal', edits: { 'mix.exs': replace(DEPS, '      {:plug_cowboy, "~> 2.7"},\n      {:appsignal_phoenix, "~> 2.5"}\n') } },
  ],
  invalid: [
    { name: 'no tracker in the example app', expect: ['mix.exs:35'], messageIncludes: ['no error tracker among the prod dependencies of mix.exs'] },
    { name: 'Sentry only in dev does not report production errors', edits: { 'mix.exs': replace(DEPS, '      {:plug_cowboy, "~> 2.7"},\n      {:sentry, "~> 10.8", only: :dev}\n') }, expect: ['mix.exs:35'] },
    { name: 'umbrella: evidence in the web app mix.exs', base: fixture('umbrella'), expect: ['apps/warehouse_web/mix.exs:39'] },
  ],
});
