import { rule } from '../../../src/audit/rules/telemetry-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const TELEMETRY = 'lib/hello_phoenix_web/telemetry.ex';

ruleTester(rule, {
  valid: [
    { name: 'the generator Telemetry supervisor' },
    { name: 'Phoenix 1.5 app with its Telemetry module', base: fixture('phx15-webpack') },
    {
      name: 'PromEx instead of a Telemetry supervisor (handled another way)',
      edits: { [TELEMETRY]: null, 'mix.exs': replace('      {:plug_cowboy, "~> 2.7"}\n', '      {:plug_cowboy, "~> 2.7"},\n      {:prom_ex, "~> 1.9"}\n') },
    },
  ],
  invalid: [
    {
      name: 'Telemetry module deleted',
      edits: { [TELEMETRY]: null },
      expect: ['lib/hello_phoenix/application.ex:1'],
      messageIncludes: ['no Telemetry supervisor', 'HelloPhoenix.Application'],
    },
    {
      name: 'no Application module and no Telemetry module',
      edits: { [TELEMETRY]: null, 'lib/hello_phoenix/application.ex': null },
      expect: ['mix.exs:6'],
      messageIncludes: ['no Telemetry supervisor or Telemetry.Metrics definitions in lib/: Phoenix'],
    },
  ],
});
