import Config

config :ledger, LedgerWeb.Endpoint, url: [scheme: "https", port: 443]

# Read when the release is built: the build has no mailer key.
config :ledger, Ledger.Mailer, api_key: System.fetch_env!("MAILER_API_KEY")

config :logger, level: :info
