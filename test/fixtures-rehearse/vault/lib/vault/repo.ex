defmodule Vault.Repo do
  use Ecto.Repo,
    otp_app: :vault,
    adapter: Ecto.Adapters.Postgres
end
