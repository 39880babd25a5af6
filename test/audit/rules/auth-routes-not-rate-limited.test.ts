import { rule } from '../../../src/audit/rules/auth-routes-not-rate-limited.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
const ORBIT_ROUTER = 'lib/orbit_web/router.ex';

ruleTester(rule, {
  valid: [
    { name: 'Hammer is a dependency and sign-in has a rate-limit pipeline', base: fixture('oban-libcluster-redis') },
    {
      name: 'a rate-limit plug in the browser pipeline (handled another way)',
      edits: { [ROUTER]: replace('    plug :fetch_current_user\n', '    plug :fetch_current_user\n    plug HelloPhoenixWeb.Plugs.Throttle, limit: 5\n') },
    },
    {
      name: 'a project rate limiter module called from controllers and LiveViews',
      edits: {
        'lib/hello_phoenix_web/rate_limiter.ex':
          'defmodule HelloPhoenixWeb.RateLimiter do\n  @moduledoc "Sliding window counters in ETS, called from UserSessionController and the auth LiveViews."\n  def check(_key, _limit, _ms), do: :ok\nend\n',
      },
    },
    {
      name: 'Hammer is a dependency, called from the controllers (no rate-limit pipeline)',
      edits: { 'mix.exs': replace('      {:jason, "~> 1.2"},\n', '      {:jason, "~> 1.2"},\n      {:hammer, "~> 6.2"},\n') },
    },
    {
      name: "the endpoint plugs the company's shared throttle (a private Hex package)",
      edits: {
        'mix.exs': replace('      {:jason, "~> 1.2"},\n', '      {:jason, "~> 1.2"},\n      {:acme_plugs, "~> 1.4", organization: "acme"},\n'),
        'lib/hello_phoenix_web/endpoint.ex': replace('  plug Plug.RequestId\n', '  plug AcmePlugs.Throttle, per_minute: 300\n  plug Plug.RequestId\n'),
      },
    },
    {
      name: 'a project plug module under a RateLimit namespace (HelloPhoenixWeb.RateLimit.Plug)',
      edits: {
        'lib/hello_phoenix_web/rate_limit/plug.ex':
          'defmodule HelloPhoenixWeb.RateLimit.Plug do\n  @moduledoc "Counts requests per IP in ETS; plugged by UserSessionController and the auth LiveViews."\n  import Plug.Conn\n\n  def init(opts), do: opts\n  def call(conn, _opts), do: conn\nend\n',
      },
    },
    {
      name: 'a :throttle_auth pipeline of router function plugs on the authentication scope',
      edits: {
        [ROUTER]: (t: string) =>
          replace('pipe_through [:browser, :redirect_if_user_is_authenticated]', 'pipe_through [:browser, :redirect_if_user_is_authenticated, :throttle_auth]')(
            replace('  pipeline :api do\n', '  pipeline :throttle_auth do\n    plug :limit_attempts_per_ip\n  end\n\n  pipeline :api do\n')(t),
          ),
      },
    },
    { name: 'no authentication routes', notApplicable: 'no sign-in, registration or password-reset routes', base: fixture('phx18-bandit') },
  ],
  invalid: [
    {
      name: 'the phx.gen.auth routes of the example app',
      expect: [`${ROUTER}:54`],
      messageIncludes: ['4 authentication routes', 'live /users/register (registration)', 'POST /users/log_in (sign-in)', 'live /users/reset_password (password reset)'],
    },
    {
      name: 'a hand-written POST /login',
      base: fixture('phx18-bandit'),
      edits: { [ORBIT_ROUTER]: replace('    get "/", PageController, :home\n', '    get "/", PageController, :home\n    post "/login", SessionController, :create\n') },
      expect: [`${ORBIT_ROUTER}:24`],
      messageIncludes: ['1 authentication route has no rate limit', 'POST /login (sign-in)'],
    },
  ],
});
