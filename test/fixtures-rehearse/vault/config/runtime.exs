import Config

if System.get_env("PHX_SERVER") do
  config :vault, VaultWeb.Endpoint, server: true
end

if config_env() == :prod do
  config :vault, Vault.Repo, url: System.fetch_env!("DATABASE_URL"), pool_size: 10

  config :vault, VaultWeb.Endpoint,
    url: [host: System.get_env("PHX_HOST") || "example.com"],
    http: [
      ip: {0, 0, 0, 0, 0, 0, 0, 0},
      port: String.to_integer(System.get_env("PORT") || "4000")
    ]
end
