/**
 * Environment variable reads in config: which names, required or optional, which default, and
 * where (runtime vs build time), however they are written — System.get_env/fetch_env(!), `|| raise`,
 * Dotenvy, `{:system, "X"}`, helper functions (anonymous, project modules, imported, aliased).
 */
import { describe, expect, it } from 'vitest';
import type { EnvVar, Profile } from '../../../src/scan/profile.js';
import { scanProject, type Edits } from '../../helpers/project.js';

const RUNTIME = 'config/runtime.exs';

/** 1-based line of the first occurrence of `needle` in `text` (fails loudly when absent). */
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`lineOf(): ${needle} not found`);
  return text.slice(0, i).split('\n').length;
}

/** The example app with `config/runtime.exs` replaced by `src` (plus other edits). */
function scanRuntime(src: string, edits: Edits = {}): Promise<Profile> {
  return scanProject({ [RUNTIME]: src, ...edits });
}

const v = (name: string, required: boolean, def: string | null, line: number, file = RUNTIME): EnvVar => ({
  name,
  required,
  default: def,
  dynamic: false,
  evidence: { file, line },
});

const dyn = (name: string, line: number, file = RUNTIME): EnvVar => ({ name, required: false, default: null, dynamic: true, evidence: { file, line } });

const HELPER_MODULE = `defmodule HelloPhoenix.Env do
  @moduledoc "Reads settings from the environment."

  def fetch!(name) do
    System.get_env(name) || raise "environment variable #{name} is missing"
  end

  def get(name, default \\\\ nil) do
    System.get_env(name) || default
  end
end
`;
const HELPER_FILE = 'lib/hello_phoenix/env.ex';

describe('System.get_env / System.fetch_env', () => {
  it('`System.get_env("X") || raise """…"""` (multi-line heredoc) is required, at the get_env line', async () => {
    const src = `import Config

if config_env() == :prod do
  secret =
    System.get_env("APP_SECRET") ||
      raise """
      environment variable APP_SECRET is missing.
      Generate one with: mix phx.gen.secret
      """

  config :hello_phoenix, :secret, secret
end
`;
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('APP_SECRET', true, null, lineOf(src, 'System.get_env("APP_SECRET")'))]);
  });

  it('`System.get_env("X", "d")` is optional with default "d"', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :region, System.get_env("REGION", "eu-west-1")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('REGION', false, 'eu-west-1', 3)]);
  });

  it('`System.fetch_env!("X")` is required', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :api_key, System.fetch_env!("API_KEY")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('API_KEY', true, null, 3)]);
    expect(p.facts.envReads.find((r) => r.name === 'API_KEY')?.via).toBe('System.fetch_env!');
  });

  it('`System.fetch_env("X")` (returns :error when unset) is optional', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :maybe_key, System.fetch_env("MAYBE_KEY")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('MAYBE_KEY', false, null, 3)]);
  });

  it('`String.to_integer(System.get_env("PORT") || "4000")` has default "4000", and lands in http.port', async () => {
    const src = `import Config

if config_env() == :prod do
  config :hello_phoenix, HelloPhoenixWeb.Endpoint,
    http: [port: String.to_integer(System.get_env("PORT") || "4000")]
end
`;
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('PORT', false, '4000', 5)]);
    const r = p.facts.envReads.find((e) => e.name === 'PORT');
    expect([r?.app, r?.key, r?.path, r?.env, r?.runtime]).toEqual(['hello_phoenix', 'HelloPhoenixWeb.Endpoint', ['http', 'port'], 'prod', true]);
  });

  it('a variable bound to a literal and then used as the name resolves to that name', async () => {
    const src = 'import Config\n\nname = "FOO"\nconfig :hello_phoenix, :foo, System.get_env(name)\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('FOO', false, null, 4)]);
  });

  it('`System.get_env()` with no argument (the whole environment) is not a variable', async () => {
    const src = 'import Config\n\nall_env = System.get_env()\nconfig :hello_phoenix, :env_count, map_size(System.get_env())\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([]);
    expect(p.facts.envReads.filter((r) => r.file === RUNTIME)).toEqual([]);
  });

  it('the same variable read twice is one entry: required if either read is, first default kept', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :a, System.get_env("TOKEN")\nconfig :hello_phoenix, :b, System.fetch_env!("TOKEN")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('TOKEN', true, null, 3)]);
    expect(p.facts.envReads.filter((r) => r.name === 'TOKEN').map((r) => r.evidence.line)).toEqual([3, 4]);
  });
});

