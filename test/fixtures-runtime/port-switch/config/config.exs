import Config

config :tally,
  ecto_repos: [Tally.Repo]

config :tally, TallyWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  pubsub_server: Tally.PubSub

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
