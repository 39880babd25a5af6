defmodule HelloPhoenixWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :hello_phoenix

  # The session lives in a signed cookie: its contents can be read by the
  # client but not changed. Add :encryption_salt to encrypt it as well.
  @session_options [
    store: :cookie,
    key: "_hello_phoenix_key",
    signing_salt: "lkPnpisA",
    same_site: "Lax"
  ]

  socket "/live", Phoenix.LiveView.Socket,
    websocket: [connect_info: [session: @session_options]],
    longpoll: [connect_info: [session: @session_options]]

  # Serve the files in "priv/static" at "/".
  #
  # Set gzip to true when the release runs phx.digest on its static files.
  plug Plug.Static,
    at: "/",
    from: :hello_phoenix,
    gzip: false,
    only: HelloPhoenixWeb.static_paths()

  # Code reloading is switched on by the :code_reloader setting of the endpoint.
  if code_reloading? do
    socket "/phoenix/live_reload/socket", Phoenix.LiveReloader.Socket
    plug Phoenix.LiveReloader
    plug Phoenix.CodeReloader
    plug Phoenix.Ecto.CheckRepoStatus, otp_app: :hello_phoenix
  end

  plug Phoenix.LiveDashboard.RequestLogger,
    param_key: "request_logger",
    cookie_key: "request_logger"

  plug Plug.RequestId
  plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]

  plug Plug.Parsers,
    parsers: [:urlencoded, :multipart, :json],
    pass: ["*/*"],
    json_decoder: Phoenix.json_library()

  plug Plug.MethodOverride
  plug Plug.Head
  plug Plug.Session, @session_options
  plug HelloPhoenixWeb.Router
end
