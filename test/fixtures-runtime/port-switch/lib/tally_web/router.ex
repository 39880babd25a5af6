defmodule TallyWeb.Router do
  use Phoenix.Router

  import Phoenix.Controller

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/api", TallyWeb do
    pipe_through :api

    get "/health", HealthController, :show
    resources "/counters", CounterController, only: [:index, :show, :create]
  end
end
