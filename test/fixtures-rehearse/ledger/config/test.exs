import Config

config :ledger, Ledger.Repo, database: "ledger_test", pool: Ecto.Adapters.SQL.Sandbox
