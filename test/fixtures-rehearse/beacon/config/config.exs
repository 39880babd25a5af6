import Config

config :beacon,
  ecto_repos: [Beacon.Repo]

config :beacon, BeaconWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  pubsub_server: Beacon.PubSub

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
