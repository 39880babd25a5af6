import { rule } from '../../../src/audit/rules/session-cookie-insecure.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const SAME_SITE = ',\n    same_site: "Lax"\n';

ruleTester(rule, {
  valid: [
    { name: 'the 1.7 generator options (same_site: "Lax")' },
    { name: 'same_site: "None" with secure: true', edits: { [ENDPOINT]: replace(SAME_SITE, ',\n    same_site: "None",\n    secure: true\n') } },
    {
      name: 'session options read from config at compile time (cannot be read)',
      notApplicable: 'the session options of HelloPhoenixWeb.Endpoint are built at runtime and cannot be read',
      edits: {
        [ENDPOINT]: replace(
          /  @session_options \[[^\]]*\]\n/,
          '  @session_options Application.compile_env!(:hello_phoenix, :session_options)\n',
        ),
      },
    },
    { name: 'API-only app without a session', base: fixture('api-no-ecto') },
  ],
  invalid: [
    {
      name: 'Phoenix 1.5 options without same_site, over plain HTTP',
      base: fixture('phx15-webpack'),
      expect: ['lib/legacy_shop_web/endpoint.ex:7'],
      messageIncludes: ['no same_site attribute', 'neither secure: true nor force_ssl'],
    },
    {
      name: 'same_site removed while force_ssl is on (no note about secure)',
      base: fixture('phx17-tailwind'),
      edits: { 'lib/pinboard_web/endpoint.ex': replace(SAME_SITE, '\n') },
      expect: ['lib/pinboard_web/endpoint.ex:7'],
    },
    {
      name: 'same_site: "None" without secure: true',
      edits: { [ENDPOINT]: replace(SAME_SITE, ',\n    same_site: "None"\n') },
      expect: [`${ENDPOINT}:7`],
      messageIncludes: ['same_site: "None" without secure: true'],
    },
  ],
});
