defmodule Mix.Tasks.Reel.Fixtures do
  @shortdoc "Downloads sample videos for development"
  use Mix.Task

  @impl true
  def run(_args) do
    System.cmd("curl", ["-sSLo", "priv/samples/sample.mp4", "https://example.com/sample.mp4"])
  end
end
