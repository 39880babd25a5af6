/**
 * Which environment each `config` call applies to, and what `lastSet` answers, the way Mix's
 * `Config` evaluates config.exs (with its imports), then runtime.exs: by file name, by
 * `import_config "#{config_env()}.exs"`, and by `config_env()`/`Mix.env()` branches.
 */
import { describe, expect, it } from 'vitest';
import { lastSet } from '../../../src/scan/config-query.js';
import type { Profile } from '../../../src/scan/profile.js';
import { literal } from '../../../src/scan/term.js';
import { scanProject, type Edits } from '../../helpers/project.js';

const EMPTY = 'import Config\n';
const CONFIG_EXS = 'import Config\n\nimport_config "#{config_env()}.exs"\n';

/** The example app with a minimal config folder; `files` replace whole config files. */
function scanConfig(files: Edits): Promise<Profile> {
  return scanProject({
    'config/config.exs': CONFIG_EXS,
    'config/dev.exs': EMPTY,
    'config/test.exs': EMPTY,
    'config/prod.exs': EMPTY,
    'config/runtime.exs': EMPTY,
    ...files,
  });
}

/** `config :demo, :k, …` calls as [file, env, conditional, line]. */
const demoCalls = (p: Profile) => p.facts.config.filter((c) => c.app === 'demo').map((c) => [c.file, c.env, c.conditional, c.line]);

/** The value of `config :demo, :k, v: …` in effect in `env` (null when never set there). */
const vIn = (p: Profile, env: 'prod' | 'dev' | 'test') => literal(lastSet(p.facts, env, 'demo', 'k', ['v'])?.value);

describe('import_config of the environment file', () => {
  it('import_config "#{config_env()}.exs" reads each env file for its own environment', async () => {
    const p = await scanConfig({
      'config/dev.exs': 'import Config\n\nconfig :demo, :k, v: "dev"\n',
      'config/test.exs': 'import Config\n\nconfig :demo, :k, v: "test"\n',
      'config/prod.exs': 'import Config\n\nconfig :demo, :k, v: "prod"\n',
    });
    expect(p.facts.configFiles).toEqual([
      { file: 'config/config.exs', env: 'all', runtime: false, imports: ['config/dev.exs', 'config/test.exs', 'config/prod.exs'], parsed: true },
      { file: 'config/dev.exs', env: 'dev', runtime: false, imports: [], parsed: true },
      { file: 'config/test.exs', env: 'test', runtime: false, imports: [], parsed: true },
      { file: 'config/prod.exs', env: 'prod', runtime: false, imports: [], parsed: true },
      { file: 'config/runtime.exs', env: 'all', runtime: true, imports: [], parsed: true },
    ]);
    expect(demoCalls(p)).toEqual([
      ['config/dev.exs', 'dev', false, 3],
      ['config/test.exs', 'test', false, 3],
      ['config/prod.exs', 'prod', false, 3],
    ]);
    expect([vIn(p, 'prod'), vIn(p, 'dev'), vIn(p, 'test')]).toEqual(['prod', 'dev', 'test']);
  });

  it('import_config "#{Mix.env()}.exs" (Phoenix ≤ 1.5) is resolved the same way', async () => {
    const p = await scanConfig({
      'config/config.exs': 'use Mix.Config\n\nimport_config "#{Mix.env()}.exs"\n',
      'config/dev.exs': 'use Mix.Config\n\nconfig :demo, :k, v: "dev"\n',
      'config/prod.exs': 'use Mix.Config\n\nconfig :demo, :k, v: "prod"\n',
    });
    expect(p.facts.configFiles.find((f) => f.file === 'config/config.exs')?.imports).toEqual(['config/dev.exs', 'config/test.exs', 'config/prod.exs']);
    expect(demoCalls(p)).toEqual([
      ['config/dev.exs', 'dev', false, 3],
      ['config/prod.exs', 'prod', false, 3],
    ]);
    expect([vIn(p, 'prod'), vIn(p, 'dev'), vIn(p, 'test')]).toEqual(['prod', 'dev', null]);
  });

  it('a config call after import_config in config.exs overrides the imported env file', async () => {
    const p = await scanConfig({
      'config/config.exs': 'import Config\n\nimport_config "#{config_env()}.exs"\n\nconfig :demo, :k, v: "after"\n',
      'config/prod.exs': 'import Config\n\nconfig :demo, :k, v: "prod"\n',
    });
    expect(vIn(p, 'prod')).toBe('after');
    expect(lastSet(p.facts, 'prod', 'demo', 'k', ['v'])?.call.file).toBe('config/config.exs');
  });
});

