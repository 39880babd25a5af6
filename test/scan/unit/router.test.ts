/**
 * The router: full paths through nested scopes, scope aliases applied to targets, pipelines in
 * effect, live sessions, dev-only routes, and which route (if any) is a usable health check.
 */
import { describe, expect, it } from 'vitest';
import type { Profile, Route } from '../../../src/scan/profile.js';
import { replace, scanProject } from '../../helpers/project.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';

const PIPELINES = `  pipeline :browser do
    plug :accepts, ["html"]
    plug :fetch_session
    plug :protect_from_forgery
    plug :put_secure_browser_headers
  end

  pipeline :api do
    plug :accepts, ["json"]
  end
`;

/** The example app with its router replaced by a module holding `body`. */
function routerSource(body: string): string {
  return `defmodule HelloPhoenixWeb.Router do\n  use HelloPhoenixWeb, :router\n\n${PIPELINES}\n${body}end\n`;
}

function scanRouter(body: string): Promise<Profile> {
  return scanProject({ [ROUTER]: routerSource(body) });
}

/** 1-based line of `needle` in the router built from `body`. */
function lineIn(body: string, needle: string): number {
  const src = routerSource(body);
  const i = src.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not found`);
  return src.slice(0, i).split('\n').length;
}

type Brief = Pick<Route, 'verb' | 'path' | 'target' | 'action' | 'pipelines' | 'liveSession' | 'devOnly'>;
const brief = (p: Profile): Brief[] =>
  p.facts.routers[0]!.routes.map(({ verb, path, target, action, pipelines, liveSession, devOnly }) => ({ verb, path, target, action, pipelines, liveSession, devOnly }));

const r = (verb: string, path: string, target: string | null, action: string | null, pipelines: string[] = [], extra: Partial<Brief> = {}): Brief => ({
  verb,
  path,
  target,
  action,
  pipelines,
  liveSession: null,
  devOnly: false,
  ...extra,
});

describe('scopes', () => {
  it('`scope "/api", MyAppWeb.Api, as: :api` prefixes the path and aliases the target', async () => {
    const p = await scanRouter(`  scope "/api", HelloPhoenixWeb.Api, as: :api do
    pipe_through :api

    get "/items", ItemController, :index
    post "/items", ItemController, :create
  end
`);
    expect(brief(p)).toEqual([r('get', '/api/items', 'HelloPhoenixWeb.Api.ItemController', 'index', ['api']), r('post', '/api/items', 'HelloPhoenixWeb.Api.ItemController', 'create', ['api'])]);
  });

  it('nested scopes join paths and aliases, and add their pipelines after the outer ones', async () => {
    const body = `  scope "/api", HelloPhoenixWeb do
    pipe_through :api

    scope "/v1", V1 do
      pipe_through :browser

      get "/things/:id", ThingController, :show
    end

    get "/ping", PingController, :ping
  end
`;
    const p = await scanRouter(body);
    expect(brief(p)).toEqual([r('get', '/api/v1/things/:id', 'HelloPhoenixWeb.V1.ThingController', 'show', ['api', 'browser']), r('get', '/api/ping', 'HelloPhoenixWeb.PingController', 'ping', ['api'])]);
    expect(p.facts.routers[0]!.routes[0]!.evidence).toEqual({ file: ROUTER, line: lineIn(body, 'get "/things/:id"') });
  });

  it('`scope path: …, alias: …` keyword form', async () => {
    const p = await scanRouter(`  scope path: "/admin", alias: HelloPhoenixWeb.Admin do
    get "/users", UserController, :index
  end
`);
    expect(brief(p)).toEqual([r('get', '/admin/users', 'HelloPhoenixWeb.Admin.UserController', 'index')]);
  });

  it('a scope with only an alias keeps the parent path', async () => {
    const p = await scanRouter(`  scope "/", HelloPhoenixWeb do
    scope "/", Admin do
      get "/dash", DashController, :index
    end
  end
`);
    expect(brief(p)).toEqual([r('get', '/dash', 'HelloPhoenixWeb.Admin.DashController', 'index')]);
  });

  it('`pipe_through [:browser, :auth]` lists both pipelines, in order', async () => {
    const p = await scanRouter(`  pipeline :auth do
    plug :require_authenticated_user
  end

  scope "/", HelloPhoenixWeb do
    pipe_through [:browser, :auth]

    get "/settings", SettingsController, :edit
  end
`);
    expect(brief(p)).toEqual([r('get', '/settings', 'HelloPhoenixWeb.SettingsController', 'edit', ['browser', 'auth'])]);
    expect(p.facts.routers[0]!.pipelines.map((pl) => [pl.name, pl.plugs.map((x) => x.name)])).toEqual([
      ['browser', ['accepts', 'fetch_session', 'protect_from_forgery', 'put_secure_browser_headers']],
      ['api', ['accepts']],
      ['auth', ['require_authenticated_user']],
    ]);
  });

  it('pipe_through in one scope does not leak into a sibling scope', async () => {
    const p = await scanRouter(`  scope "/", HelloPhoenixWeb do
    pipe_through :browser
    get "/", PageController, :home
  end

  scope "/api", HelloPhoenixWeb do
    get "/open", OpenController, :index
  end
`);
    expect(brief(p).map((x) => [x.path, x.pipelines])).toEqual([
      ['/', ['browser']],
      ['/api/open', []],
    ]);
  });
});

describe('live sessions, forward, resources', () => {
  it('`live_session` names its live routes; routes after it are outside the session', async () => {
    const p = await scanRouter(`  scope "/", HelloPhoenixWeb do
    pipe_through :browser

    live_session :authenticated, on_mount: [{HelloPhoenixWeb.UserAuth, :ensure_authenticated}] do
      live "/dashboard", DashboardLive, :index
      live "/profile", ProfileLive
    end

    live "/about", AboutLive
  end
`);
    expect(brief(p)).toEqual([
      r('live', '/dashboard', 'HelloPhoenixWeb.DashboardLive', 'index', ['browser'], { liveSession: 'authenticated' }),
      r('live', '/profile', 'HelloPhoenixWeb.ProfileLive', null, ['browser'], { liveSession: 'authenticated' }),
      r('live', '/about', 'HelloPhoenixWeb.AboutLive', null, ['browser']),
    ]);
    expect(p.liveView).toBe(true);
  });

  it('`forward` keeps its plug (scope alias applied) and the scope prefix', async () => {
    const p = await scanRouter(`  scope "/hooks", HelloPhoenixWeb do
    pipe_through :api
    forward "/stripe", StripeWebhookPlug
  end

  forward "/jobs", Oban.Web.Router
`);
    expect(brief(p)).toEqual([r('forward', '/hooks/stripe', 'HelloPhoenixWeb.StripeWebhookPlug', null, ['api']), r('forward', '/jobs', 'Oban.Web.Router', null)]);
  });

  it('`resources` is one route; its do-block routes nest under the member path', async () => {
    const p = await scanRouter(`  scope "/", HelloPhoenixWeb do
    pipe_through :browser

    resources "/posts", PostController do
      resources "/comments", CommentController, only: [:index, :create]
      get "/preview", PostController, :preview
    end
  end
`);
    // Phoenix names the nested parameter after the resource: /posts/:post_id/comments.
    expect(brief(p)).toEqual([
      r('resources', '/posts', 'HelloPhoenixWeb.PostController', null, ['browser']),
      r('resources', '/posts/:post_id/comments', 'HelloPhoenixWeb.CommentController', null, ['browser']),
      r('get', '/posts/:post_id/preview', 'HelloPhoenixWeb.PostController', 'preview', ['browser']),
    ]);
  });
});

describe('dev-only routes', () => {
  it('routes under `if Application.compile_env(:app, :dev_routes)` are devOnly (the example app)', async () => {
    const p = await scanProject({});
    const dev = brief(p).filter((x) => x.devOnly);
    expect(dev).toEqual([
      r('live_dashboard', '/dev/dashboard', null, null, ['browser'], { devOnly: true }),
      r('forward', '/dev/mailbox', 'Plug.Swoosh.MailboxPreview', null, ['browser'], { devOnly: true }),
    ]);
    expect(brief(p).filter((x) => !x.devOnly)).toHaveLength(13);
  });

  it('routes under `if Mix.env() in [:dev, :test]` are devOnly', async () => {
    const p = await scanRouter(`  if Mix.env() in [:dev, :test] do
    scope "/dev" do
      pipe_through :browser
      get "/seed", HelloPhoenixWeb.SeedController, :run
    end
  end

  get "/", HelloPhoenixWeb.PageController, :home
`);
    expect(brief(p)).toEqual([r('get', '/dev/seed', 'HelloPhoenixWeb.SeedController', 'run', ['browser'], { devOnly: true }), r('get', '/', 'HelloPhoenixWeb.PageController', 'home')]);
  });

  it('routes under `if Mix.env() == :dev` are devOnly; its else branch is not', async () => {
    const p = await scanRouter(`  if Mix.env() == :dev do
    get "/debug", HelloPhoenixWeb.DebugController, :show
  else
    get "/debug", HelloPhoenixWeb.NotFoundController, :show
  end
`);
    expect(brief(p).map((x) => [x.target, x.devOnly])).toEqual([
      ['HelloPhoenixWeb.DebugController', true],
      ['HelloPhoenixWeb.NotFoundController', false],
    ]);
  });

  it('routes under `unless Mix.env() == :prod` are devOnly', async () => {
    const p = await scanRouter(`  unless Mix.env() == :prod do
    get "/debug", HelloPhoenixWeb.DebugController, :show
  end
`);
    expect(brief(p).map((x) => [x.path, x.devOnly])).toEqual([['/debug', true]]);
  });

  it('routes under a condition that includes prod (`Mix.env() in [:dev, :prod]`) are served in prod', async () => {
    const p = await scanRouter(`  if Mix.env() in [:dev, :prod] do
    get "/status", HelloPhoenixWeb.StatusController, :show
  end
`);
    expect(brief(p).map((x) => [x.path, x.devOnly])).toEqual([['/status', false]]);
  });

  it('a dev-only live route does not make the app a LiveView app', async () => {
    const p = await scanRouter(`  if Application.compile_env(:hello_phoenix, :dev_routes) do
    live "/playground", HelloPhoenixWeb.PlaygroundLive
  end

  get "/", HelloPhoenixWeb.PageController, :home
`);
    expect(p.liveView).toBe(false);
  });
});

describe('health route detection', () => {
  it('accepts `/healthz` in a scope without pipelines', async () => {
    const body = `  scope "/", HelloPhoenixWeb do
    get "/healthz", HealthController, :index
  end
`;
    const p = await scanRouter(body);
    expect(p.health).toEqual({ path: '/healthz' });
    expect(p.evidence.health).toBe(`${ROUTER}:${lineIn(body, 'get "/healthz"')}`);
  });

  it('accepts `/health` behind the plain :api pipeline', async () => {
    const p = await scanRouter(`  scope "/", HelloPhoenixWeb do
    pipe_through :api
    get "/health", HealthController, :index
  end
`);
    expect(p.health).toEqual({ path: '/health' });
  });

  it('rejects `/health` behind a pipeline named :auth', async () => {
    const p = await scanRouter(`  pipeline :auth do
    plug HelloPhoenixWeb.Plugs.Session
  end

  scope "/", HelloPhoenixWeb do
    pipe_through [:api, :auth]
    get "/health", HealthController, :index
  end
`);
    expect(p.health).toBeNull();
  });

  it('rejects `/health` behind a pipeline whose plug requires authentication', async () => {
    const p = await scanRouter(`  pipeline :protected do
    plug :require_authenticated_user
  end

  scope "/", HelloPhoenixWeb do
    pipe_through [:api, :protected]
    get "/health", HealthController, :index
  end
`);
    expect(p.health).toBeNull();
  });

  it('rejects `/health` behind a pipeline with `plug Plug.BasicAuth`', async () => {
    const p = await scanRouter(`  pipeline :ops do
    plug Plug.BasicAuth, username: "ops", password: "secret"
  end

  scope "/", HelloPhoenixWeb do
    pipe_through :ops
    get "/health", HealthController, :index
  end
`);
    expect(p.health).toBeNull();
  });

  it('skips an authenticated health route and takes a later open one', async () => {
    const p = await scanRouter(`  pipeline :auth do
    plug :require_authenticated_user
  end

  scope "/admin", HelloPhoenixWeb do
    pipe_through :auth
    get "/health", HealthController, :detailed
  end

  scope "/", HelloPhoenixWeb do
    get "/up", HealthController, :up
  end
`);
    expect(p.health).toEqual({ path: '/up' });
  });

  it('rejects a dev-only health route', async () => {
    const p = await scanRouter(`  if Application.compile_env(:hello_phoenix, :dev_routes) do
    get "/health", HelloPhoenixWeb.HealthController, :index
  end
`);
    expect(p.health).toBeNull();
  });

  it('rejects a POST to /health (probes send GET)', async () => {
    const p = await scanRouter(`  post "/health", HelloPhoenixWeb.HealthController, :index\n`);
    expect(p.health).toBeNull();
  });

  it('accepts an endpoint function plug matching `%{request_path: "/health"}`', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/endpoint.ex': replace(
        '  plug HelloPhoenixWeb.Router\nend\n',
        `  plug :health_check
  plug HelloPhoenixWeb.Router

  def health_check(%{request_path: "/health"} = conn, _opts) do
    conn |> Plug.Conn.send_resp(200, "ok") |> Plug.Conn.halt()
  end

  def health_check(conn, _opts), do: conn
end
`,
      ),
    });
    expect(p.health).toEqual({ path: '/health' });
    expect(p.evidence.health).toMatch(/^lib\/hello_phoenix_web\/endpoint\.ex:\d+$/);
  });

  it('an endpoint function that matches /health but is not plugged is not a health check', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/endpoint.ex': replace(
        '  plug HelloPhoenixWeb.Router\nend\n',
        `  plug HelloPhoenixWeb.Router

  def health_check(%{request_path: "/health"} = conn, _opts), do: conn
end
`,
      ),
    });
    expect(p.health).toBeNull();
  });
});

describe('LiveView served through live_render in a template', () => {
  it('`<%= live_render(@conn, …) %>` in an .html.eex template counts as LiveView', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/router.ex': (c) => c.replace(/\n\s*live "[^"]*", [^\n]*/g, ''),
      'lib/hello_phoenix_web/templates/page/index.html.eex': '<section>\n  <h1>Events</h1>\n  <%= if @events != [] do %>\n    <%= live_render(@conn, HelloPhoenixWeb.EventsLive, session: %{"events" => @events}) %>\n  <% end %>\n</section>\n',
    });
    expect(p.facts.routers[0]!.routes.some((r) => r.verb === 'live' && !r.devOnly)).toBe(false);
    expect(p.liveView).toBe(true);
    expect(p.evidence['liveView']).toBe('lib/hello_phoenix_web/templates/page/index.html.eex:4');
  });

  it('`{live_render(@conn, …)}` (HEEx curly interpolation) in a .heex template counts; one in a <script> body does not', async () => {
    const heex = (body: string) =>
      scanProject({
        'lib/hello_phoenix_web/router.ex': (c) => c.replace(/\n\s*live "[^"]*", [^\n]*/g, ''),
        'lib/hello_phoenix_web/controllers/page_html/settings.html.heex': body,
      });
    const p = await heex('<section class="settings">\n  <h2>{gettext("Notifications")}</h2>\n  {live_render(\n    @conn,\n    HelloPhoenixWeb.NotifierLive,\n    session: %{"id" => @id}\n  )}\n</section>\n');
    expect(p.liveView).toBe(true);
    expect(p.evidence['liveView']).toBe('lib/hello_phoenix_web/controllers/page_html/settings.html.heex:3');
    const script = await heex('<script>\n  const opts = {live_render(x)};\n</script>\n<p>{@title}</p>\n');
    expect(script.liveView).toBe(false);
  });

  it('a template that only mentions live_render in a comment does not', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/router.ex': (c) => c.replace(/\n\s*live "[^"]*", [^\n]*/g, ''),
      'lib/hello_phoenix_web/templates/page/index.html.eex': '<%# live_render(@conn, HelloPhoenixWeb.EventsLive) is not used yet %>\n<p>live_render</p>\n',
    });
    expect(p.liveView).toBe(false);
  });
});
