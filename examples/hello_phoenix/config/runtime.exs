import Config

# config/runtime.exs runs in every environment, releases included. It is
# evaluated after compilation and right before the system boots, which makes
# it the place to read production settings and secrets from the environment.
# Compile-time settings do not belong here: they would be ignored.

# ## Using releases
#
# A release only starts the web server when asked to. Pass PHX_SERVER=true
# when starting it:
#
#     PHX_SERVER=true bin/hello_phoenix start
#
# `mix phx.gen.release` writes a `bin/server` script that sets it for you.
if System.get_env("PHX_SERVER") do
  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true
end

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise """
      environment variable DATABASE_URL is missing.
      For example: ecto://USER:PASS@HOST/DATABASE
      """

  maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []

  config :hello_phoenix, HelloPhoenix.Repo,
    # ssl: true,
    url: database_url,
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10"),
    socket_options: maybe_ipv6

  # The secret key base signs and encrypts cookies and other secrets.
  # dev.exs and test.exs carry throwaway values; production reads its own
  # from the environment so it never lands in version control.
  secret_key_base =
    System.get_env("SECRET_KEY_BASE") ||
      raise """
      environment variable SECRET_KEY_BASE is missing.
      You can generate one by calling: mix phx.gen.secret
      """

  host = System.get_env("PHX_HOST") || "example.com"
  port = String.to_integer(System.get_env("PORT") || "4000")

  config :hello_phoenix, :dns_cluster_query, System.get_env("DNS_CLUSTER_QUERY")

  config :hello_phoenix, HelloPhoenixWeb.Endpoint,
    url: [host: host, port: 443, scheme: "https"],
    http: [
      # Listen on every IPv6 (and, through it, IPv4) interface.
      # Use {0, 0, 0, 0, 0, 0, 0, 1} to accept local connections only.
      # See https://hexdocs.pm/plug_cowboy/Plug.Cowboy.html
      # for the full list of transport options.
      ip: {0, 0, 0, 0, 0, 0, 0, 0},
      port: port
    ],
    secret_key_base: secret_key_base

  # ## SSL Support
  #
  # To terminate TLS in the application itself, add an `https` key
  # next to `http`:
  #
  #     config :hello_phoenix, HelloPhoenixWeb.Endpoint,
  #       https: [
  #         port: 443,
  #         cipher_suite: :strong,
  #         keyfile: System.get_env("SOME_APP_SSL_KEY_PATH"),
  #         certfile: System.get_env("SOME_APP_SSL_CERT_PATH")
  #       ]
  #
  # Relative `keyfile`/`certfile` paths are resolved against the
  # application's priv directory.
  #
  # To redirect every plain HTTP request to HTTPS, also set `force_ssl`
  # in config/prod.exs:
  #
  #     config :hello_phoenix, HelloPhoenixWeb.Endpoint,
  #       force_ssl: [hsts: true]
  #
  # See `Plug.SSL` for the available options.

  # ## Configuring the mailer
  #
  # Production needs a real Swoosh adapter, for example Mailgun:
  #
  #     config :hello_phoenix, HelloPhoenix.Mailer,
  #       adapter: Swoosh.Adapters.Mailgun,
  #       api_key: System.get_env("MAILGUN_API_KEY"),
  #       domain: System.get_env("MAILGUN_DOMAIN")
  #
  # Most adapters also need an HTTP client, set in config/prod.exs
  # (Finch is already started by the application).
  #
  # See https://hexdocs.pm/swoosh/Swoosh.html#module-installation for details.
end