describe('config_env() branches', () => {
  it('`if config_env() == :prod` applies only in prod and is not conditional', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif config_env() == :prod do\n  config :demo, :k, v: "p"\nend\n' });
    expect(p.facts.config.filter((c) => c.app === 'demo').map((c) => [c.file, c.env, c.runtime, c.conditional, c.line])).toEqual([['config/runtime.exs', 'prod', true, false, 4]]);
    expect([vIn(p, 'prod'), vIn(p, 'dev'), vIn(p, 'test')]).toEqual(['p', null, null]);
  });

  it('`if :prod == config_env()` (operands swapped) is the same test', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif :prod == config_env() do\n  config :demo, :k, v: "p"\nend\n' });
    expect(demoCalls(p)).toEqual([['config/runtime.exs', 'prod', false, 4]]);
  });

  it('`if config_env() != :prod` does not apply in prod', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif config_env() != :prod do\n  config :demo, :k, v: "np"\nend\n' });
    expect(vIn(p, 'prod')).toBeNull();
    expect(p.facts.config.find((c) => c.app === 'demo')?.conditional).toBe(false);
  });

  it('`if config_env() != :prod` applies in dev and in test', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif config_env() != :prod do\n  config :demo, :k, v: "np"\nend\n' });
    expect([vIn(p, 'dev'), vIn(p, 'test')]).toEqual(['np', 'np']);
  });

  it('`if config_env() in [:dev, :test]` does not apply in prod', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif config_env() in [:dev, :test] do\n  config :demo, :k, v: "dt"\nend\n' });
    expect(vIn(p, 'prod')).toBeNull();
  });

  it('`if config_env() in [:dev, :test]` applies in dev and in test', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif config_env() in [:dev, :test] do\n  config :demo, :k, v: "dt"\nend\n' });
    expect([vIn(p, 'dev'), vIn(p, 'test')]).toEqual(['dt', 'dt']);
  });

  it('`if config_env() in [:prod]` (a one-element list) applies only in prod', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif config_env() in [:prod] do\n  config :demo, :k, v: "p"\nend\n' });
    expect(demoCalls(p)).toEqual([['config/runtime.exs', 'prod', false, 4]]);
  });

  it('`unless config_env() == :prod` does not apply in prod', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nunless config_env() == :prod do\n  config :demo, :k, v: "np"\nend\n' });
    expect(vIn(p, 'prod')).toBeNull();
  });

  it('`unless config_env() == :dev` applies in prod, not in dev', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nunless config_env() == :dev do\n  config :demo, :k, v: "nd"\nend\n' });
    expect([vIn(p, 'prod'), vIn(p, 'dev')]).toEqual(['nd', null]);
  });

  it('the `else` branch of `if config_env() == :prod` applies everywhere but prod', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\nif config_env() == :prod do\n  config :demo, :k, v: "p"\nelse\n  config :demo, :k, v: "np"\nend\n',
    });
    expect(vIn(p, 'prod')).toBe('p');
    expect(lastSet(p.facts, 'prod', 'demo', 'k', ['v'])?.call.line).toBe(4);
    expect(p.facts.config.filter((c) => c.app === 'demo').map((c) => c.conditional)).toEqual([false, false]);
  });

  it('the `else` branch of `if config_env() == :prod` is what dev and test get', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\nif config_env() == :prod do\n  config :demo, :k, v: "p"\nelse\n  config :demo, :k, v: "np"\nend\n',
    });
    expect([vIn(p, 'dev'), vIn(p, 'test')]).toEqual(['np', 'np']);
  });

  it('`case config_env() do :prod -> … ; :dev -> … end` gives each clause its environment', async () => {
    const p = await scanConfig({
      'config/runtime.exs': [
        'import Config',
        '',
        'case config_env() do',
        '  :prod ->',
        '    config :demo, :k, v: "p"',
        '',
        '  :dev ->',
        '    config :demo, :k, v: "d"',
        'end',
        '',
      ].join('\n'),
    });
    expect(demoCalls(p)).toEqual([
      ['config/runtime.exs', 'prod', false, 5],
      ['config/runtime.exs', 'dev', false, 8],
    ]);
    expect([vIn(p, 'prod'), vIn(p, 'dev'), vIn(p, 'test')]).toEqual(['p', 'd', null]);
  });

  it('the `_ ->` clause of `case config_env()` does not override the `:prod ->` clause in prod', async () => {
    const p = await scanConfig({
      'config/runtime.exs': [
        'import Config',
        '',
        'case config_env() do',
        '  :prod ->',
        '    config :demo, :k, v: "p"',
        '',
        '  _ ->',
        '    config :demo, :k, v: "other"',
        'end',
        '',
      ].join('\n'),
    });
    expect(vIn(p, 'prod')).toBe('p');
    expect(vIn(p, 'dev')).toBe('other');
  });
});

