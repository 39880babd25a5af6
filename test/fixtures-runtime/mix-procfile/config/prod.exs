import Config

# Heroku runs `mix start` (ecto.migrate + phx.server): this file is read when the app boots.
config :quill, QuillWeb.Endpoint,
  http: [port: String.to_integer(System.get_env("HTTP_PORT") || "4000")],
  url: [scheme: "https", host: System.get_env("HOST", "quill.example.com"), port: 443],
  force_ssl: [rewrite_on: [:x_forwarded_proto]]

config :quill, Quill.Repo,
  hostname: System.get_env("DB_HOST"),
  username: System.get_env("DB_USER"),
  password: System.get_env("DB_PASSWORD"),
  database: System.get_env("DB_NAME", "quill"),
  pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")

config :logger, level: :info
