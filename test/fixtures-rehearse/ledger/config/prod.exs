import Config

config :ledger, LedgerWeb.Endpoint, url: [scheme: "https", port: 443]

config :logger, level: :info