describe('dynamic names', () => {
  it('a name built by interpolation of known parts is resolved: `"#{prefix}_TOKEN"` with `prefix = "APP"`', async () => {
    const src = 'import Config\n\nprefix = "APP"\nconfig :hello_phoenix, :token, System.get_env("#{prefix}_TOKEN")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('APP_TOKEN', false, null, 4)]);
  });

  it('a name built with `<>` and String.upcase/1 of known parts is resolved', async () => {
    const src = 'import Config\n\nprefix = "app"\nconfig :hello_phoenix, :token, System.fetch_env!(String.upcase(prefix) <> "_TOKEN")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('APP_TOKEN', true, null, 4)]);
  });

  it('a name built from `config_env()` is the prod name for prod: `"DATABASE_URL_#{config_env() |> to_string() |> String.upcase()}"`', async () => {
    const src = `import Config

config :hello_phoenix, HelloPhoenix.Repo, url: System.fetch_env!("DATABASE_URL_#{config_env() |> to_string() |> String.upcase()}")

if config_env() == :prod do
  config :hello_phoenix, :replica, url: System.fetch_env!("REPLICA_URL_#{Mix.env()}")
end
`;
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('DATABASE_URL_PROD', true, null, 3), v('REPLICA_URL_prod', true, null, 6)]);
    // Inside the prod-only branch the config value itself names the variable.
    const replica = p.facts.config.find((c) => c.key === 'replica');
    expect(replica?.opts).toMatchObject({ pairs: [{ key: 'url', value: { t: 'env', name: 'REPLICA_URL_prod' } }] });
  });

  it('a name with an unknown part stays dynamic, named by its source text, and is never counted as required', async () => {
    const src = 'import Config\n\nprefix = System.get_env("PREFIX")\nconfig :hello_phoenix, :token, System.fetch_env!("#{prefix}_TOKEN")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('PREFIX', false, null, 3), dyn('"#{prefix}_TOKEN"', 4)]);
  });

  it('a helper that builds the name from its argument: `load.("db_host")` reads CF_DB_HOST', async () => {
    const src = 'import Config\n\nload = fn name ->\n  System.get_env("CF_#{String.upcase(name)}")\nend\n\nload_or = fn name -> load.(name) || "" end\n\nconfig :hello_phoenix, host: load.("db_host"), user: load_or.("db_user")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env.map((e) => [e.name, e.required, e.dynamic])).toEqual([
      ['CF_DB_HOST', false, false],
      ['CF_DB_USER', false, false],
    ]);
  });

  it('a read inside `Enum.each` over names is dynamic', async () => {
    const src = 'import Config\n\nEnum.each(~w(A_TOKEN B_TOKEN), fn name ->\n  System.get_env(name) || raise "missing #{name}"\nend)\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env.map((e) => [e.name, e.dynamic, e.evidence.line])).toEqual([['name', true, 4]]);
  });

  it('a read inside a `for` bound to a variable is dynamic', async () => {
    const src = 'import Config\n\ntokens =\n  for name <- ~w(A_TOKEN B_TOKEN) do\n    {name, System.get_env(name)}\n  end\n\nconfig :hello_phoenix, :tokens, tokens\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([dyn('name', 5)]);
  });

  it('a read inside a top-level `for` statement is dynamic (not dropped)', async () => {
    const src = 'import Config\n\nfor name <- ~w(A_TOKEN B_TOKEN) do\n  config :hello_phoenix, String.to_atom(name), System.get_env(name)\nend\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([dyn('name', 4)]);
  });
});

