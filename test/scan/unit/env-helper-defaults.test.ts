/**
 * Env helpers that take a typed default and hand it on as text to another helper of the module
 * (`parse_integer_env_var("POOL_SIZE", 10)` → `safe_get_env(name, to_string(default))`): the variable
 * has a default, so it is optional, even though the helper raises on a value that does not parse.
 */
import { describe, expect, it } from 'vitest';
import { scanProject } from '../../helpers/project.js';

const HELPER = `defmodule Demo.ConfigHelper do
  @moduledoc false

  def safe_get_env(env_var, default_value) do
    case System.get_env(env_var) do
      nil -> default_value
      "" -> default_value
      value -> value
    end
  end

  def parse_integer_env_var(env_var, default_value) do
    raw_value = safe_get_env(env_var, CONVERSION)

    case Integer.parse(raw_value) do
      {integer, _} -> integer
      _ -> raise "#{env_var} must be an integer, got: #{raw_value}"
    end
  end
end
`;

const RUNTIME = `import Config

if config_env() == :prod do
  config :demo, Demo.Repo,
    url: System.fetch_env!("DATABASE_URL"),
    pool_size: Demo.ConfigHelper.parse_integer_env_var("POOL_SIZE", 10)
end
`;

async function poolSize(conversion: string) {
  const p = await scanProject({
    'lib/demo/config_helper.ex': HELPER.replace('CONVERSION', conversion),
    'config/runtime.exs': RUNTIME,
  });
  return p.runtimeConfig.env.find((e) => e.name === 'POOL_SIZE');
}

describe('a helper passing its default on through a conversion', () => {
  it.each(['to_string(default_value)', 'Integer.to_string(default_value)', '"#{default_value}"', 'default_value'])('%s: the variable is optional', async (conversion) => {
    const read = await poolSize(conversion);
    expect(read).toBeDefined();
    expect(read?.required).toBe(false);
  });

  it('a helper whose fallback is not its parameter raises when unset: the variable is required', async () => {
    const read = await poolSize('nil || raise("missing")');
    expect(read?.required).toBe(true);
  });
});
