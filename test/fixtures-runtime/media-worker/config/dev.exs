import Config

config :reel, Reel.Repo, database: Path.expand("../reel_dev.db", __DIR__)
config :reel, :uploads_dir, Path.expand("../uploads", __DIR__)
config :reel, ReelWeb.Endpoint, http: [port: 4000], code_reloader: true
