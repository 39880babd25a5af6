import Config

config :quill,
  ecto_repos: [Quill.Repo]

config :quill, QuillWeb.Endpoint,
  url: [host: "localhost"],
  secret_key_base: System.get_env("SECRET_KEY_BASE"),
  render_errors: [view: QuillWeb.ErrorView, accepts: ~w(html json), layout: false],
  pubsub_server: Quill.PubSub

config :logger, :console,
  format: "$time $metadata[$level] $message\n",
  metadata: [:request_id]

config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
