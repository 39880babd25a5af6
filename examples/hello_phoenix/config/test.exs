import Config

# Only in tests, remove the complexity from the password hashing algorithm
config :bcrypt_elixir, :log_rounds, 1

# Configure your database
#
# MIX_TEST_PARTITION lets CI split the suite across several databases.
# Run `mix help test` for more information.
config :hello_phoenix, HelloPhoenix.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "hello_phoenix_test#{System.get_env("MIX_TEST_PARTITION")}",
  pool: Ecto.Adapters.SQL.Sandbox,
  pool_size: System.schedulers_online() * 2

# No server runs during tests unless `server: true` is set here.
config :hello_phoenix, HelloPhoenixWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4002],
  secret_key_base: "+rzHSZIoqu7yyG66vQmhCnRUHF/Ym+FW+Qj6Xe/aFH0X/ekqd3W5fS9xz+OhnpD9",
  server: false

# In test we don't send emails
config :hello_phoenix, HelloPhoenix.Mailer, adapter: Swoosh.Adapters.Test

# The Swoosh API client is only needed by production adapters.
config :swoosh, :api_client, false

# Print only warnings and errors during test
config :logger, level: :warning

# Initialize plugs at runtime for faster test compilation
config :phoenix, :plug_init_mode, :runtime

# Enable helpful, but potentially expensive runtime checks
config :phoenix_live_view,
  enable_expensive_runtime_checks: true
