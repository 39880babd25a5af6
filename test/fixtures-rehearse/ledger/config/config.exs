import Config

config :ledger,
  ecto_repos: [Ledger.Repo]

config :ledger, LedgerWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  pubsub_server: Ledger.PubSub

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
