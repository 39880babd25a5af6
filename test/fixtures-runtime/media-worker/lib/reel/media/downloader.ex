defmodule Reel.Media.Downloader do
  @moduledoc "Fetches remote videos with the downloader the app is configured with, through a wrapper script."

  def fetch(url, dest) do
    program = Application.fetch_env!(:reel, :downloader)
    wrapper = Path.join(:code.priv_dir(:reel), "run_tool.sh")
    System.cmd(wrapper, [program, "-o", dest, url], stderr_to_stdout: true)
  end
end
