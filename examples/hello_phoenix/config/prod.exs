import Config

# The cache manifest lists the digested file names of the static assets.
# `mix assets.deploy` writes it; run that task after building the assets
# and before starting the production server.
config :hello_phoenix, HelloPhoenixWeb.Endpoint,
  cache_static_manifest: "priv/static/cache_manifest.json"

# Configures Swoosh API Client
config :swoosh, api_client: Swoosh.ApiClient.Finch, finch_name: HelloPhoenix.Finch

# Disable Swoosh Local Memory Storage
config :swoosh, local: false

# Do not print debug messages in production
config :logger, level: :info

# Runtime production configuration, including reading
# of environment variables, is done on config/runtime.exs.
