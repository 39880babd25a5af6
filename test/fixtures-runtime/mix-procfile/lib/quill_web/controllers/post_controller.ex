defmodule QuillWeb.PostController do
  use Phoenix.Controller, namespace: QuillWeb

  def index(conn, _params), do: text(conn, "posts")
end