describe('conditional config', () => {
  it('a config inside `if System.get_env("X")` applies in every env, conditionally', async () => {
    const p = await scanConfig({ 'config/runtime.exs': 'import Config\n\nif System.get_env("X") do\n  config :demo, :k, v: "on"\nend\n' });
    expect(demoCalls(p)).toEqual([['config/runtime.exs', 'all', true, 4]]);
    expect(vIn(p, 'prod')).toBe('on');
    // The condition's read is an env read too.
    expect(p.runtimeConfig.env.map((e) => [e.name, e.required, e.evidence.line])).toEqual([['X', false, 3]]);
  });

  it('a config in `if System.get_env("X")` nested in the prod block is prod and conditional', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\nif config_env() == :prod do\n  if System.get_env("X") do\n    config :demo, :k, v: "on"\n  end\nend\n',
    });
    expect(demoCalls(p)).toEqual([['config/runtime.exs', 'prod', true, 5]]);
  });

  it('`if config_env() == :prod and System.get_env("X")` is prod and conditional', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\nif config_env() == :prod and System.get_env("X") do\n  config :demo, :k, v: "on"\nend\n',
    });
    expect(demoCalls(p)).toEqual([['config/runtime.exs', 'prod', true, 4]]);
  });

  it('a config inside `with {:ok, v} <- System.fetch_env("X") do` is kept, conditionally', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\nwith {:ok, url} <- System.fetch_env("X") do\n  config :demo, :k, v: url\nend\n',
    });
    expect(demoCalls(p)).toEqual([['config/runtime.exs', 'all', true, 4]]);
  });

  it('`cond` clauses are conditional', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\ncond do\n  System.get_env("X") -> config :demo, :k, v: "x"\n  true -> config :demo, :k, v: "default"\nend\n',
    });
    expect(demoCalls(p)).toEqual([
      ['config/runtime.exs', 'all', true, 4],
      ['config/runtime.exs', 'all', true, 5],
    ]);
  });

  it('both branches of `if System.get_env("X") … else` are conditional', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\nif System.get_env("X") do\n  config :demo, :k, v: "on"\nelse\n  config :demo, :k, v: "off"\nend\n',
    });
    expect(demoCalls(p)).toEqual([
      ['config/runtime.exs', 'all', true, 4],
      ['config/runtime.exs', 'all', true, 6],
    ]);
  });
});

