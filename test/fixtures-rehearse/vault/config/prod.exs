import Config

# Read when the release is built, not when it boots.
config :vault, VaultWeb.Endpoint,
  url: [scheme: "https", port: 443],
  secret_key_base: System.get_env("SECRET_KEY_BASE")

config :logger, level: :info
