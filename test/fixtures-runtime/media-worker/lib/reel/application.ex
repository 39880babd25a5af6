defmodule Reel.Application do
  @moduledoc false

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Reel.Repo,
      {Phoenix.PubSub, name: Reel.PubSub},
      ReelWeb.Endpoint
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Reel.Supervisor)
  end
end
