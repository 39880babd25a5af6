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

/** fly.toml with the web app on [http_service] 4000 and a second, raw TCP service (a mail relay the app runs). */
const WITH_SMTP = (ports: string) => `${FLY('  PHX_HOST = "hello-phoenix.fly.dev"', 4000)}
[[services]]
  internal_port = 2525
  protocol = "tcp"
${ports}`;

/** runtime.exs with no http port for prod: the endpoint listens on Phoenix's default 4000. */
const NO_PORT = {
  'config/runtime.exs': (t: string) => t.replace('  port = String.to_integer(System.get_env("PORT") || "4000")\n', '').replace(',\n      port: port\n    ],', '\n    ],'),
};

/** A second endpoint (an admin dashboard) with its own prod port 4001 next to the public one on PORT. */
const ADMIN = {
  'lib/hello_phoenix_web/admin_endpoint.ex': `defmodule HelloPhoenixWeb.AdminEndpoint do
  use Phoenix.Endpoint, otp_app: :hello_phoenix

  plug Plug.RequestId
  plug HelloPhoenixWeb.Router
end
`,
  'config/prod.exs': (t: string) => `${t}\nconfig :hello_phoenix, HelloPhoenixWeb.AdminEndpoint, http: [port: 4001]\n`,
  'config/runtime.exs': replace(
    '  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\n',
    '  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\n  config :hello_phoenix, HelloPhoenixWeb.AdminEndpoint, server: true\n',
  ),
};
const ADMIN_SERVICE = (internal: number) => `${FLY('  PORT = "8080"', 8080)}
[[services]]
  internal_port = ${internal}
  protocol = "tcp"

  [[services.ports]]
    port = 8443
    handlers = ["tls", "http"]
`;

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
    {
      name: 'the last ENV PORT of the runner stage wins (4000 set early, 8080 before CMD)',
      base: DEPLOY,
      edits: {
        'fly.toml': replace('  PORT = "8080"\n', ''),
        Dockerfile: (t: string) => replace('CMD ["/app/bin/server"]', 'ENV PORT=8080\nCMD ["/app/bin/server"]')(replace('ENV LC_ALL=en_US.UTF-8', 'ENV LC_ALL=en_US.UTF-8\nENV PORT=4000')(t)),
      },
    },
    {
      name: 'a raw TCP [[services]] (SMTP on 2525, no http handler) next to the web service is another listener',
      edits: { 'fly.toml': WITH_SMTP('\n  [[services.ports]]\n    port = 25\n') },
    },
    {
      name: 'a second endpoint listens on its own prod port, which its [[services]] internal_port names',
      edits: { ...ADMIN, 'fly.toml': ADMIN_SERVICE(4001) },
    },
    {
      name: 'PORT is required (System.fetch_env!) and neither fly.toml nor the Dockerfile sets it: the port cannot be told',
      edits: {
        'config/runtime.exs': replace('String.to_integer(System.get_env("PORT") || "4000")', 'String.to_integer(System.fetch_env!("PORT"))'),
        'fly.toml': FLY('  PHX_HOST = "hello-phoenix.fly.dev"', 8080),
      },
    },
    { name: 'no http port in the prod config and internal_port = Phoenix default 4000', edits: { ...NO_PORT, 'fly.toml': FLY('', 4000) } },
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
    {
      name: 'the Dockerfile ENV PORT=4000 while internal_port is 8080',
      base: DEPLOY,
      edits: { 'fly.toml': replace('  PORT = "8080"\n', ''), Dockerfile: replace('ENV LC_ALL=en_US.UTF-8', 'ENV LC_ALL=en_US.UTF-8\nENV PORT=4000') },
      expect: ['fly.toml:17'],
      messageIncludes: ['ENV PORT=4000 in Dockerfile:67; fly.toml [env] does not set PORT'],
    },
    {
      name: 'HTTP_PORT falls back to PORT then 4000, neither set, internal_port 8080',
      edits: {
        'config/runtime.exs': replace('System.get_env("PORT") || "4000"', 'System.get_env("HTTP_PORT") || System.get_env("PORT") || "4000"'),
        'fly.toml': FLY('  PHX_HOST = "hello-phoenix.fly.dev"', 8080),
      },
      expect: ['fly.toml:7'],
      messageIncludes: ['reads HTTP_PORT or PORT with default 4000', 'nor the Dockerfile sets them'],
    },
    {
      name: 'no http port in the prod config and no [env] in fly.toml: Phoenix default 4000, internal_port 8080',
      edits: { ...NO_PORT, 'fly.toml': 'app = "hello-phoenix"\nprimary_region = "ams"\n\n[http_service]\n  internal_port = 8080\n  force_https = true\n' },
      expect: ['fly.toml:5'],
      messageIncludes: ["no http port in the prod config: Phoenix's default"],
    },
    {
      name: 'a second endpoint on 4001 but its [[services]] internal_port is 4002',
      edits: { ...ADMIN, 'fly.toml': ADMIN_SERVICE(4002) },
      expect: ['fly.toml:11'],
      messageIncludes: ['[[services]] internal_port = 4002', 'PORT=8080 in fly.toml [env]'],
    },
  ],
});
