defmodule Reel.Media.Transcoder do
  @moduledoc "Turns an uploaded video into an MP4 and a poster frame."

  # Read when the module is compiled, not when the app runs.
  @ffmpeg_version (case System.cmd("ffmpeg", ["-version"]) do
                     {out, 0} -> out |> String.split("\n") |> hd()
                     _ -> "unknown"
                   end)

  def version, do: @ffmpeg_version

  def store(%Plug.Upload{path: tmp, filename: name}) do
    dir = Application.fetch_env!(:reel, :uploads_dir)
    File.mkdir_p!(dir)
    dest = Path.join(dir, name)
    File.cp!(tmp, dest)
    transcode(dest)
  end

  def transcode(path) do
    mp4 = Path.rootname(path) <> ".mp4"

    case System.cmd("ffmpeg", ["-y", "-i", path, "-c:v", "libx264", mp4], stderr_to_stdout: true) do
      {_, 0} -> {:ok, mp4}
      {out, status} -> {:error, {status, out}}
    end
  end

  def poster(mp4) do
    mp4
    |> Mogrify.open()
    |> Mogrify.resize("640x360")
    |> Mogrify.save(in_place: true)
  end
end