describe('reads in branch conditions', () => {
  it('a read in a `cond` clause condition is listed', async () => {
    const src = 'import Config\n\ncond do\n  System.get_env("USE_S3") -> config :hello_phoenix, :storage, :s3\n  true -> config :hello_phoenix, :storage, :local\nend\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('USE_S3', false, null, 4)]);
  });

  it('a read in a `with` clause is listed as optional', async () => {
    const src = 'import Config\n\nwith {:ok, url} <- System.fetch_env("REDIS_URL") do\n  config :hello_phoenix, :redis, url: url\nend\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('REDIS_URL', false, null, 3)]);
  });

  it('a read in a `case` subject is listed', async () => {
    const src = 'import Config\n\ncase System.get_env("STORAGE") do\n  "s3" -> config :hello_phoenix, :storage, :s3\n  _ -> config :hello_phoenix, :storage, :local\nend\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('STORAGE', false, null, 3)]);
  });
});

describe('helper functions', () => {
  it('an anonymous helper in runtime.exs that raises: `env!.("X")` is required', async () => {
    const src = `import Config

env! = fn name ->
  System.get_env(name) || raise "environment variable #{name} is missing"
end

config :hello_phoenix, :api_key, env!.("API_KEY")
`;
    const p = await scanRuntime(src);
    // The helper's own System.get_env(name) is its implementation, not a variable.
    expect(p.runtimeConfig.env).toEqual([v('API_KEY', true, null, 7)]);
  });

  it('an anonymous helper with a default parameter: `get.("X", "d")` has default "d"', async () => {
    const src = 'import Config\n\nget = fn name, default -> System.get_env(name) || default end\n\nconfig :hello_phoenix, :region, get.("REGION", "us-east-1")\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('REGION', false, 'us-east-1', 5)]);
  });

  it('a project module helper `def fetch!(name)` that raises makes `Mod.fetch!("X")` required', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :bucket, HelloPhoenix.Env.fetch!("S3_BUCKET")\n';
    const p = await scanRuntime(src, { [HELPER_FILE]: HELPER_MODULE });
    expect(p.runtimeConfig.env).toEqual([v('S3_BUCKET', true, null, 3)]);
    expect(p.facts.envReads.find((r) => r.name === 'S3_BUCKET')?.via).toBe('HelloPhoenix.Env.fetch!');
  });

  it('`def get(name, default \\\\ nil)`: the default comes from the call\'s second argument', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :region, HelloPhoenix.Env.get("AWS_REGION", "eu-west-1")\nconfig :hello_phoenix, :zone, HelloPhoenix.Env.get("AWS_ZONE")\n';
    const p = await scanRuntime(src, { [HELPER_FILE]: HELPER_MODULE });
    expect(p.runtimeConfig.env).toEqual([v('AWS_REGION', false, 'eu-west-1', 3), v('AWS_ZONE', false, null, 4)]);
  });

  it('a helper that calls another helper of its module reads through it: `get_int(dir, "PORT", "4000")`', async () => {
    const helpers = `defmodule HelloPhoenix.Settings do
  def get_var(config_dir, name, default \\\\ nil) do
    path = Path.join(config_dir, name)
    if File.exists?(path), do: File.read!(path), else: System.get_env(name, default)
  end

  def get_int(config_dir, name, default \\\\ nil) do
    case get_var(config_dir, name) do
      nil -> default
      value -> String.to_integer(value)
    end
  end
end
`;
    const src = 'import Config\n\nport = HelloPhoenix.Settings.get_int("/run/secrets", "PORT", "4000")\nconfig :hello_phoenix, :port, port\n';
    const p = await scanRuntime(src, { 'lib/hello_phoenix/settings.ex': helpers });
    expect(p.runtimeConfig.env).toEqual([v('PORT', false, '4000', 3)]);
  });

  it('a parameter the helper only passes on (a type) is not its default: `get_env("PORT", :integer) || 4000`', async () => {
    const helpers = `defmodule HelloPhoenix.Settings do
  def get_env(key, type \\\\ :string) do
    value = System.get_env(key)
    parse(value, type)
  end

  def parse(nil, _type), do: nil
  def parse(value, :integer), do: String.to_integer(value)
  def parse(value, _), do: value
end
`;
    const src = 'import Config\n\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [port: HelloPhoenix.Settings.get_env("PORT", :integer) || 4000]\n';
    const p = await scanRuntime(src, { 'lib/hello_phoenix/settings.ex': helpers });
    expect(p.runtimeConfig.env).toEqual([v('PORT', false, '4000', 3)]);
  });

  it('per-environment defaults `System.get_env(name, defaults[config_env()])`: the prod one applies', async () => {
    const src = `import Config

defmodule Util do
  def get_env(name, defaults \\\\ []) do
    System.get_env(name, defaults[config_env()])
  end
end

config :hello_phoenix, :port, Util.get_env("PORT", dev: "4001", prod: "4000", test: "4002")
config :hello_phoenix, :pool_size, Util.get_env("POOL_SIZE", dev: "2", all: "10")
config :hello_phoenix, :log_level, Util.get_env("LOG_LEVEL", dev: "debug")
`;
    const p = await scanRuntime(src);
    // (The helper's own `System.get_env(name)` in the module defined in runtime.exs is listed as a dynamic read.)
    // prod's default wherever it is listed, else `all:`'s, else none.
    expect(p.runtimeConfig.env.filter((e) => !e.dynamic)).toEqual([v('PORT', false, '4000', 9), v('POOL_SIZE', false, '10', 10), v('LOG_LEVEL', false, null, 11)]);
  });

  it('a helper module defined in a config file (loaded with Code.eval_file), whose helper pipes the name into System.get_env', async () => {
    const helper = `defmodule ConfigHelper do
  def safe_get_env(env_var, default_value) do
    env_var
    |> System.get_env(default_value)
    |> case do
      "" -> default_value
      value -> value
    end
  end

  def parse_url_env_var(env_var, default_value \\\\ nil) do
    with url when url != "" <- safe_get_env(env_var, default_value) do
      String.trim_trailing(url, "/")
    end
  end
end
`;
    const src = 'import Config\n\n[__DIR__ | ~w(config_helper.exs)] |> Path.join() |> Code.eval_file()\n\nconfig :hello_phoenix, HelloPhoenix.Repo, url: ConfigHelper.parse_url_env_var("DATABASE_URL")\n';
    const p = await scanRuntime(src, { 'config/config_helper.exs': helper });
    expect(p.runtimeConfig.env).toEqual([v('DATABASE_URL', false, null, 5)]);
    expect(p.runtime.databaseEnv).toEqual(['DATABASE_URL']);
  });

  it('`import HelloPhoenix.Env` then a bare `fetch!("X")` is required', async () => {
    const src = 'import Config\nimport HelloPhoenix.Env\n\nconfig :hello_phoenix, :bucket, fetch!("S3_BUCKET")\n';
    const p = await scanRuntime(src, { [HELPER_FILE]: HELPER_MODULE });
    expect(p.runtimeConfig.env).toEqual([v('S3_BUCKET', true, null, 4)]);
  });

  it('`alias HelloPhoenix.Env` then `Env.fetch!("X")` is required', async () => {
    const src = 'import Config\nalias HelloPhoenix.Env\n\nconfig :hello_phoenix, :bucket, Env.fetch!("S3_BUCKET")\n';
    const p = await scanRuntime(src, { [HELPER_FILE]: HELPER_MODULE });
    expect(p.runtimeConfig.env).toEqual([v('S3_BUCKET', true, null, 4)]);
  });

  it('`alias HelloPhoenix.Env, as: Cfg` then `Cfg.fetch!("X")` is required', async () => {
    const src = 'import Config\nalias HelloPhoenix.Env, as: Cfg\n\nconfig :hello_phoenix, :bucket, Cfg.fetch!("S3_BUCKET")\n';
    const p = await scanRuntime(src, { [HELPER_FILE]: HELPER_MODULE });
    expect(p.runtimeConfig.env).toEqual([v('S3_BUCKET', true, null, 4)]);
  });

  it("the helper module's own System.get_env(name) calls are not variables", async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :bucket, HelloPhoenix.Env.fetch!("S3_BUCKET")\n';
    const p = await scanRuntime(src, { [HELPER_FILE]: HELPER_MODULE });
    expect(p.facts.envReads.map((r) => r.name)).not.toContain('name');
    expect(p.facts.envReads.some((r) => r.file === HELPER_FILE)).toBe(false);
  });
});

