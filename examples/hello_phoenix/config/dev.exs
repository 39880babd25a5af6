import Config

# Configure your database
config :hello_phoenix, HelloPhoenix.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "hello_phoenix_dev",
  stacktrace: true,
  show_sensitive_data_on_connection_error: true,
  pool_size: 10

# In development caching is off, and debugging and code reloading are on.
#
# Watchers are external programs started next to the server; here they
# rebuild the JavaScript and CSS bundles whenever a source file changes.
config :hello_phoenix, HelloPhoenixWeb.Endpoint,
  # Listening on the IPv4 loopback keeps other machines out.
  # Use `ip: {0, 0, 0, 0}` to open it to the local network.
  http: [ip: {127, 0, 0, 1}, port: 4000],
  check_origin: false,
  code_reloader: true,
  debug_errors: true,
  secret_key_base: "6/bXhz9Ko1PnjN9GKRiFikrj1y+XZK1vs0RsnTtazw/KYdaEq0MZyf8RQpUlC21O",
  watchers: [
    esbuild: {Esbuild, :install_and_run, [:hello_phoenix, ~w(--sourcemap=inline --watch)]},
    tailwind: {Tailwind, :install_and_run, [:hello_phoenix, ~w(--watch)]}
  ]

# Reload the browser when static files or templates change.
config :hello_phoenix, HelloPhoenixWeb.Endpoint,
  live_reload: [
    patterns: [
      ~r"priv/static/(?!uploads/).*(js|css|png|jpeg|jpg|gif|svg)$",
      ~r"priv/gettext/.*(po)$",
      ~r"lib/hello_phoenix_web/(controllers|live|components)/.*(ex|heex)$"
    ]
  ]

# Enable dev routes for dashboard and mailbox
config :hello_phoenix, dev_routes: true

# Keep development logs short: no metadata, no timestamps.
config :logger, :console, format: "[$level] $message\n"

# Deeper stacktraces help while developing; they are costly in production.
config :phoenix, :stacktrace_depth, 20

# Initialize plugs at runtime for faster development compilation
config :phoenix, :plug_init_mode, :runtime

config :phoenix_live_view,
  # Include HEEx debug annotations as HTML comments in rendered markup
  debug_heex_annotations: true,
  # Enable helpful, but potentially expensive runtime checks
  enable_expensive_runtime_checks: true

# The Swoosh API client is only needed by production adapters.
config :swoosh, :api_client, false
