import Config

config :relay, RelayWeb.Endpoint, url: [scheme: "https", port: 443]

config :logger, level: :info