describe('Dotenvy and {:system, "X"}', () => {
  it('Dotenvy `env!("X", :string!)` is required; `env!("X", :integer, 4000)` has default "4000"', async () => {
    const src = `import Config
import Dotenvy

config :hello_phoenix, HelloPhoenixWeb.Endpoint,
  http: [port: env!("PORT", :integer, 4000)],
  secret_key_base: env!("SECRET_KEY_BASE", :string!)
`;
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('PORT', false, '4000', 5), v('SECRET_KEY_BASE', true, null, 6)]);
    expect(p.facts.envReads.filter((r) => r.runtime).map((r) => r.via)).toEqual(['Dotenvy.env!', 'Dotenvy.env!']);
  });

  it('Dotenvy `env!("X", :string?, nil)` is optional (a default was given)', async () => {
    const src = 'import Config\nimport Dotenvy\n\nconfig :hello_phoenix, :dns_cluster_query, env!("DNS_CLUSTER_QUERY", :string?, nil)\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('DNS_CLUSTER_QUERY', false, null, 4)]);
  });

  it('`Dotenvy.env!("X", :string)` without import is required', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :api_key, Dotenvy.env!("API_KEY", :string)\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('API_KEY', true, null, 3)]);
  });

  it('a bare `env!("X", :string)` without `import Dotenvy` is not a Dotenvy read', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :api_key, env!("API_KEY", :string)\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([]);
  });

  it('without a runtime config, the endpoint port `{:system, "PORT"}` of prod config is required at boot', async () => {
    const p = await scanProject({
      'config/runtime.exs': null,
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [port: {:system, "PORT"}], url: [host: {:system, "APP_HOST"}]\n`,
    });
    expect(p.runtimeConfig.file).toBeNull();
    expect(p.runtimeConfig.env).toEqual([v('PORT', true, null, 21, 'config/prod.exs')]);
  });

  it('a `{:system, "X"}` tuple is an optional read', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, HelloPhoenix.Cache, redis_url: {:system, "REDIS_URL"}\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('REDIS_URL', false, null, 3)]);
    const r = p.facts.envReads.find((e) => e.name === 'REDIS_URL');
    expect([r?.via, r?.key, r?.path]).toEqual(['{:system, VAR}', 'HelloPhoenix.Cache', ['redis_url']]);
  });
});

describe('where a read happens: runtime vs build time, prod vs other envs', () => {
  it('reads in dev.exs are not runtime variables; they are dev, build-time reads', async () => {
    const dev = 'import Config\n\nconfig :hello_phoenix, :dev_token, System.get_env("DEV_ONLY_TOKEN")\n';
    const p = await scanProject({ 'config/dev.exs': dev });
    expect(p.runtimeConfig.env.map((e) => e.name)).not.toContain('DEV_ONLY_TOKEN');
    const r = p.facts.envReads.find((e) => e.name === 'DEV_ONLY_TOKEN');
    expect([r?.file, r?.env, r?.runtime, r?.evidence.line]).toEqual(['config/dev.exs', 'dev', false, 3]);
  });

  it('reads in config.exs and prod.exs are build-time reads (runtime: false), not runtime variables', async () => {
    const p = await scanProject({
      'config/config.exs': (c) => c.replace('import Config\n', 'import Config\n\nconfig :hello_phoenix, :build_flag, System.get_env("BUILD_FLAG")\n'),
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, :prod_secret, System.get_env("PROD_BUILD_SECRET") || raise "set it"\n`,
    });
    const names = p.runtimeConfig.env.map((e) => e.name);
    expect(names).not.toContain('BUILD_FLAG');
    expect(names).not.toContain('PROD_BUILD_SECRET');
    const pick = (n: string) => {
      const r = p.facts.envReads.find((e) => e.name === n);
      return r && { file: r.file, env: r.env, runtime: r.runtime, required: r.required, app: r.app, key: r.key };
    };
    expect(pick('BUILD_FLAG')).toEqual({ file: 'config/config.exs', env: 'all', runtime: false, required: false, app: 'hello_phoenix', key: 'build_flag' });
    expect(pick('PROD_BUILD_SECRET')).toEqual({ file: 'config/prod.exs', env: 'prod', runtime: false, required: true, app: 'hello_phoenix', key: 'prod_secret' });
  });

  it('a read in runtime.exs under `config_env() == :dev` is not a prod runtime variable', async () => {
    const src = 'import Config\n\nif config_env() == :dev do\n  config :hello_phoenix, :dev_key, System.get_env("DEV_KEY")\nend\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([]);
    const r = p.facts.envReads.find((e) => e.name === 'DEV_KEY');
    expect([r?.env, r?.runtime]).toEqual(['dev', true]);
  });

  it('reads outside the prod block of runtime.exs apply in every env and are listed', async () => {
    const src = 'import Config\n\nif System.get_env("PHX_SERVER") do\n  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\nend\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('PHX_SERVER', false, null, 3)]);
    expect(p.facts.envReads.find((e) => e.name === 'PHX_SERVER')?.env).toBe('all');
  });

  it('the example app: exactly the installer variables, in order, with their lines', async () => {
    const p = await scanProject({});
    expect(p.runtimeConfig.env.map((e) => `${e.name}${e.required ? '!' : ''}${e.default !== null ? `=${e.default}` : ''}@${e.evidence.line}`)).toEqual([
      'PHX_SERVER@16',
      'DATABASE_URL!@22',
      'ECTO_IPV6@28',
      'POOL_SIZE=10@33',
      'SECRET_KEY_BASE!@40',
      'PHX_HOST=example.com@46',
      'PORT=4000@47',
      'DNS_CLUSTER_QUERY@49',
    ]);
  });
});

