defmodule Vault.Application do
  @moduledoc false

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Vault.Repo,
      {Phoenix.PubSub, name: Vault.PubSub},
      VaultWeb.Endpoint
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Vault.Supervisor)
  end
end
