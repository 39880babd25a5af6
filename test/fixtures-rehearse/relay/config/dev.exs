import Config

config :relay, Relay.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "relay_dev"

config :relay, RelayWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  secret_key_base: "dev-only-secret-key-base-that-is-long-enough-for-phoenix-to-accept-it"