describe('commented-out and quoted reads', () => {
  it('commented-out reads never appear (the example has several in runtime.exs)', async () => {
    const p = await scanProject({
      [RUNTIME]: (c) => `${c}\nconfig :hello_phoenix, :flag, true # System.get_env("TRAILING_COMMENT")\n# config :hello_phoenix, :x, System.fetch_env!("WHOLE_LINE_COMMENT")\n`,
    });
    const names = p.facts.envReads.map((r) => r.name);
    for (const n of ['SOME_APP_SSL_KEY_PATH', 'SOME_APP_SSL_CERT_PATH', 'MAILGUN_API_KEY', 'MAILGUN_DOMAIN', 'TRAILING_COMMENT', 'WHOLE_LINE_COMMENT']) {
      expect(names).not.toContain(n);
    }
  });

  it('a System.get_env call written inside a string is not a read', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, :help, text: "set it with System.get_env(\\"NOT_A_READ\\")"\n';
    const p = await scanRuntime(src);
    expect(p.facts.envReads.filter((r) => r.file === RUNTIME)).toEqual([]);
  });
});

describe('reads that crash at boot without their variable', () => {
  const req = (p: Profile) => p.runtimeConfig.env.filter((e) => e.required).map((e) => e.name);

  it('nil passed to String.to_integer/1, String.split/2 (also piped) is required; a default is not', async () => {
    const src = `import Config

config :hello_phoenix, oui: String.to_integer(System.get_env("OUI"))
config :hello_phoenix, secrets: String.split(System.get_env("ROUTER_SECRETS"), ",")
config :hello_phoenix, workers: System.get_env("WORKERS") |> String.to_integer()
config :hello_phoenix, pool: String.to_integer(System.get_env("POOL") || "10")
`;
    expect(req(await scanRuntime(src))).toEqual(['OUI', 'ROUTER_SECRETS', 'WORKERS']);
  });

  it('a read bound to a variable first, then passed to String.to_charlist/1 in a config value, is required', async () => {
    const src = 'import Config\n\nhostname = System.get_env("DATABASE_HOST")\n\nconfig :hello_phoenix, HelloPhoenix.Repo, ssl_opts: [server_name_indication: String.to_charlist(hostname)]\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env).toEqual([v('DATABASE_HOST', true, null, 3)]);
  });

  it('a literal fallback the function itself cannot parse: String.to_float(get_env(..) || "10")', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, min: String.to_float(System.get_env("MIN_PURCHASE") || "10")\nconfig :hello_phoenix, max: String.to_float(System.get_env("MAX_PURCHASE") || "99.5")\n';
    expect(req(await scanRuntime(src))).toEqual(['MIN_PURCHASE']);
  });

  it('inside a string interpolation, and under a field access on a call result', async () => {
    const src = 'import Config\n\nconfig :hello_phoenix, api_base_url: "https://#{System.fetch_env!("API_HOST")}"\nconfig :ex_aws, :s3, host: URI.parse(System.fetch_env!("S3_ENDPOINT")).host\n';
    const p = await scanRuntime(src);
    expect(req(p)).toEqual(['API_HOST', 'S3_ENDPOINT']);
    expect(p.runtimeConfig.env.map((e) => e.evidence.line)).toEqual([3, 4]);
  });
});

