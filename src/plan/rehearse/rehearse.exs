# Rehearses the config phase of a Phoenix app's boot, as a target will run it (phoenix-ops rehearse).
#
# Run as `elixir rehearse.exs INPUT` in a clean environment. INPUT holds one fact a line,
# `KIND<TAB>BASE64[<TAB>BASE64]`: root, config, runtime, ebin, app, endpoint, mode, and
# `build NAME VALUE` / `run NAME VALUE` for the environment of each phase. The script evaluates
# config/config.exs (and its imports) for :prod with the build's environment, then the runtime
# config with the runtime environment, through Config.Reader, records every env var each phase
# reads, stops at the first raise, and prints one JSON object on stdout. It never connects anywhere.
defmodule PhoenixOps.Rehearsal do
  @env_reads [{System, :get_env, 1}, {System, :get_env, 2}, {System, :fetch_env, 1}] ++
               [{System, :fetch_env!, 1}]
  @file_calls [{Config, :__import__!, 1}, {Code, :require_file, 1}, {Code, :require_file, 2}]

  def main([input]) do
    facts = read_input(input)
    File.cd!(one(facts, "root"))
    Enum.each(all(facts, "ebin"), &Code.prepend_path/1)
    build = phase(facts, "build", one(facts, "config"), false)
    Application.put_all_env(build.config)
    runtime = phase(facts, "run", one(facts, "runtime"), one(facts, "mode") == "release")
    merged = Config.Reader.merge(build.config, runtime.config)

    result = %{
      elixir: System.version(),
      otp: System.otp_release(),
      phases: [report(build), report(runtime)],
      effective: effective(facts, merged, build.error == nil and runtime.error == nil)
    }

    IO.puts(json(result))
  end

  defp read_input(path) do
    path
    |> File.read!()
    |> String.split("\n", trim: true)
    |> Enum.map(fn line ->
      [kind | values] = String.split(line, "\t")
      {kind, Enum.map(values, &Base.decode64!/1)}
    end)
  end

  defp one(facts, kind) do
    Enum.find_value(facts, fn {k, [v | _]} -> if k == kind, do: v end)
  end

  defp all(facts, kind), do: for({^kind, [v | _]} <- facts, do: v)

  defp env_of(facts, kind), do: for({^kind, [name, value]} <- facts, do: {name, value})

  # Exactly the phase's environment: everything else the VM was started with is removed.
  defp put_env(pairs) do
    Enum.each(Map.keys(System.get_env()), &System.delete_env/1)
    System.put_env(pairs)
  end

  defp phase(facts, kind, nil, _release?) do
    put_env(env_of(facts, kind))
    %{phase: kind, file: nil, config: [], reads: [], error: nil, mix_calls: []}
  end

  defp phase(facts, kind, file, release?) do
    put_env(env_of(facts, kind))
    if kind == "build", do: start_mix()
    tracer = start_tracer()
    trace_patterns(release?)
    :erlang.trace(self(), true, [:call, {:tracer, tracer}])

    outcome =
      try do
        {:ok, Config.Reader.read!(file, env: :prod, target: :host)}
      rescue
        e -> {:error, e}
      catch
        k, v -> {:error, %RuntimeError{message: "#{k}: #{inspect(v)}"}}
      end

    :erlang.trace(self(), false, [:call])
    ref = :erlang.trace_delivered(self())
    receive do: ({:trace_delivered, _, ^ref} -> :ok)
    send(tracer, {:done, self()})
    trace = receive do: ({:trace_log, log} -> log)
    :erlang.trace_pattern({:_, :_, :_}, false, [])
    summarize(kind, file, outcome, trace)
  end

  # config.exs runs under Mix in the build (`Mix.env()` answers :prod there).
  defp start_mix do
    Mix.start()
    Mix.env(:prod)
  rescue
    _ -> :ok
  end

  defp trace_patterns(release?) do
    returns = [{:_, [], [{:return_trace}]}]
    # A pattern set on a module that is not loaded yet matches nothing.
    Enum.each([System, Config, Code, Mix], &Code.ensure_loaded/1)
    for {m, f, a} <- @env_reads ++ @file_calls, do: :erlang.trace_pattern({m, f, a}, returns, [])
    # A release has no Mix: a runtime config that calls it fails there.
    if release?, do: :erlang.trace_pattern({Mix, :_, :_}, true, [])
  end

  defp start_tracer do
    spawn_link(fn -> collect([]) end)
  end

  defp collect(log) do
    receive do
      {:done, from} -> send(from, {:trace_log, Enum.reverse(log)})
      {:trace, _, :call, mfa} -> collect([{:call, mfa} | log])
      {:trace, _, :return_from, mfa, value} -> collect([{:return, mfa, value} | log])
      _ -> collect(log)
    end
  end

  defp summarize(kind, file, outcome, trace) do
    {reads, files, mix_calls} = walk(trace, [], [file], [])
    config = if match?({:ok, _}, outcome), do: elem(outcome, 1), else: []
    error = if match?({:error, _}, outcome), do: describe(elem(outcome, 1), reads, hd(files))

    %{
      phase: kind,
      file: file,
      config: config,
      reads: Enum.reverse(reads),
      error: error,
      mix_calls: Enum.uniq(mix_calls)
    }
  end

  # Env reads with their outcome, the file being evaluated at the end, calls into Mix.
  defp walk([], reads, files, mix), do: {reads, files, Enum.reverse(mix)}

  # A read is of a variable set in the phase's environment or not (a default it falls back to is no value).
  defp walk([{:call, {System, _, [name | _]}} | rest], reads, files, mix) do
    rest = skip_return(rest)
    read = %{name: name, set: System.get_env(name) != nil, file: hd(files)}
    walk(rest, [read | reads], files, mix)
  end

  # Calls the evaluator makes itself (`__info__/1` for macro expansion) are not the config's.
  defp walk([{:call, {Mix, f, args}} | rest], reads, files, mix) do
    mix =
      if String.starts_with?(Atom.to_string(f), "__"),
        do: mix,
        else: ["Mix.#{f}/#{length(args)}" | mix]

    walk(rest, reads, files, mix)
  end

  defp walk([{:call, {_, _, [path | _]}} | rest], reads, files, mix),
    do: walk(rest, reads, [Path.relative_to_cwd(Path.expand(path)) | files], mix)

  defp walk([{:return, {m, _, _}, _} | rest], reads, [_ | files], mix) when m in [Config, Code],
    do: walk(rest, reads, files, mix)

  defp walk([_ | rest], reads, files, mix), do: walk(rest, reads, files, mix)

  defp skip_return([{:return, {System, _, _}, _} | rest]), do: rest
  defp skip_return(rest), do: rest

  defp describe(%System.EnvError{env: name} = e, _reads, file),
    do: error(e, file, %{kind: "env", variable: name})

  defp describe(%UndefinedFunctionError{module: m, function: f, arity: a} = e, _reads, file) do
    # A loaded module without the function: one of a newer Elixir, or of code compiled elsewhere.
    kind = if Code.ensure_loaded?(m), do: "elixir", else: "module"
    error(e, file, %{kind: kind, module: inspect(m), function: "#{f}/#{a}"})
  end

  # `import Dotenvy` / `require Mod` of a module that is not on the code path; a function of a newer
  # Elixir than the one running (`to_timeout/1`): neither is the app's fault.
  defp describe(%CompileError{description: text} = e, reads, file) do
    case Regex.run(~r/module (\S+) is not loaded and could not be found/, text) do
      [_, module] -> error(e, file, %{kind: "module", module: module, function: nil})
      nil -> error(e, file, %{kind: "elixir", variable: unset_before(reads)})
    end
  end

  # Application.app_dir/2 and friends need the app itself, which only a compiled build has.
  defp describe(%ArgumentError{message: "unknown application" <> _} = e, _reads, file),
    do: error(e, file, %{kind: "module"})

  defp describe(e, reads, file) do
    error(e, file, %{kind: "raise", variable: unset_before(reads), last_read: last_read(reads)})
  end

  # `reads` is newest first: the variable read right before the raise, when it was unset.
  defp unset_before([%{set: false, name: name} | _]), do: name
  defp unset_before(_reads), do: nil

  defp last_read([read | _]), do: read.name
  defp last_read([]), do: nil

  defp error(e, file, fields) do
    Map.merge(%{type: inspect(e.__struct__), message: Exception.message(e), file: file}, fields)
  end

  defp report(phase), do: Map.delete(phase, :config)

  defp effective(_facts, _config, false), do: nil

  defp effective(facts, config, true) do
    app = String.to_atom(one(facts, "app"))
    endpoint = module(one(facts, "endpoint"))
    app_env = Keyword.get(config, app, [])
    ep = if endpoint, do: Keyword.get(app_env, endpoint), else: nil
    ep = endpoint_init(endpoint, ep)
    serve_all = get_in(config, [:phoenix, :serve_endpoints]) == true
    http = keyword(ep, :http)

    %{
      endpoint: endpoint && inspect(endpoint),
      endpoint_configured: is_list(ep),
      server: serve_all or keyword(ep, :server) == true,
      port: port(keyword(http, :port)),
      https_only: http == nil and keyword(ep, :https) != nil,
      host: string(keyword(keyword(ep, :url), :host)),
      secret_key_base_bytes: bytes(keyword(ep, :secret_key_base)),
      repos: Enum.map(repos(config, app), &repo(&1, config))
    }
  end

  defp module(nil), do: nil
  defp module(name), do: Module.concat([name])

  defp keyword(list, key) when is_list(list), do: if(Keyword.keyword?(list), do: list[key])
  defp keyword(_, _), do: nil

  defp string(value) when is_binary(value), do: value
  defp string(_), do: nil

  defp bytes(value) when is_binary(value), do: byte_size(value)
  defp bytes(_), do: nil

  defp port(value) when is_integer(value), do: value

  defp port(value) when is_binary(value) do
    case Integer.parse(value) do
      {n, ""} -> n
      _ -> nil
    end
  end

  defp port({:system, name}) when is_binary(name), do: port(System.get_env(name))
  defp port(_), do: nil

  # Phoenix 1.6 and older endpoints may set their config in init/2 (load_from_system_env).
  defp endpoint_init(nil, config), do: config

  defp endpoint_init(endpoint, config) do
    if Code.ensure_loaded?(endpoint) and function_exported?(endpoint, :init, 2) do
      case endpoint.init(:supervisor, config || []) do
        {:ok, updated} -> updated
        _ -> config
      end
    else
      config
    end
  rescue
    _ -> config
  end

  defp repos(config, app) do
    own = get_in(config, [app, :ecto_repos]) || []
    others = for {_, env} <- config, is_list(env), repos = env[:ecto_repos], do: repos
    Enum.uniq(own ++ List.flatten(others))
  end

  defp repo(module, config) do
    app = Enum.find_value(config, fn {app, env} -> if keyword(env, module), do: app end)
    settings = (app && get_in(config, [app, module])) || []
    compiled = Code.ensure_loaded?(module) and function_exported?(module, :init, 2)
    {settings, init_error} = repo_init(compiled, module, settings)

    %{
      module: inspect(module),
      compiled: compiled,
      connection: connection(settings),
      init_error: init_error
    }
  end

  defp repo_init(false, _module, settings), do: {settings, nil}

  defp repo_init(true, module, settings) do
    case module.init(:runtime, settings) do
      {:ok, updated} -> {updated, nil}
      other -> {settings, "init/2 returned #{inspect(other)}"}
    end
  rescue
    e -> {settings, Exception.message(e)}
  end

  defp connection(settings) do
    cond do
      is_binary(keyword(settings, :url)) -> "url"
      keyword(settings, :socket_dir) || keyword(settings, :socket) -> "socket"
      keyword(settings, :hostname) && keyword(settings, :database) -> "hostname"
      is_binary(keyword(settings, :database)) -> "database"
      true -> nil
    end
  end

  # A JSON encoder for the result (Elixir 1.14 has none): maps, lists, strings, numbers, booleans, nil.
  defp json(nil), do: "null"
  defp json(true), do: "true"
  defp json(false), do: "false"
  defp json(value) when is_number(value), do: to_string(value)
  defp json(value) when is_atom(value), do: json(Atom.to_string(value))
  defp json(value) when is_binary(value), do: ~s("#{escape(value)}")
  defp json(value) when is_list(value), do: "[" <> Enum.map_join(value, ",", &json/1) <> "]"

  defp json(value) when is_map(value) do
    "{" <> Enum.map_join(value, ",", fn {k, v} -> json(to_string(k)) <> ":" <> json(v) end) <> "}"
  end

  defp json(value), do: json(inspect(value))

  defp escape(text) do
    if(String.valid?(text), do: text, else: inspect(text))
    |> String.to_charlist()
    |> Enum.map_join(fn
      ?" -> "\\\""
      ?\\ -> "\\\\"
      c when c < 0x20 -> "\\u" <> String.pad_leading(Integer.to_string(c, 16), 4, "0")
      c -> <<c::utf8>>
    end)
  end
end

PhoenixOps.Rehearsal.main(System.argv())
