defmodule Quill.Repo do
  use Ecto.Repo,
    otp_app: :quill,
    adapter: Ecto.Adapters.Postgres
end
