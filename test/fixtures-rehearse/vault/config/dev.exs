import Config

config :vault, Vault.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "vault_dev"

config :vault, VaultWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  secret_key_base: "dev-only-secret-key-base-that-is-long-enough-for-phoenix-to-accept-it"
