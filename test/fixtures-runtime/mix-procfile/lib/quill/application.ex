defmodule Quill.Application do
  @moduledoc false

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Quill.Repo,
      {Phoenix.PubSub, name: Quill.PubSub},
      QuillWeb.Endpoint
    ]

    opts = [strategy: :one_for_one, name: Quill.Supervisor]
    Supervisor.start_link(children, opts)
  end

  @impl true
  def config_change(changed, _new, removed) do
    QuillWeb.Endpoint.config_change(changed, removed)
    :ok
  end
end
