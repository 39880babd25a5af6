import Config

config :reel, Reel.Repo,
  database: Path.expand("../reel_test.db", __DIR__),
  pool: Ecto.Adapters.SQL.Sandbox

config :reel, ReelWeb.Endpoint, http: [port: 4002], server: false
