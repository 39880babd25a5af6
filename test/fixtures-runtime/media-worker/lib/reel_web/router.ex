defmodule ReelWeb.Router do
  use Phoenix.Router

  import Phoenix.Controller

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/api", ReelWeb do
    pipe_through :api

    post "/videos", VideoController, :create
  end
end
