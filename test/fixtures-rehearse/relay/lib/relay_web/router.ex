defmodule RelayWeb.Router do
  use Phoenix.Router

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/api", RelayWeb do
    pipe_through :api

    get "/entries", EntryController, :index
  end
end
