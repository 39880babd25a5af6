import { rule } from '../../../src/audit/rules/csrf-protection-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';
import { HOST_DISPATCH, PARTNER_ROUTER, partnerRouter } from '../../helpers/more-routers.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
/** An API for the app's own single-page front end: session cookie, no `plug :accepts`, a module plug that loads the user. */
const spaApi = (plugs: string) =>
  replace(
    '  pipeline :api do',
    `  pipeline :spa_api do\n    plug :fetch_session\n${plugs}  end\n\n  scope "/spa", HelloPhoenixWeb do\n    pipe_through :spa_api\n\n    post "/projects", ProjectController, :create\n    delete "/projects/:id", ProjectController, :delete\n  end\n\n  pipeline :api do`,
  );

ruleTester(rule, {
  valid: [
    { name: 'a router reached through a host-dispatching plug that protects from forgery', edits: HOST_DISPATCH },
    { name: 'the generator browser pipeline' },
    {
      name: 'Plug.CSRFProtection plugged directly (handled another way)',
      edits: { [ROUTER]: replace('    plug :protect_from_forgery\n', '    plug Plug.CSRFProtection, with: :clear_session\n') },
    },
    { name: 'API-only app (no session)', notApplicable: 'no HTML pipeline fetches the session', base: fixture('api-no-ecto') },
    {
      name: 'the 1.8 fixture once protect_from_forgery is added',
      base: fixture('phx18-insecure'),
      edits: {
        'lib/sieve_web/router.ex': replace('    plug :accepts, ["html"]\n    plug :fetch_session\n', '    plug :accepts, ["html"]\n    plug :fetch_session\n    plug :protect_from_forgery\n'),
      },
    },
    {
      name: 'a session pipeline with no :accepts whose posts load no signed-in user',
      edits: { [ROUTER]: spaApi('    plug HelloPhoenixWeb.Plugs.RequestId\n') },
    },
    {
      name: 'a session pipeline restricted to JSON (a cross-site form is refused with 406)',
      edits: { [ROUTER]: spaApi('    plug :accepts, ["json"]\n    plug HelloPhoenixWeb.Plugs.AssignCurrentUser\n') },
    },
  ],
  invalid: [
    {
      name: 'a router reached through a host-dispatching plug: session and signed-in user, no :protect_from_forgery',
      edits: { ...HOST_DISPATCH, [PARTNER_ROUTER]: partnerRouter(['plug :accepts, ["html"]', 'plug :fetch_session', 'plug :put_secure_browser_headers', 'plug :fetch_current_user']) },
      expect: [`${PARTNER_ROUTER}:6`],
      messageIncludes: ['pipeline :partner_browser in HelloPhoenixWeb.PartnerRouter (reached through HelloPhoenixWeb.HostDispatch) fetches the session'],
      severity: 'high',
    },
    {
      name: 'a session pipeline with no :accepts that loads the signed-in user (an SPA API on the cookie): high',
      edits: { [ROUTER]: spaApi('    plug HelloPhoenixWeb.Plugs.AssignCurrentUser\n') },
      expect: [`${ROUTER}:16`],
      messageIncludes: ['pipeline :spa_api in HelloPhoenixWeb.Router', 'no :accepts plug', '2 state-changing routes (first: POST /spa/projects)'],
      severity: 'high',
    },
    { name: 'browser pipeline without :protect_from_forgery', base: fixture('phx18-insecure'), expect: ['lib/sieve_web/router.ex:4'], messageIncludes: ['pipeline :browser in SieveWeb.Router'] },
    { name: 'protect_from_forgery removed from the generator pipeline', edits: { [ROUTER]: replace('    plug :protect_from_forgery\n', '') }, expect: [`${ROUTER}:6`] },
    {
      name: 'a public pipeline with a session, no CSRF check and two forms that post',
      edits: {
        [ROUTER]: replace(
          '  pipeline :api do',
          '  pipeline :public do\n    plug :accepts, ["html"]\n    plug :fetch_session\n  end\n\n  scope "/", HelloPhoenixWeb do\n    pipe_through :public\n\n    post "/contact", ContactController, :create\n    post "/newsletter", NewsletterController, :subscribe\n  end\n\n  pipeline :api do',
        ),
      },
      expect: [`${ROUTER}:16`],
      messageIncludes: ['pipeline :public in HelloPhoenixWeb.Router', 'its 2 state-changing routes (first: POST /contact) load no signed-in user'],
    },
  ],
});
