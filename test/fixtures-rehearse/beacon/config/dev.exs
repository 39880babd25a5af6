import Config

config :beacon, Beacon.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "beacon_dev"

config :beacon, BeaconWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  secret_key_base: "dev-only-secret-key-base-that-is-long-enough-for-phoenix-to-accept-it"
