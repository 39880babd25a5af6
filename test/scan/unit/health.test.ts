/**
 * The health path, wherever it is answered: a route under a conventional name (nested too), a plug
 * module in the endpoint that tests `conn.request_path`, a Plug.Router health module, a health-check
 * library plug (with its default path or a `path:` option), or the proxy plug of the app's own HTTP
 * listener — and never a route behind authentication.
 */
import { describe, expect, it } from 'vitest';
import { replace, scanProject } from '../../helpers/project.js';
import { isHealthPath } from '../../../src/scan/decide/health.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const ROUTER = 'lib/hello_phoenix_web/router.ex';
const APP = 'lib/hello_phoenix/application.ex';
const firstPlug = (code: string) => replace('  plug Plug.Static,\n', `${code}\n  plug Plug.Static,\n`);

describe('conventional names', () => {
  it.each([
    ['/health', true],
    ['/healthz', true],
    ['/_health', true],
    ['/api/v1/health', true],
    ['/internal/healthcheck', true],
    ['/health_check', true],
    ['/healthz/ready', true],
    ['/status', true],
    ['/api/status', true],
    ['/ping', true],
    ['/orders/status', false],
    ['/users/:id/status', false],
    ['/up/*path', false],
  ])('%s → %s', (path, ok) => expect(isHealthPath(path)).toBe(ok));
});

describe('health answered before the router', () => {
  it('a project plug in the endpoint that tests conn.request_path', async () => {
    const p = await scanProject({
      [ENDPOINT]: firstPlug('  plug HelloPhoenixWeb.Plugs.Health'),
      'lib/hello_phoenix_web/plugs/health.ex':
        'defmodule HelloPhoenixWeb.Plugs.Health do\n  import Plug.Conn\n\n  def init(opts), do: opts\n\n  def call(conn, _opts) do\n    if conn.request_path == "/healthz" do\n      conn |> send_resp(200, "ok") |> halt()\n    else\n      conn\n    end\n  end\nend\n',
    });
    expect(p.health).toEqual({ path: '/healthz' });
    expect(p.evidence['health']).toBe(`${ENDPOINT}:20`);
  });

  it('an aliased plug module whose call/2 head binds request_path and a guard tests it against a module attribute', async () => {
    const p = await scanProject({
      [ENDPOINT]: (c) => firstPlug('  plug ImAlive')(c).replace('  use Phoenix.Endpoint, otp_app: :hello_phoenix\n', '  use Phoenix.Endpoint, otp_app: :hello_phoenix\n\n  alias HelloPhoenixWeb.Plugs.ImAlive\n'),
      'lib/hello_phoenix_web/plugs/im_alive.ex':
        'defmodule HelloPhoenixWeb.Plugs.ImAlive do\n  import Plug.Conn\n\n  @status_paths ["/status/alive", "/status/health"]\n\n  def init(opts), do: opts\n\n  def call(%{request_path: path} = conn, _) when path in @status_paths do\n    conn |> send_resp(200, "ok") |> halt()\n  end\n\n  def call(conn, _), do: conn\nend\n',
    });
    expect(p.facts.endpoints[0]!.plugs[0]!.name).toBe('HelloPhoenixWeb.Plugs.ImAlive');
    expect(p.health).toEqual({ path: '/status/alive' });
  });

  it('a Plug.Router module in the endpoint, with `get "/_health"`', async () => {
    const p = await scanProject({
      [ENDPOINT]: firstPlug('  plug HelloPhoenixWeb.HealthRouter'),
      'lib/hello_phoenix_web/health_router.ex':
        'defmodule HelloPhoenixWeb.HealthRouter do\n  use Plug.Router\n\n  plug :match\n  plug :dispatch\n\n  get "/_health" do\n    send_resp(conn, 200, "ok")\n  end\n\n  match _, do: conn\nend\n',
    });
    expect(p.health).toEqual({ path: '/_health' });
  });

  it('a health-check library plug: its documented default path, or the `path:` given', async () => {
    const lib = await scanProject({ [ENDPOINT]: firstPlug('  plug KubernetesHealthCheck.Plug, mod: HelloPhoenix.Health') });
    expect(lib.health).toEqual({ path: '/healthz' });
    const opt = await scanProject({ [ENDPOINT]: firstPlug('  plug PlugHealthcheck, path: "/up"') });
    expect(opt.health).toEqual({ path: '/up' });
  });

  it('the proxy plug of an HTTP listener the app starts itself (`{Plug.Cowboy, plug: …}`)', async () => {
    const p = await scanProject({
      [APP]: replace('      HelloPhoenixWeb.Endpoint\n    ]', '      HelloPhoenixWeb.Endpoint,\n      {Plug.Cowboy, scheme: :http, plug: HelloPhoenix.Proxy, port: 8080}\n    ]'),
      'lib/hello_phoenix/proxy.ex':
        'defmodule HelloPhoenix.Proxy do\n  use Plug.Builder\n\n  if Mix.env() == :dev do\n    def call(conn, _), do: HelloPhoenixWeb.Endpoint.call(conn, [])\n  else\n    def call(conn, _) do\n      if conn.request_path == "/status" do\n        send_resp(conn, 200, "Ok")\n      else\n        HelloPhoenixWeb.Endpoint.call(conn, [])\n      end\n    end\n  end\nend\n',
    });
    expect(p.health).toEqual({ path: '/status' });
    expect(p.facts.reasons['health']).toContain('HelloPhoenix.Proxy, the plug of the Plug.Cowboy listener');
  });

  it('a plug module that answers a health path but is mounted nowhere does not count', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/plugs/health.ex':
        'defmodule HelloPhoenixWeb.Plugs.Health do\n  def init(opts), do: opts\n  def call(%Plug.Conn{request_path: "/healthz"} = conn, _), do: Plug.Conn.send_resp(conn, 200, "ok")\n  def call(conn, _), do: conn\nend\n',
    });
    expect(p.health).toBeNull();
  });
});

describe('routes', () => {
  it('a health route of a router the main router forwards to, with the forward path as prefix', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/api_router.ex':
        'defmodule HelloPhoenixWeb.ApiRouter do\n  use HelloPhoenixWeb, :router\n\n  scope "/", HelloPhoenixWeb do\n    get "/health", HealthController, :show\n  end\nend\n',
      [ROUTER]: replace('  scope "/", HelloPhoenixWeb do\n', '  forward "/api", HelloPhoenixWeb.ApiRouter\n\n  scope "/", HelloPhoenixWeb do\n'),
    });
    expect(p.web.routerModule).toBe('HelloPhoenixWeb.Router');
    expect(p.health).toEqual({ path: '/api/health' });
  });

  it('a nested health route outside any pipeline', async () => {
    const p = await scanProject({ [ROUTER]: replace('  # Other scopes may use custom stacks.\n', '  scope "/api/v1" do\n    get "/health", HelloPhoenixWeb.HealthController, :index\n  end\n\n') });
    expect(p.health).toEqual({ path: '/api/v1/health' });
  });

  it('a health route behind an authentication pipeline does not count', async () => {
    const p = await scanProject({
      [ROUTER]: replace(
        '  # Other scopes may use custom stacks.\n',
        '  pipeline :admin_auth do\n    plug :require_authenticated_user\n  end\n\n  scope "/admin" do\n    pipe_through [:browser, :admin_auth]\n    get "/status", HelloPhoenixWeb.StatusController, :index\n  end\n\n',
      ),
    });
    expect(p.health).toBeNull();
  });
});
