import Config

if System.get_env("PHX_SERVER") do
  config :beacon, BeaconWeb.Endpoint, server: true
end

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise """
      environment variable DATABASE_URL is missing.
      For example: ecto://USER:PASS@HOST/DATABASE
      """

  config :beacon, Beacon.Repo, url: database_url, pool_size: 10

  # Beacon shares its hosts with other services: its port has a name of its own.
  port = String.to_integer(System.get_env("BEACON_HTTP_PORT") || "4000")

  config :beacon, BeaconWeb.Endpoint,
    url: [host: System.get_env("PHX_HOST") || "example.com", port: 443, scheme: "https"],
    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],
    secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
end
