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

/** A pipeline (and its scopes) added before the :api pipeline of the example router. */
const beforeApi = (block: string) => replace('  pipeline :api do', `${block}\n  pipeline :api do`);

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
    {
      name: 'a host-dispatched JSON partner API without a session beside the protected browser router',
      edits: { ...HOST_DISPATCH, [PARTNER_ROUTER]: partnerRouter(['plug :accepts, ["json"]']) },
    },
    {
      name: 'an admin pipeline (no session, no :accepts) stacked on the protected browser pipeline',
      edits: {
        [ROUTER]: beforeApi(
          '  pipeline :admin do\n    plug :require_admin_user\n  end\n\n  scope "/admin", HelloPhoenixWeb.Admin do\n    pipe_through [:browser, :admin]\n\n    post "/users/:id/ban", UserController, :ban\n  end\n',
        ),
      },
    },
    {
      name: 'an SPA API on the session cookie that checks the CSRF token (x-csrf-token header)',
      edits: { [ROUTER]: spaApi('    plug :protect_from_forgery\n    plug HelloPhoenixWeb.Plugs.AssignCurrentUser\n') },
    },
    {
      name: 'a session pipeline with no :accepts that loads the user but only serves reads',
      edits: {
        [ROUTER]: beforeApi(
          '  pipeline :spa_session do\n    plug :fetch_session\n    plug HelloPhoenixWeb.Plugs.AssignCurrentUser\n  end\n\n  scope "/spa", HelloPhoenixWeb do\n    pipe_through :spa_session\n\n    get "/me", MeController, :show\n  end\n',
        ),
      },
    },
    {
      name: 'a session pipeline without a CSRF check that only serves pages to anonymous visitors',
      edits: {
        [ROUTER]: beforeApi(
          '  pipeline :marketing do\n    plug :accepts, ["html"]\n    plug :fetch_session\n    plug :put_root_layout, html: {HelloPhoenixWeb.Layouts, :root}\n  end\n\n  scope "/", HelloPhoenixWeb do\n    pipe_through :marketing\n\n    get "/pricing", PageController, :pricing\n    live "/tour", TourLive, :index\n  end\n',
        ),
      },
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
      name: 'a public pipeline without a CSRF check whose member routes load the user in a second pipeline',
      edits: {
        [ROUTER]: beforeApi(
          '  pipeline :public do\n    plug :accepts, ["html"]\n    plug :fetch_session\n  end\n\n  pipeline :member do\n    plug :fetch_current_user\n  end\n\n  scope "/", HelloPhoenixWeb do\n    pipe_through [:public, :require_authenticated_user]\n\n    post "/account/export", AccountController, :export\n  end\n\n  scope "/", HelloPhoenixWeb do\n    pipe_through :public\n\n    post "/contact", ContactController, :create\n  end\n\n  scope "/", HelloPhoenixWeb do\n    pipe_through [:public, :member]\n\n    post "/comments", CommentController, :create\n  end\n',
        ),
      },
      expect: [`${ROUTER}:16`],
      messageIncludes: ['pipeline :public in HelloPhoenixWeb.Router fetches the session and accepts "html" but has no :protect_from_forgery: forms posted'],
    },
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
