import Config

config :quill, Quill.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "quill_dev",
  pool_size: 10

config :quill, QuillWeb.Endpoint,
  http: [port: 4000],
  debug_errors: true,
  code_reloader: true,
  check_origin: false
