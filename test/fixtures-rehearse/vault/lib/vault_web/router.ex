defmodule VaultWeb.Router do
  use Phoenix.Router

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/api", VaultWeb do
    pipe_through :api

    get "/entries", EntryController, :index
  end
end
