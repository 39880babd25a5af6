defmodule HelloPhoenixWeb.Gettext do
  @moduledoc """
  Gettext backend for translated strings.

  Use it through the `gettext/1`, `ngettext/3` and `dgettext/2` macros:

      import HelloPhoenixWeb.Gettext

      gettext("Here is the string to translate")

  See the [Gettext docs](https://hexdocs.pm/gettext) for details.
  """
  use Gettext, otp_app: :hello_phoenix
end
