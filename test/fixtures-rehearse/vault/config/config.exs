import Config

config :vault,
  ecto_repos: [Vault.Repo]

config :vault, VaultWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  pubsub_server: Vault.PubSub

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
