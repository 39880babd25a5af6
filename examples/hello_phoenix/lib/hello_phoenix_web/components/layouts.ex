defmodule HelloPhoenixWeb.Layouts do
  @moduledoc """
  Layouts used by the application. The root layout is rendered by the
  router (see the `:browser` pipeline); the app layout wraps every page.
  """
  use HelloPhoenixWeb, :html

  embed_templates "layouts/*"
end
