defmodule HelloPhoenixWeb.PageController do
  use HelloPhoenixWeb, :controller

  def home(conn, _params) do
    # The home page is rendered without the app layout.
    render(conn, :home, layout: false)
  end
end