describe('compile-time flags in runtime conditions', () => {
  const FLAG = { 'config/prod.exs': (c: string) => `${c}\nconfig :hello_phoenix, self_hosted: System.get_env("SELF_HOSTED", "0") in ~w(1 true)\n` };

  it('`if config_env() == :prod and not self_hosted`, the flag false in a plain prod build: the branch runs in prod', async () => {
    const src = `import Config

self_hosted = Application.compile_env(:hello_phoenix, :self_hosted)

if config_env() == :prod and not self_hosted do
  config :hello_phoenix, api_host: System.fetch_env!("CLOUD_API_HOST")
end

if config_env() == :prod and self_hosted do
  config :hello_phoenix, db: System.fetch_env!("SELF_HOSTED_DB")
end
`;
    const p = await scanRuntime(src, FLAG);
    expect(p.runtimeConfig.env.map((e) => e.name)).toEqual(['CLOUD_API_HOST']);
    expect(p.facts.config.find((c) => c.key === null && kwLookup(c.opts, 'api_host'))?.conditional).toBe(false);
  });

  it('an anonymous helper whose branch the flag decides: `if flag, do: get_env, else: fetch_env!`', async () => {
    const src = `import Config

self_hosted = Application.compile_env(:hello_phoenix, :self_hosted)

get_env = fn key ->
  if self_hosted do
    System.get_env(key)
  else
    System.fetch_env!(key)
  end
end

if config_env() == :prod do
  config :hello_phoenix, :github, client_id: get_env.("GITHUB_CLIENT_ID")
end
`;
    const p = await scanRuntime(src, FLAG);
    expect(p.runtimeConfig.env.map((e) => [e.name, e.required])).toEqual([['GITHUB_CLIENT_ID', true]]);
  });

  it('a condition on a runtime env var stays undecided: its reads are kept, conditional', async () => {
    const src = 'import Config\n\nif config_env() == :prod and System.get_env("USE_S3") do\n  config :hello_phoenix, bucket: System.fetch_env!("S3_BUCKET")\nend\n';
    const p = await scanRuntime(src);
    expect(p.runtimeConfig.env.map((e) => e.name)).toEqual(['USE_S3', 'S3_BUCKET']);
    expect(p.facts.config.find((c) => kwLookup(c.opts, 'bucket'))?.conditional).toBe(true);
  });
});

