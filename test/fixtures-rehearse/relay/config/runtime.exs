import Config

if config_env() == :prod do
  config :relay, Relay.Repo,
    url: System.fetch_env!("DATABASE_URL"),
    pool_size: Relay.Settings.integer("POOL_SIZE", 10)

  config :relay, RelayWeb.Endpoint,
    server: Relay.Settings.enabled?("PHX_SERVER"),
    url: [host: System.get_env("PHX_HOST") || "example.com", port: 443, scheme: "https"],
    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: Relay.Settings.integer("PORT", 4000)],
    secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
end
