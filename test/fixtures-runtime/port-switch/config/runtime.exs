import Config

if config_env() == :prod do
  # The web role listens on TALLY_PORT; without it (a worker) the endpoint does not serve.
  tally_port =
    case System.get_env("TALLY_PORT") do
      port when port not in [nil, ""] -> String.to_integer(port)
      _ -> nil
    end

  endpoint_config = [
    url: [host: System.fetch_env!("TALLY_HOST")],
    secret_key_base: System.fetch_env!("TALLY_SECRET_KEY_BASE")
  ]

  endpoint_config =
    if tally_port do
      [{:http, [port: tally_port]} | endpoint_config]
    else
      [{:server, false} | endpoint_config]
    end

  config :tally, TallyWeb.Endpoint, endpoint_config
end

Code.require_file("#{config_env()}.exs", "config/runtime")
