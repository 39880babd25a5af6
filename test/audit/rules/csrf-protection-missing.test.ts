import { rule } from '../../../src/audit/rules/csrf-protection-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';

ruleTester(rule, {
  valid: [
    { name: 'the generator browser pipeline' },
    {
      name: 'Plug.CSRFProtection plugged directly (handled another way)',
      edits: { [ROUTER]: replace('    plug :protect_from_forgery\n', '    plug Plug.CSRFProtection, with: :clear_session\n') },
    },
    { name: 'API-only app (no session)', base: fixture('api-no-ecto') },
    {
      name: 'the 1.8 fixture once protect_from_forgery is added',
      base: fixture('phx18-insecure'),
      edits: {
        'lib/sieve_web/router.ex': replace('    plug :accepts, ["html"]\n    plug :fetch_session\n', '    plug :accepts, ["html"]\n    plug :fetch_session\n    plug :protect_from_forgery\n'),
      },
    },
  ],
  invalid: [
    { name: 'browser pipeline without :protect_from_forgery', base: fixture('phx18-insecure'), expect: ['lib/sieve_web/router.ex:4'], messageIncludes: ['pipeline :browser in SieveWeb.Router'] },
    { name: 'protect_from_forgery removed from the generator pipeline', edits: { [ROUTER]: replace('    plug :protect_from_forgery\n', '') }, expect: [`${ROUTER}:6`] },
  ],
});
