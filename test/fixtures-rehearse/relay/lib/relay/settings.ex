defmodule Relay.Settings do
  @moduledoc "Typed reads of the environment, shared by config/runtime.exs and the app."

  @doc "An integer variable, or the default when it is unset or empty."
  def integer(name, default) do
    case System.get_env(name) do
      value when value in [nil, ""] -> default
      value -> String.to_integer(value)
    end
  end

  @doc "A switch: true for \"true\" or \"1\"."
  def enabled?(name), do: System.get_env(name) in ["true", "1"]
end
