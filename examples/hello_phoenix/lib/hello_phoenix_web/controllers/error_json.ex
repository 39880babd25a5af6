defmodule HelloPhoenixWeb.ErrorJSON do
  @moduledoc """
  Invoked by the endpoint when a JSON request fails.
  """

  # Returns e.g. %{errors: %{detail: "Not Found"}} for 404.html.
  def render(template, _assigns) do
    %{errors: %{detail: Phoenix.Controller.status_message_from_template(template)}}
  end
end
