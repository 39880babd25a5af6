import Config

config :tally, Tally.Repo, database: "tally_test", pool: Ecto.Adapters.SQL.Sandbox

config :tally, TallyWeb.Endpoint, http: [port: 4002], server: false