describe('lastSet: later calls win, keyword lists merge deeply', () => {
  const endpointIn = (runtimeBlock: string): Edits => ({
    'config/prod.exs': 'import Config\n\nconfig :demo, Demo.Endpoint, url: [host: "build.example.com", port: 443]\n',
    'config/runtime.exs': `import Config\n\n${runtimeBlock}`,
  });

  it('runtime.exs (evaluated after prod.exs) wins over prod.exs', async () => {
    const p = await scanConfig(endpointIn('if config_env() == :prod do\n  config :demo, Demo.Endpoint, url: [host: "runtime.example.com"]\nend\n'));
    const host = lastSet(p.facts, 'prod', 'demo', 'Demo.Endpoint', ['url', 'host']);
    expect(literal(host?.value)).toBe('runtime.example.com');
    expect(host?.evidence).toEqual({ file: 'config/runtime.exs', line: 4 });
    // Deep merge: runtime.exs did not set the port, so prod.exs's stands.
    const port = lastSet(p.facts, 'prod', 'demo', 'Demo.Endpoint', ['url', 'port']);
    expect([literal(port?.value), port?.evidence]).toEqual(['443', { file: 'config/prod.exs', line: 3 }]);
  });

  it('the build phase only sees prod.exs', async () => {
    const p = await scanConfig(endpointIn('if config_env() == :prod do\n  config :demo, Demo.Endpoint, url: [host: "runtime.example.com"]\nend\n'));
    expect(literal(lastSet(p.facts, 'prod', 'demo', 'Demo.Endpoint', ['url', 'host'], 'build')?.value)).toBe('build.example.com');
    expect(literal(lastSet(p.facts, 'prod', 'demo', 'Demo.Endpoint', ['url', 'host'], 'runtime')?.value)).toBe('runtime.example.com');
  });

  it('a runtime.exs value set only for dev leaves the prod.exs value in prod', async () => {
    const p = await scanConfig(endpointIn('if config_env() == :dev do\n  config :demo, Demo.Endpoint, url: [host: "dev.local"]\nend\n'));
    expect(literal(lastSet(p.facts, 'prod', 'demo', 'Demo.Endpoint', ['url', 'host'])?.value)).toBe('build.example.com');
    expect(literal(lastSet(p.facts, 'dev', 'demo', 'Demo.Endpoint', ['url', 'host'])?.value)).toBe('dev.local');
  });

  it("['http', 'port'] comes from the last call that sets it; ['http', 'ip'] survives the merge", async () => {
    const p = await scanConfig({
      'config/config.exs': 'import Config\n\nconfig :demo, Demo.Endpoint, http: [ip: {127, 0, 0, 1}, port: 4000]\n\nimport_config "#{config_env()}.exs"\n',
      'config/runtime.exs': 'import Config\n\nif config_env() == :prod do\n  config :demo, Demo.Endpoint, http: [port: 8080]\nend\n',
    });
    const port = lastSet(p.facts, 'prod', 'demo', 'Demo.Endpoint', ['http', 'port']);
    expect([port?.value, port?.evidence]).toEqual([{ t: 'int', v: 8080, line: 4 }, { file: 'config/runtime.exs', line: 4 }]);
    const ip = lastSet(p.facts, 'prod', 'demo', 'Demo.Endpoint', ['http', 'ip']);
    expect(ip?.value.t === 'tuple' && ip.value.items.map((i) => literal(i))).toEqual(['127', '0', '0', '1']);
    expect(ip?.evidence).toEqual({ file: 'config/config.exs', line: 3 });
    // dev never runs the prod block.
    expect(literal(lastSet(p.facts, 'dev', 'demo', 'Demo.Endpoint', ['http', 'port'])?.value)).toBe('4000');
  });

  it('a repeated key inside one call: the last occurrence wins', async () => {
    const p = await scanConfig({ 'config/prod.exs': 'import Config\n\nconfig :demo, :k, v: "first", v: "second"\n' });
    expect(vIn(p, 'prod')).toBe('second');
  });
});

describe('try blocks', () => {
  it('config in the body of a try applies as straight-line code; rescue and catch clauses only on failure; after always', async () => {
    const p = await scanConfig({
      'config/runtime.exs': `import Config

if config_env() == :prod do
  try do
    config(:demo, :k, v: System.fetch_env!("DEMO_V"))
  rescue
    e -> config(:demo, :fallback, v: Exception.message(e))
  catch
    :exit, _ -> config(:demo, :exited, v: true)
  after
    config :demo, :always, v: "after"
  end
end
`,
    });
    expect(demoCalls(p)).toEqual([
      ['config/runtime.exs', 'prod', false, 5],
      ['config/runtime.exs', 'prod', true, 7],
      ['config/runtime.exs', 'prod', true, 9],
      ['config/runtime.exs', 'prod', false, 11],
    ]);
    expect(p.runtimeConfig.env.find((v) => v.name === 'DEMO_V')).toMatchObject({ required: true });
  });
});

