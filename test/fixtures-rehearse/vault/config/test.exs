import Config

config :vault, Vault.Repo, database: "vault_test", pool: Ecto.Adapters.SQL.Sandbox
