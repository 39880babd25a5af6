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
