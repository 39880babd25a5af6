import Config

config :beacon, Beacon.Repo, database: "beacon_test", pool: Ecto.Adapters.SQL.Sandbox
