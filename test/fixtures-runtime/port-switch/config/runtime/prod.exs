import Config

config :tally, Tally.Repo,
  pool_size: String.to_integer(System.get_env("TALLY_POOL_SIZE", "10")),
  ssl: System.get_env("TALLY_DATABASE_SSL") == "true"