const ENV_PARSER = `defmodule HelloPhoenix.ConfigParser do
  @moduledoc "Parses settings out of the environment map runtime.exs hands over."

  def secret_key_base(env) do
    secret = Map.get(env, "SECRET_KEY_BASE")
    validate_required(secret, "SECRET_KEY_BASE")
    secret
  end

  def port(env) do
    String.to_integer(Map.get(env, "APP_PORT") || "4000")
  end

  def log_level(env) do
    env
    |> Map.get("LOG_LEVEL", "info")
    |> String.to_atom()
  end

  def workers(env) do
    case env["WORKERS"] do
      nil -> 4
      n -> String.to_integer(n)
    end
  end

  def signing_salt(env), do: Map.fetch!(env, "SIGNING_SALT")

  def redis_config(env) do
    [pool_size: 5]
    |> put_redis_url(env)
    |> put_ipv6(env)
  end

  defp put_redis_url(opts, %{"REDIS_URL" => url}), do: Keyword.put(opts, :url, url)
  defp put_redis_url(_opts, _env), do: raise(ArgumentError, "REDIS_URL is not set")

  defp put_ipv6(opts, %{"REDIS_IPV6" => _}), do: Keyword.put(opts, :socket_opts, [:inet6])
  defp put_ipv6(opts, _env), do: opts

  defp validate_required(value, name) do
    if is_nil(value) do
      raise ArgumentError, "environment variable #{name} is not set"
    end
  end
end
`;

