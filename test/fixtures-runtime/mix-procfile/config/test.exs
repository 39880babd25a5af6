import Config

config :quill, Quill.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "quill_test#{System.get_env("MIX_TEST_PARTITION")}",
  pool: Ecto.Adapters.SQL.Sandbox

config :quill, QuillWeb.Endpoint,
  http: [port: 4002],
  server: false
