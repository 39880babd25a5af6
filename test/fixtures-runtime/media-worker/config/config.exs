import Config

config :reel,
  ecto_repos: [Reel.Repo],
  downloader: System.find_executable("yt-dlp")

config :reel, ReelWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  pubsub_server: Reel.PubSub

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
