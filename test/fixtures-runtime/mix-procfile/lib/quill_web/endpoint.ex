defmodule QuillWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :quill

  @session_options [
    store: :cookie,
    key: "_quill_key",
    signing_salt: "m1Qx8Zc2"
  ]

  plug Plug.Static,
    at: "/",
    from: :quill,
    gzip: false,
    only: ~w(css fonts images js favicon.ico robots.txt)

  if code_reloading? do
    plug Phoenix.CodeReloader
    plug Phoenix.Ecto.CheckRepoStatus, otp_app: :quill
  end

  plug Plug.RequestId
  plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]

  plug Plug.Parsers,
    parsers: [:urlencoded, :multipart, :json],
    pass: ["*/*"],
    json_decoder: Phoenix.json_library()

  plug Plug.MethodOverride
  plug Plug.Head
  plug Plug.Session, @session_options
  plug QuillWeb.Router
end
