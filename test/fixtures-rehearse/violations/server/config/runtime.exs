import Config

if config_env() == :prod do
  # The database comes in parts, as the managed host hands them out.
  db_host = System.get_env("DB_HOST") || raise "environment variable DB_HOST is missing."

  db_password =
    System.get_env("DB_PASSWORD") || raise "environment variable DB_PASSWORD is missing."

  config :ledger, Ledger.Repo,
    hostname: db_host,
    username: System.get_env("DB_USER", "ledger"),
    password: db_password,
    database: System.get_env("DB_NAME", "ledger"),
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")

  secret_key_base =
    System.get_env("SECRET_KEY_BASE") ||
      raise """
      environment variable SECRET_KEY_BASE is missing.
      You can generate one by calling: mix phx.gen.secret
      """

  host = System.get_env("PHX_HOST") || "example.com"
  port = String.to_integer(System.get_env("PORT") || "4000")

  config :ledger, LedgerWeb.Endpoint,
    url: [host: host, port: 443, scheme: "https"],
    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],
    secret_key_base: secret_key_base
end
