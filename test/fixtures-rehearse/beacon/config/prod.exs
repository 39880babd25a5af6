import Config

config :beacon, BeaconWeb.Endpoint, url: [scheme: "https", port: 443]

config :logger, level: :info
