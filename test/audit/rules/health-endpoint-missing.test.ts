import { rule } from '../../../src/audit/rules/health-endpoint-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
const HOME = '    get "/", PageController, :home\n';

const FLY_ALIVE = `app = "hello-phoenix"
primary_region = "iad"

[http_service]
  internal_port = 8080
  force_https = true

  [[http_service.checks]]
    grace_period = "10s"
    interval = "30s"
    method = "GET"
    timeout = "5s"
    path = "/alive"
`;

/** fly.toml whose http check probes `path`. */
const flyChecks = (path: string) => FLY_ALIVE.replace('path = "/alive"', `path = "${path}"`);
const PROBE_ROUTE = (verb: string) => ({ [ROUTER]: replace(HOME, `${HOME}    ${verb} "/probe", PageController, :probe\n`) });

ruleTester(rule, {
  valid: [
    { name: 'GET /health route', base: fixture('phx17-tailwind') },
    { name: 'a plug in the endpoint answers /healthz', base: fixture('plug-ssl') },
    {
      name: 'fly.toml checks an existing route with another name (handled another way)',
      edits: { [ROUTER]: replace(HOME, `${HOME}    get "/alive", PageController, :alive\n`), 'fly.toml': FLY_ALIVE },
    },
    { name: 'fly.toml checks an unconventionally named GET route (/probe)', edits: { ...PROBE_ROUTE('get'), 'fly.toml': flyChecks('/probe') } },
  ],
  invalid: [
    {
      name: 'fly.toml checks /probe but only a POST route serves it',
      edits: { ...PROBE_ROUTE('post'), 'fly.toml': flyChecks('/probe') },
      expect: [`${ROUTER}:1`],
    },
    {
      name: 'fly.toml checks "/" (the home page is not a health route)',
      edits: { 'fly.toml': flyChecks('/') },
      expect: [`${ROUTER}:1`],
      messageIncludes: ['HelloPhoenixWeb.Router has no health-check route'],
    },
    { name: 'the generator router has no health route', expect: [`${ROUTER}:1`], messageIncludes: ['HelloPhoenixWeb.Router has no health-check route'] },
    { name: 'Phoenix 1.8 app', base: fixture('phx18-bandit'), expect: ['lib/orbit_web/router.ex:1'] },
    {
      name: 'a /health route behind authentication does not count',
      base: fixture('phx17-tailwind'),
      edits: { 'lib/pinboard_web/router.ex': replace('    pipe_through :api\n\n    get "/health"', '    pipe_through [:api, :require_authenticated_user]\n\n    get "/health"') },
      expect: ['lib/pinboard_web/router.ex:1'],
    },
    {
      name: 'fly.toml checks a path that no route serves',
      edits: { 'fly.toml': FLY_ALIVE },
      expect: [`${ROUTER}:1`],
    },
  ],
});