describe('the conditions a config call runs under', () => {
  it('keeps the undecided if/unless, case and cond conditions, outermost first; environment tests decided for prod add none', async () => {
    const p = await scanConfig({
      'config/runtime.exs': `import Config

if config_env() == :prod do
  if System.get_env("PHX_SERVER") do
    config :demo, :k, v: "served"
  end

  case System.get_env("DATABASE_SOCKET_DIR") do
    nil -> config :demo, :tcp, v: true
    dir -> config :demo, :socket, v: dir
  end

  cond do
    System.get_env("A") -> config :demo, :a, v: 1
    true -> config :demo, :b, v: 2
  end
end
`,
    });
    const guards = (key: string) => p.facts.config.find((c) => c.app === 'demo' && c.key === key)?.guards;
    expect(guards('k')).toEqual([{ kind: 'if', cond: expect.objectContaining({ t: 'env', name: 'PHX_SERVER' }), when: true }]);
    expect(guards('tcp')).toEqual([{ kind: 'case', cond: expect.objectContaining({ t: 'env', name: 'DATABASE_SOCKET_DIR' }), pattern: expect.objectContaining({ t: 'nil' }), earlier: [] }]);
    expect(guards('socket')).toEqual([
      { kind: 'case', cond: expect.objectContaining({ name: 'DATABASE_SOCKET_DIR' }), pattern: expect.objectContaining({ t: 'var', name: 'dir' }), earlier: [expect.objectContaining({ t: 'nil' })] },
    ]);
    expect(guards('b')).toEqual([{ kind: 'cond', cond: expect.objectContaining({ t: 'bool', v: true }), earlier: [expect.objectContaining({ t: 'env', name: 'A' })] }]);
    expect(p.facts.config.filter((c) => c.app === 'demo' && !c.conditional)).toEqual([]);
  });
});

describe('Code.require_file of another config file', () => {
  it('evaluates the file in place, for the environment its interpolated name selects, with the caller phase', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\n\nCode.require_file("#{config_env()}.exs", "config/runtime")\n',
      'config/runtime/prod.exs': 'import Config\n\nconfig :demo, :k, v: System.get_env("DEMO_PROD", "p")\n',
      'config/runtime/dev.exs': 'import Config\n\nconfig :demo, :k, v: "dev"\n',
      'config/shared.exs': 'import Config\n\nconfig :demo, :shared, v: 1\n',
      'config/prod.exs': 'import Config\n\nCode.require_file("shared.exs", __DIR__)\n',
    });
    expect(p.facts.configFiles.find((f) => f.file === 'config/runtime.exs')?.imports).toEqual(['config/runtime/dev.exs', 'config/runtime/prod.exs']);
    expect(demoCalls(p)).toEqual([
      ['config/shared.exs', 'prod', false, 3],
      ['config/runtime/dev.exs', 'dev', false, 3],
      ['config/runtime/prod.exs', 'prod', false, 3],
    ]);
    expect(p.facts.config.find((c) => c.file === 'config/runtime/prod.exs')?.runtime).toBe(true);
    expect(p.runtimeConfig.env.map((v) => v.name)).toContain('DEMO_PROD');
  });
});

describe('a project function that calls config itself', () => {
  it('`alias HelloPhoenix.RuntimeConfig` then `RuntimeConfig.load()` in runtime.exs is evaluated there: its config calls and env reads are runtime config', async () => {
    const p = await scanConfig({
      'config/runtime.exs': 'import Config\nalias HelloPhoenix.RuntimeConfig\n\nRuntimeConfig.load()\n',
      'lib/hello_phoenix/runtime_config.ex': `defmodule HelloPhoenix.RuntimeConfig do
  import Config

  def load do
    if port = System.get_env("APP_PORT") do
      config :demo, :k, v: String.to_integer(port)
    end
  end
end
`,
    });
    const call = p.facts.config.find((c) => c.app === 'demo');
    expect([call?.file, call?.runtime, call?.line]).toEqual(['lib/hello_phoenix/runtime_config.ex', true, 6]);
    expect(call?.opts).toMatchObject({ pairs: [{ key: 'v', value: { t: 'call', name: 'String.to_integer', args: [{ t: 'env', name: 'APP_PORT' }] } }] });
    expect(p.runtimeConfig.env.map((e) => e.name)).toContain('APP_PORT');
  });
});