describe('a module handed the whole environment map (`env = System.get_env()`)', () => {
  const src = `import Config
alias HelloPhoenix.ConfigParser

env_vars = System.get_env()

if config_env() == :prod do
  config :hello_phoenix, HelloPhoenixWeb.Endpoint,
    http: [port: ConfigParser.port(env_vars)],
    secret_key_base: ConfigParser.secret_key_base(env_vars),
    live_view: [signing_salt: ConfigParser.signing_salt(env_vars)]

  config :logger, level: ConfigParser.log_level(env_vars)
  config :hello_phoenix, :workers, ConfigParser.workers(env_vars)
  config :hello_phoenix, HelloPhoenix.Redis, ConfigParser.redis_config(env_vars)
  config :hello_phoenix, :region, env_vars["FLY_REGION"]
end
`;
  it('Map.get / Map.fetch! / env["X"] / map patterns in the module read those names; nil checks and raising fallbacks make them required', async () => {
    const p = await scanRuntime(src, { 'lib/hello_phoenix/config_parser.ex': ENV_PARSER });
    const got = Object.fromEntries(p.runtimeConfig.env.map((e) => [e.name, [e.required, e.default]]));
    expect(got).toEqual({
      APP_PORT: [false, '4000'],
      SECRET_KEY_BASE: [true, null],
      SIGNING_SALT: [true, null],
      LOG_LEVEL: [false, 'info'],
      WORKERS: [false, null],
      REDIS_URL: [true, null],
      REDIS_IPV6: [false, null],
      FLY_REGION: [false, null],
    });
    // Each read is reported where the config makes the call, and lands where the config puts the value.
    const port = p.facts.envReads.find((r) => r.name === 'APP_PORT')!;
    expect([port.evidence.line, port.key, port.path]).toEqual([lineOf(src, 'ConfigParser.port('), 'HelloPhoenixWeb.Endpoint', ['http', 'port']]);
  });

  it('the same module called with something else than the environment reads nothing', async () => {
    const other = src.replace('env_vars = System.get_env()', 'env_vars = %{"APP_PORT" => "4000"}');
    const p = await scanRuntime(other, { 'lib/hello_phoenix/config_parser.ex': ENV_PARSER });
    expect(p.runtimeConfig.env).toEqual([]);
  });
});

function kwLookup(t: Profile['facts']['config'][number]['opts'], key: string): boolean {
  return t.t === 'kw' && t.pairs.some((p) => p.key === key);
}

describe('reads whose unset value leads to a raise', () => {
  it('`if System.get_env("X") do … else raise … end` and `case x do nil -> raise …` (x read from X) are required', async () => {
    const src = `import Config

if config_env() == :prod do
  secret_key_base =
    if System.get_env("SECRET_KEY_BASE") do
      System.get_env("SECRET_KEY_BASE")
    else
      if System.get_env("RUN_CONTEXT") == "selfhosted" do
        "not-a-secret-for-a-private-network"
      else
        raise "environment variable SECRET_KEY_BASE is missing"
      end
    end

  signing = System.get_env("SIGNING_SALT")

  case signing do
    nil -> raise "SIGNING_SALT is required"
    salt when byte_size(salt) < 8 -> raise "SIGNING_SALT is too short"
    _ -> :ok
  end

  if System.get_env("ENABLE_S3") do
    System.get_env("S3_BUCKET") || raise "S3_BUCKET is required when ENABLE_S3 is set"
  end

  config :hello_phoenix, HelloPhoenixWeb.Endpoint, secret_key_base: secret_key_base, live_view: [signing_salt: signing]
end
`;
    const p = await scanRuntime(src);
    const required = p.runtimeConfig.env.filter((e) => e.required).map((e) => e.name);
    expect(required).toEqual(expect.arrayContaining(['SECRET_KEY_BASE', 'SIGNING_SALT']));
    // RUN_CONTEXT only avoids the raise; ENABLE_S3's branch does not run when it is unset.
    expect(required).not.toContain('RUN_CONTEXT');
    expect(required).not.toContain('ENABLE_S3');
  });
});
