import { rule } from '../../../src/audit/rules/fly-internal-port-mismatch.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const FLY = (env: string, port: number) => `app = "hello-phoenix"
primary_region = "ams"

[env]
${env}
[http_service]
  internal_port = ${port}
  force_https = true
`;
const SERVICES = `app = "hello-phoenix"

[env]
  PORT = "4000"

[[services]]
  internal_port = 8080
  protocol = "tcp"

  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]
`;

/** The endpoint's init/2 fixes the port (no port variable anywhere): the scan's runtime facts follow it there. */
const INIT_PORT = {
  'config/runtime.exs': (t: string) => t.replace('  port = String.to_integer(System.get_env("PORT") || "4000")\n', '').replace(/    http: \[\n[\s\S]*?      port: port\n    \],\n/, ''),
  'lib/hello_phoenix_web/endpoint.ex': replace(
    '  use Phoenix.Endpoint, otp_app: :hello_phoenix\n',
    '  use Phoenix.Endpoint, otp_app: :hello_phoenix\n\n  @impl true\n  def init(_key, config) do\n    {:ok, Keyword.put(config, :http, port: 4001)}\n  end\n',
  ),
};

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: PORT=8080 in [env], internal_port 8080', base: DEPLOY },
    { name: 'no PORT in [env], internal_port = the runtime.exs default 4000', edits: { 'fly.toml': FLY('  PHX_HOST = "hello-phoenix.fly.dev"', 4000) } },
    {
      name: 'PORT set by the Dockerfile ENV instead of fly.toml',
      base: DEPLOY,
      edits: { 'fly.toml': replace('  PORT = "8080"\n', ''), Dockerfile: replace('ENV LC_ALL=en_US.UTF-8', 'ENV LC_ALL=en_US.UTF-8\nENV PORT=8080') },
    },
    {
      name: 'Dotenvy integer PORT default',
      base: fixture('env-helpers'),
      edits: { 'fly.toml': FLY('  PHX_HOST = "harbor.fly.dev"', 4000) },
    },
    { name: 'the endpoint init/2 fixes port 4001 and internal_port is 4001', edits: { ...INIT_PORT, 'fly.toml': FLY('  PHX_HOST = "hello-phoenix.fly.dev"', 4001) } },
    { name: 'no fly.toml', notApplicable: 'no fly.toml' },
  ],
  invalid: [
    {
      name: 'existing-deploy without PORT in [env] (runtime.exs default 4000)',
      base: DEPLOY,
      edits: { 'fly.toml': replace('  PORT = "8080"\n', '') },
      expect: ['fly.toml:17'],
      messageIncludes: ['internal_port = 8080', 'port 4000', 'config/runtime.exs:47 reads PORT with default 4000'],
    },
    {
      name: 'the endpoint init/2 fixes port 4001, internal_port 8080',
      edits: { ...INIT_PORT, 'fly.toml': FLY('  PHX_HOST = "hello-phoenix.fly.dev"', 8080) },
      expect: ['fly.toml:7'],
      messageIncludes: ['lib/hello_phoenix_web/endpoint.ex:6 sets the http port to 4001'],
    },
    {
      name: 'literal port in prod.exs ignores PORT',
      base: fixture('phx18-insecure'),
      edits: { 'fly.toml': FLY('  PORT = "8080"', 8080) },
      expect: ['fly.toml:7'],
      messageIncludes: ['config/prod.exs:6 sets the http port to 4000'],
    },
    {
      name: '[[services]] internal_port differs from [env] PORT',
      edits: { 'fly.toml': SERVICES },
      expect: ['fly.toml:7'],
      messageIncludes: ['[[services]] internal_port = 8080', 'PORT=4000 in fly.toml [env]'],
    },
  ],
});
