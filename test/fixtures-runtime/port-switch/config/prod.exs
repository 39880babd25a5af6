import Config

config :tally, TallyWeb.Endpoint, url: [scheme: "https", port: 443]

# Every endpoint serves in a prod release, unless runtime.exs turns it off.
config :phoenix, :serve_endpoints, true

config :logger, level: :info
