defmodule ReelWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :reel

  plug Plug.RequestId

  plug Plug.Parsers,
    parsers: [:urlencoded, :multipart, :json],
    pass: ["*/*"],
    json_decoder: Phoenix.json_library()

  plug ReelWeb.Router
end
