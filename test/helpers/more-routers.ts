/**
 * The example app with a second router that prod serves without the endpoint plugging it directly,
 * in the two shapes real apps use (as edits of the example app, for the rule tables):
 *
 * - HOST_DISPATCH: the endpoint plugs a module plug that picks the router by `conn.host` and calls
 *   it (`PartnerRouter.call(conn, PartnerRouter.init(opts))`); the partner portal's router has its
 *   own browser pipeline.
 * - SECOND_ENDPOINT: an embed endpoint started beside the main one, served in prod (`server: true`
 *   in runtime.exs), with `plug HelloPhoenixWeb.EmbedRouter`.
 */
import { replace, type Edits } from './project.js';

export const MAIN_ROUTER = 'lib/hello_phoenix_web/router.ex';
export const PARTNER_ROUTER = 'lib/hello_phoenix_web/partner_router.ex';
export const EMBED_ROUTER = 'lib/hello_phoenix_web/embed_router.ex';

/** The main router's browser pipeline with an explicit policy (so only the other router lacks one). */
export const MAIN_CSP: Edits = {
  [MAIN_ROUTER]: replace(
    '    plug :put_secure_browser_headers\n',
    `    plug :put_secure_browser_headers, %{"content-security-policy" => "default-src 'self'; connect-src 'self' wss:"}\n`,
  ),
};

const HOST_DISPATCH_PLUG = `defmodule HelloPhoenixWeb.HostDispatch do
  @moduledoc "Serves the partner portal on its own host name, the app everywhere else."
  @behaviour Plug

  alias HelloPhoenixWeb.PartnerRouter

  @impl true
  def init(opts), do: opts

  @impl true
  def call(conn, opts) do
    case conn.host do
      "partners." <> _ -> PartnerRouter.call(conn, PartnerRouter.init(opts))
      _ -> HelloPhoenixWeb.Router.call(conn, HelloPhoenixWeb.Router.init(opts))
    end
  end
end
`;

/** The partner portal's router (pipeline on line 6, its plugs from line 7); `plugs` replaces the browser pipeline's plugs. */
export function partnerRouter(plugs = ['plug :accepts, ["html"]', 'plug :fetch_session', 'plug :protect_from_forgery', 'plug :put_secure_browser_headers', 'plug :fetch_current_user']): string {
  return `defmodule HelloPhoenixWeb.PartnerRouter do
  use HelloPhoenixWeb, :router

  import HelloPhoenixWeb.UserAuth

  pipeline :partner_browser do
${plugs.map((p) => `    ${p}\n`).join('')}  end

  scope "/", HelloPhoenixWeb do
    pipe_through :partner_browser

    get "/", PageController, :home
    post "/orders", PageController, :create
  end
end
`;
}

export const HOST_DISPATCH: Edits = {
  'lib/hello_phoenix_web/host_dispatch.ex': HOST_DISPATCH_PLUG,
  [PARTNER_ROUTER]: partnerRouter(),
  'lib/hello_phoenix_web/endpoint.ex': replace('  plug HelloPhoenixWeb.Router\n', '  plug HelloPhoenixWeb.HostDispatch\n'),
};

const EMBED_ENDPOINT = `defmodule HelloPhoenixWeb.EmbedEndpoint do
  use Phoenix.Endpoint, otp_app: :hello_phoenix

  plug Plug.RequestId
  plug Plug.Head
  plug HelloPhoenixWeb.EmbedRouter
end
`;

/** The embed endpoint's router (pipeline on line 4); `plugs` replaces its pipeline's plugs. */
export const embedRouter = (plugs = ['plug :accepts, ["html"]', 'plug :put_root_layout, html: {HelloPhoenixWeb.Layouts, :root}']) => `defmodule HelloPhoenixWeb.EmbedRouter do
  use HelloPhoenixWeb, :router

  pipeline :embed do
${plugs.map((p) => `    ${p}\n`).join('')}  end

  scope "/embed", HelloPhoenixWeb do
    pipe_through :embed

    live "/pages/:slug", PageLive, :show
  end
end
`;

/** A second endpoint in the supervision tree; `served` turns its server on where the main one's is (`PHX_SERVER`). */
export function secondEndpoint(served = true): Edits {
  return {
    'lib/hello_phoenix_web/embed_endpoint.ex': EMBED_ENDPOINT,
    [EMBED_ROUTER]: embedRouter(),
    'lib/hello_phoenix/application.ex': replace('      HelloPhoenixWeb.Endpoint\n', '      HelloPhoenixWeb.Endpoint,\n      HelloPhoenixWeb.EmbedEndpoint\n'),
    ...(served
      ? {
          'config/runtime.exs': replace(
            '  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\n',
            '  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\n  config :hello_phoenix, HelloPhoenixWeb.EmbedEndpoint, server: true\n',
          ),
        }
      : {}),
  };
}
