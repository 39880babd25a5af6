import Config

config :relay, Relay.Repo, database: "relay_test", pool: Ecto.Adapters.SQL.Sandbox
