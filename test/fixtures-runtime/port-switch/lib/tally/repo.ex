defmodule Tally.Repo do
  use Ecto.Repo,
    otp_app: :tally,
    adapter: Ecto.Adapters.Postgres

  # The connection comes from TALLY_DATABASE_URL when it is set (the release path).
  @impl true
  def init(_context, config) do
    if url = System.get_env("TALLY_DATABASE_URL") do
      {:ok, Keyword.put(config, :url, url)}
    else
      {:ok, config}
    end
  end
end
