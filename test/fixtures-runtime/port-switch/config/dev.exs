import Config

config :tally, Tally.Repo, database: "tally_dev", hostname: "localhost"

config :tally, TallyWeb.Endpoint, http: [port: 4000], code_reloader: true
