/**
 * How real runtime configs say what they need, beyond `System.fetch_env!`: alternatives
 * (`System.get_env("A") || System.get_env("B") || raise`), a typed config schema read by key
 * (`fetch!(:database_host)` over `defconfig(:database_host, :string, default: …)` definitions), a
 * connection option chosen by `if(…, do: …, else: …)`, and a port bound by a `case` clause.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/scan/profile.js';
import { scanProject } from '../../helpers/project.js';

const required = (p: Profile) => p.runtimeConfig.env.filter((e) => e.required).map((e) => e.name);

describe('alternatives: `System.get_env("A") || System.get_env("B") || raise`', () => {
  const src = `import Config

if config_env() == :prod do
  host =
    System.get_env("SITE_HOST") || System.get_env("HOST") ||
      raise "environment variable SITE_HOST or HOST must be set"

  worker_host =
    System.get_env("WORKER_HOST") || System.get_env("SITE_HOST") || System.get_env("HOST") ||
      raise "environment variable WORKER_HOST, SITE_HOST or HOST must be set"

  config :hello_phoenix, HelloPhoenixWeb.Endpoint,
    url: [host: host, port: 443, scheme: "https"],
    secret_key_base: System.fetch_env!("SECRET_KEY_BASE")

  config :hello_phoenix, :worker_host, worker_host
end
`;

  it('the first name is required, with the names that serve as well; a chain the other satisfies is not', async () => {
    const p = await scanProject({ 'config/runtime.exs': src });
    const site = p.runtimeConfig.env.find((e) => e.name === 'SITE_HOST');
    expect(site).toMatchObject({ required: true, alternatives: ['HOST'] });
    expect(required(p).sort()).toEqual(['SECRET_KEY_BASE', 'SITE_HOST']);
    expect(p.runtimeConfig.env.find((e) => e.name === 'WORKER_HOST')?.required).toBe(false);
  });

  it('a chain that ends in a literal is optional', async () => {
    const p = await scanProject({ 'config/runtime.exs': 'import Config\n\nconfig :hello_phoenix, :h, System.get_env("A_HOST") || System.get_env("B_HOST") || "localhost"\n' });
    expect(required(p)).toEqual([]);
  });
});

const SETTINGS = `defmodule HelloPhoenix.Settings do
  @moduledoc "Reads the typed settings of HelloPhoenix.Settings.Schema from the environment."
  alias HelloPhoenix.Settings.Schema

  def fetch!(schema \\\\ Schema, key, env \\\\ System.get_env()) do
    case lookup(schema, key, env) do
      {:ok, value} -> value
      :error -> raise ArgumentError, "missing setting #{env_name(key)}"
    end
  end

  def fetch(schema \\\\ Schema, key, env \\\\ System.get_env()) do
    case lookup(schema, key, env) do
      {:ok, value} -> value
      :error -> nil
    end
  end

  def env_name(key), do: key |> to_string() |> String.upcase()

  defp lookup(schema, key, env) do
    {_type, opts} = apply(schema, key, [])

    case Map.fetch(env, env_name(key)) do
      {:ok, value} -> {:ok, value}
      :error -> Keyword.fetch(opts, :default)
    end
  end
end
`;

const SCHEMA = `defmodule HelloPhoenix.Settings.Schema do
  @moduledoc "Every setting, its type and its default."
  import HelloPhoenix.Settings.Define

  defsetting(:secret_key_base, :string, sensitive: true)
  defsetting(:db_host, :string, default: "localhost")
  defsetting(:db_socket_dir, :string, default: nil)
  defsetting(:db_password, :string, default: nil, sensitive: true)
  defsetting(:db_name, :string, default: "hello")
  defsetting(:public_port, :integer, default: nil)
end
`;

const DEFINE = `defmodule HelloPhoenix.Settings.Define do
  @moduledoc false
  defmacro defsetting(key, type, opts \\\\ []) do
    quote do
      def unquote(key)(), do: {unquote(type), unquote(opts)}
    end
  end
end
`;

const SCHEMA_RUNTIME = `import Config

if config_env() == :prod do
  import HelloPhoenix.Settings, only: [fetch!: 1, fetch: 1]

  config :hello_phoenix,
         HelloPhoenix.Repo,
         [
           {:database, fetch!(:db_name)},
           {:password, fetch!(:db_password)}
         ] ++
           if(fetch(:db_socket_dir),
             do: [{:socket_dir, fetch!(:db_socket_dir)}],
             else: [{:hostname, fetch!(:db_host)}]
           )

  public_http =
    case fetch(:public_port) do
      nil -> []
      port -> [http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port]]
    end

  config :hello_phoenix,
         HelloPhoenixWeb.Endpoint,
         public_http ++ [secret_key_base: fetch!(:secret_key_base), server: true]
end
`;

describe('a typed config schema read by key', () => {
  const edits = {
    'lib/hello_phoenix/settings.ex': SETTINGS,
    'lib/hello_phoenix/settings/schema.ex': SCHEMA,
    'lib/hello_phoenix/settings/define.ex': DEFINE,
    'config/runtime.exs': SCHEMA_RUNTIME,
  };

  it('reads the upcased key; a definition without a default read through the raising reader is required', async () => {
    const p = await scanProject(edits);
    expect(required(p)).toEqual(['SECRET_KEY_BASE']);
    const names = p.runtimeConfig.env.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['DB_NAME', 'DB_PASSWORD', 'DB_SOCKET_DIR', 'DB_HOST', 'PUBLIC_PORT']));
    expect(p.runtimeConfig.env.find((e) => e.name === 'DB_HOST')?.default).toBe('localhost');
  });

  it('the database parts are those of the branch taken when the socket folder is unset', async () => {
    const p = await scanProject(edits);
    expect([...p.runtime.databaseEnv].sort()).toEqual(['DB_HOST', 'DB_NAME', 'DB_PASSWORD']);
  });

  it('a port bound by a `case` clause on the read is the port variable, with no default', async () => {
    const p = await scanProject(edits);
    expect(p.runtime.portEnv).toBe('PUBLIC_PORT');
    expect(p.runtime.listenPort).toBeNull();
  });

  it('without the upcasing reader the keys are not taken for variables', async () => {
    const p = await scanProject({ ...edits, 'lib/hello_phoenix/settings.ex': SETTINGS.replace('key |> to_string() |> String.upcase()', 'Atom.to_string(key)') });
    expect(p.runtimeConfig.env.map((e) => e.name)).not.toContain('DB_HOST');
  });
});
