/**
 * envSelection and holdsInProd on the conditions Phoenix config files, routers and endpoints test:
 * `config_env()`/`Mix.env()` comparisons, `in`/`not in` lists and word sigils, `and`/`or`/`not`,
 * compile-time config read back through a resolver built from per-environment config files, and
 * flags the caller decides (`code_reloading?`). Each condition is parsed and turned into a Term the
 * way the scanner does (parseElixir, then toTerm).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { envSelection, holdsInProd, MIX_ENVS, type ConfigResolver, type EnvSelection } from '../../../src/scan/elixir/env-condition.js';
import { kids, parseElixir, type Tree } from '../../../src/scan/elixir/parser.js';
import { newContext, toTerm } from '../../../src/scan/elixir/to-term.js';
import type { MixEnv } from '../../../src/scan/profile.js';
import type { Term } from '../../../src/scan/term.js';

const trees: Tree[] = [];
afterAll(() => trees.forEach((t) => t.delete?.()));

async function terms(src: string): Promise<Term[]> {
  const parsed = await parseElixir(src);
  trees.push(parsed.tree);
  expect(parsed.errorLine).toBeNull();
  const ctx = newContext();
  return kids(parsed.root).map((n) => toTerm(n, ctx));
}

async function cond(src: string): Promise<Term> {
  const [first] = await terms(src);
  if (!first) throw new Error(`no expression in ${src}`);
  return first;
}

type Flags = Record<string, (env: MixEnv) => boolean | null>;

async function select(src: string, resolve: ConfigResolver | null = null, extra: Flags = {}): Promise<EnvSelection | null> {
  return envSelection(await cond(src), resolve, extra);
}

/** The selection a condition decided in every environment makes. */
function decided(...envs: MixEnv[]): EnvSelection {
  const truths = { dev: envs.includes('dev'), test: envs.includes('test'), prod: envs.includes('prod') };
  return { envs: MIX_ENVS.filter((e) => truths[e]), exact: true, truths };
}

/** The selection of a condition some environments leave undecided (null); undecided ones are kept. */
function partly(truths: Record<MixEnv, boolean | null>): EnvSelection {
  return { envs: MIX_ENVS.filter((e) => truths[e] !== false), exact: false, truths };
}

/**
 * A resolver over `config :app, key: value` lines of config/<env>.exs files (build time) and of
 * config/runtime.exs per environment (runtime: set later, so it wins).
 */
async function configFiles(build: Partial<Record<MixEnv, string>>, runtime: Partial<Record<MixEnv, string>> = {}): Promise<ConfigResolver> {
  const table = new Map<string, { value: Term; runtime: boolean }>();
  const load = async (files: Partial<Record<MixEnv, string>>, isRuntime: boolean) => {
    for (const env of MIX_ENVS) {
      for (const t of await terms(files[env] ?? '')) {
        if (t.t !== 'call' || t.name !== 'config') continue;
        const [app, opts] = t.args;
        if (app?.t !== 'atom' || opts?.t !== 'kw') continue;
        for (const p of opts.pairs) table.set(`${env} ${app.v} ${p.key}`, { value: p.value, runtime: isRuntime });
      }
    }
  };
  await load(build, false);
  await load(runtime, true);
  return (app, key, env) => table.get(`${env} ${app} ${key}`);
}

describe('comparisons with the environment', () => {
  it('== and === select the environment named, for Mix.env(), Mix.env, config_env() and Config.config_env()', async () => {
    for (const src of ['Mix.env() == :prod', 'Mix.env == :prod', 'config_env() == :prod', 'Config.config_env() == :prod', 'Mix.env() === :prod', ':prod == config_env()']) {
      expect(await select(src), src).toEqual(decided('prod'));
    }
    expect(await select('config_env() == :dev')).toEqual(decided('dev'));
  });

  it('!= and !== select every other environment', async () => {
    expect(await select('config_env() != :prod')).toEqual(decided('dev', 'test'));
    expect(await select('Mix.env() !== :test')).toEqual(decided('dev', 'prod'));
  });

  it('in and not in a list of atoms', async () => {
    expect(await select('config_env() in [:dev, :test]')).toEqual(decided('dev', 'test'));
    expect(await select('config_env() not in [:dev, :test]')).toEqual(decided('prod'));
    expect(await select('Mix.env() in []')).toEqual(decided());
  });

  it('in a ~w word list: atoms with the a modifier, in every delimiter, across lines', async () => {
    for (const src of ['Mix.env() in ~w(dev test)a', 'Mix.env() in ~w[dev test]a', 'Mix.env() in ~w{dev test}a', 'Mix.env() in ~w"dev test"a', 'Mix.env() in ~w|dev test|a', 'Mix.env() in ~w/dev  test/a', 'Mix.env() in ~w(\n  dev\n  test\n)a']) {
      expect(await select(src), src).toEqual(decided('dev', 'test'));
    }
    expect(await select('config_env() not in ~w(prod)a')).toEqual(decided('dev', 'test'));
  });

  it('an atom never equals a string: ~w without the a modifier and "prod" match no environment', async () => {
    expect(await select('Mix.env() in ~w(dev test)')).toEqual(decided());
    expect(await select('config_env() == "prod"')).toEqual(decided());
    expect(await select('config_env() != "prod"')).toEqual(decided('dev', 'test', 'prod'));
  });

  it('what cannot be evaluated leaves every environment undecided: other sigils, other operators, module attributes, calls on the env', async () => {
    const unknown = partly({ dev: null, test: null, prod: null });
    for (const src of ['Mix.env() in ~s(dev test)', 'Mix.env() > :dev', 'config_env() =~ "prod"', 'config_env() in @envs', 'to_string(config_env()) == "prod"', 'config_env() in :prod', 'config_env() not in :prod', 'Enum.member?([:dev, :test], Mix.env())', 'is_atom(Mix.env())']) {
      expect(await select(src), src).toEqual(unknown);
    }
  });

  it('conditions that do not involve the environment give null', async () => {
    for (const src of ['System.get_env("PHX_SERVER")', 'System.get_env("POOL_SIZE") == "10"', '@debug', 'File.exists?("priv/cert.pem")', 'true', 'enable_debug?']) {
      expect(await select(src), src).toBeNull();
    }
  });
});

describe('and / or / not', () => {
  it('and: false on either side decides false; an env read leaves the rest undecided', async () => {
    const prodIfSet = partly({ dev: false, test: false, prod: null });
    expect(await select('config_env() == :prod and System.get_env("PHX_SERVER")')).toEqual(prodIfSet);
    expect(await select('System.get_env("PHX_SERVER") && config_env() == :prod')).toEqual(prodIfSet);
    expect(await select('System.get_env("PHX_SERVER") and Mix.env() == :prod')).toEqual(prodIfSet);
    expect(await select('config_env() == :prod && System.get_env("PHX_SERVER")')).toEqual(prodIfSet);
  });

  it('and of two decided sides is decided', async () => {
    expect(await select('config_env() != :dev and config_env() != :test')).toEqual(decided('prod'));
    expect(await select('config_env() != :dev && config_env() != :prod')).toEqual(decided('test'));
  });

  it('or: true on either side decides true; an env read or attribute leaves the rest undecided', async () => {
    const devOrSet = partly({ dev: true, test: null, prod: null });
    expect(await select('config_env() == :dev or System.get_env("LIVE_RELOAD")')).toEqual(devOrSet);
    expect(await select('@live_reload || config_env() == :dev')).toEqual(devOrSet);
    expect(await select('System.get_env("LIVE_RELOAD") or config_env() == :dev')).toEqual(devOrSet);
    expect(await select('config_env() == :dev || System.get_env("LIVE_RELOAD")')).toEqual(devOrSet);
  });

  it('or of two decided sides is decided', async () => {
    expect(await select('config_env() == :prod or config_env() == :test')).toEqual(decided('test', 'prod'));
    expect(await select('Mix.env() == :dev || Mix.env() == :test')).toEqual(decided('dev', 'test'));
  });

  it('not and ! invert, keeping undecided environments undecided', async () => {
    expect(await select('not (config_env() == :prod)')).toEqual(decided('dev', 'test'));
    expect(await select('!(Mix.env() in [:dev, :test])')).toEqual(decided('prod'));
    expect(await select('not (config_env() == :prod and System.get_env("PHX_SERVER"))')).toEqual(partly({ dev: true, test: true, prod: null }));
  });

  it('nested conditions', async () => {
    expect(await select('(config_env() == :prod or config_env() == :test) and not (Mix.env() == :test)')).toEqual(decided('prod'));
    expect(await select('not (config_env() == :dev or System.get_env("CI") == "true") && config_env() != :prod')).toEqual(partly({ dev: false, test: null, prod: false }));
  });
});

describe('flags the caller decides per environment (code_reloading? in an endpoint)', () => {
  const codeReloading: Flags = { 'code_reloading?': (env) => env === 'dev' };

  it('as a variable or a call without arguments, alone or negated', async () => {
    expect(await select('code_reloading?', null, codeReloading)).toEqual(decided('dev'));
    expect(await select('code_reloading?()', null, codeReloading)).toEqual(decided('dev'));
    expect(await select('not code_reloading?', null, codeReloading)).toEqual(decided('test', 'prod'));
    expect(await select('!code_reloading?', null, codeReloading)).toEqual(decided('test', 'prod'));
    expect(await select('code_reloading? and Mix.env() != :test', null, codeReloading)).toEqual(decided('dev'));
  });

  it('an environment the flag cannot tell stays undecided', async () => {
    const flags: Flags = { 'code_reloading?': (env) => (env === 'test' ? null : env === 'dev') };
    expect(await select('code_reloading?', null, flags)).toEqual(partly({ dev: true, test: null, prod: false }));
    expect(await select('!code_reloading?', null, flags)).toEqual(partly({ dev: false, test: null, prod: true }));
  });

  it('a flag called with arguments is not the flag; without the flag given, the name means nothing', async () => {
    expect(await select('code_reloading?(conn)', null, codeReloading)).toEqual(partly({ dev: null, test: null, prod: null }));
    expect(await select('code_reloading?')).toBeNull();
    expect(await select('debug_errors?', null, codeReloading)).toBeNull();
  });

  it('holdsInProd: decided for prod, or null', async () => {
    expect(holdsInProd(await cond('code_reloading?'), null, codeReloading)).toBe(false);
    expect(holdsInProd(await cond('!code_reloading?'), null, codeReloading)).toBe(true);
    expect(holdsInProd(await cond('Mix.env() == :prod'))).toBe(true);
    expect(holdsInProd(await cond('config_env() in [:dev, :test]'))).toBe(false);
    expect(holdsInProd(await cond('config_env() == :prod and System.get_env("PHX_SERVER")'))).toBeNull();
    expect(holdsInProd(await cond('System.get_env("PHX_SERVER")'))).toBeNull();
  });
});

describe('compile-time config read back through a resolver', () => {
  const devRoutes = () => configFiles({ dev: 'config :my_app, dev_routes: true', test: 'config :my_app, dev_routes: false' });

  it('Application.compile_env of a flag set in dev.exs: true in dev, false where unset or false', async () => {
    expect(await select('Application.compile_env(:my_app, :dev_routes)', await devRoutes())).toEqual(decided('dev'));
    expect(await select('Application.compile_env!(:my_app, :dev_routes)', await devRoutes())).toEqual(decided('dev'));
    expect(await select('not Application.compile_env(:my_app, :dev_routes)', await devRoutes())).toEqual(decided('test', 'prod'));
  });

  it('without a resolver, a config read is not about the environment', async () => {
    expect(await select('Application.compile_env(:my_app, :dev_routes)')).toBeNull();
    expect(await select('Application.compile_env(:my_app, :dev_routes) && Mix.env() == :prod')).toEqual(partly({ dev: false, test: false, prod: null }));
  });

  it('compile_env with a default: the default where config does not set the key', async () => {
    expect(await select('Application.compile_env(:my_app, :dev_routes, true)', await devRoutes())).toEqual(decided('dev', 'prod'));
    expect(await select('Application.compile_env(:my_app, :dev_routes, System.get_env("DEV_ROUTES"))', await devRoutes())).toEqual(partly({ dev: true, test: false, prod: null }));
  });

  it('Application.get_env and fetch_env! of an unset key are unknown (runtime config may set it)', async () => {
    const resolve = await devRoutes();
    expect(await select('Application.get_env(:my_app, :dev_routes)', resolve)).toEqual(partly({ dev: true, test: false, prod: null }));
    expect(await select('Application.fetch_env!(:my_app, :dev_routes)', resolve)).toEqual(partly({ dev: true, test: false, prod: null }));
  });

  it('an app or key that is not a literal atom cannot be looked up', async () => {
    expect(await select('Application.compile_env(@app, :dev_routes)', await devRoutes())).toEqual(partly({ dev: null, test: null, prod: null }));
    expect(await select('Application.compile_env(:my_app, @key)', await devRoutes())).toEqual(partly({ dev: null, test: null, prod: null }));
  });

  it('a config value compared: atoms, numbers (10 == 10.0), strings, :true as true', async () => {
    const resolve = await configFiles({
      dev: 'config :my_app, env: :dev, pool_size: 10, host: "localhost", ssl: :true',
      test: 'config :my_app, env: :test, pool_size: 5, host: "localhost", ssl: :false',
      prod: 'config :my_app, env: :prod, pool_size: 10.0, host: "example.com", ssl: true',
    });
    expect(await select('Application.compile_env(:my_app, :env) == :prod', resolve)).toEqual(decided('prod'));
    expect(await select('Application.compile_env(:my_app, :pool_size) == 10', resolve)).toEqual(decided('dev', 'prod'));
    expect(await select('Application.compile_env(:my_app, :host) != "localhost"', resolve)).toEqual(decided('prod'));
    expect(await select('Application.compile_env(:my_app, :ssl) == true', resolve)).toEqual(decided('dev', 'prod'));
    expect(await select('Application.compile_env(:my_app, :ssl) == false', resolve)).toEqual(decided('test'));
  });

  it('truthiness as Elixir has it: only nil and false are falsy (0 and "" are true)', async () => {
    const resolve = await configFiles({
      dev: 'config :my_app, flag: 0',
      test: 'config :my_app, flag: ""',
      prod: 'config :my_app, flag: nil',
    });
    expect(await select('Application.compile_env(:my_app, :flag)', resolve)).toEqual(decided('dev', 'test'));
    expect(await select('Application.compile_env(:my_app, :flag) == nil', resolve)).toEqual(decided('prod'));
    expect(await select('Application.compile_env(:my_app, :flag) == :nil', resolve)).toEqual(decided('prod'));
    expect(await select('Application.compile_env(:my_app, :flag) == false', resolve)).toEqual(decided());
  });

  it('lists compare item by item, in order; in looks a value up in a configured list or word sigil', async () => {
    const resolve = await configFiles({
      dev: 'config :my_app, locales: ["en", "fr"], envs: ~w(dev test)a',
      test: 'config :my_app, locales: ["fr", "en"], envs: [:test]',
      prod: 'config :my_app, locales: ["en"], envs: :prod',
    });
    expect(await select('Application.compile_env(:my_app, :locales) == ["en", "fr"]', resolve)).toEqual(decided('dev'));
    expect(await select('Application.compile_env(:my_app, :locales) != ["en"]', resolve)).toEqual(decided('dev', 'test'));
    expect(await select('Application.compile_env(:my_app, :locales) == ["en", "de"]', resolve)).toEqual(decided());
    expect(await select('"fr" in Application.compile_env(:my_app, :locales)', resolve)).toEqual(decided('dev', 'test'));
    expect(await select('[:en] == Application.compile_env(:my_app, :locales)', resolve)).toEqual(decided());
    // prod sets an atom, not a list: `in` it cannot be evaluated.
    expect(await select('Mix.env() in Application.compile_env(:my_app, :envs)', resolve)).toEqual(partly({ dev: true, test: true, prod: null }));
    // A word sigil is its words, however spaced.
    expect(await select('"fr" in Application.compile_env(:my_app, :locales)', await configFiles({ dev: 'config :my_app, locales: ~w(en fr)' }))).toEqual(
      // Unset elsewhere: `in nil` is not a list lookup.
      partly({ dev: true, test: null, prod: null }),
    );
    expect(await select('Application.compile_env(:my_app, :envs) == [:dev, :test]', await configFiles({ test: 'config :my_app, envs: ~w(  dev\n  test  )a' }))).toEqual(decided('test'));
  });

  it('a list or string with an unknown part is unknown', async () => {
    const resolve = await configFiles({ prod: 'config :my_app, hosts: ["a.example.com", @extra_host], url: "https://#{@host}"' });
    expect(await select('Application.compile_env(:my_app, :hosts) == ["a.example.com"]', resolve)).toEqual(partly({ dev: false, test: false, prod: null }));
    expect(await select('Application.compile_env(:my_app, :url) == "https://example.com"', resolve)).toEqual(partly({ dev: false, test: false, prod: null }));
  });

  it('env reads in build-time config take their defaults (a plain build); in runtime config they are unknown', async () => {
    const build = await configFiles({
      dev: 'config :my_app, feature: System.get_env("FEATURE")',
      test: 'config :my_app, feature: System.get_env("FEATURE", "on")',
      prod: 'config :my_app, feature: System.fetch_env!("FEATURE")',
    });
    expect(await select('Application.compile_env(:my_app, :feature)', build)).toEqual(partly({ dev: false, test: true, prod: null }));
    expect(await select('Application.compile_env(:my_app, :feature) == "on"', build)).toEqual(partly({ dev: false, test: true, prod: null }));
    const runtime = await configFiles({}, { dev: 'config :my_app, feature: System.get_env("FEATURE")', test: 'config :my_app, feature: System.get_env("FEATURE", "on")' });
    expect(await select('Application.get_env(:my_app, :feature)', runtime)).toEqual(partly({ dev: null, test: null, prod: null }));
    // A list holding a read: the read's default inside a build-time value, unknown at runtime.
    const lists = await configFiles({ dev: 'config :my_app, origins: ["https://example.com", System.get_env("EXTRA_ORIGIN")]' }, { prod: 'config :my_app, origins: ["https://example.com", System.get_env("EXTRA_ORIGIN")]' });
    expect(await select('Application.get_env(:my_app, :origins) == ["https://example.com", nil]', lists)).toEqual(partly({ dev: true, test: null, prod: null }));
  });

  it('a call without arguments other than config_env()/Mix.env() is unknown', async () => {
    expect(await select('System.otp_release() == "26" and Mix.env() == :prod')).toEqual(partly({ dev: false, test: false, prod: null }));
  });

  it('an env read in the condition itself is unknown, even with a default', async () => {
    expect(await select('System.get_env("APP_ENV", "prod") == "prod" and Mix.env() != :dev')).toEqual(partly({ dev: false, test: null, prod: null }));
  });

  it('config values that read other config are followed four lookups deep, no further', async () => {
    const chain = (n: number) =>
      configFiles({ prod: Array.from({ length: n }, (_, i) => `config :my_app, k${i}: ${i === n - 1 ? 'true' : `Application.compile_env(:my_app, :k${i + 1})`}`).join('\n') });
    expect(await select('Application.compile_env(:my_app, :k0)', await chain(4))).toEqual(decided('prod'));
    expect(await select('Application.compile_env(:my_app, :k0)', await chain(5))).toEqual(partly({ dev: false, test: false, prod: null }));
  });

  it('|| and && inside a comparison give the value Elixir gives', async () => {
    const resolve = await configFiles({ dev: 'config :my_app, dev_routes: true', prod: 'config :my_app, env: :prod' });
    expect(await select('(Application.compile_env(:my_app, :env) || :dev) == :prod', resolve)).toEqual(decided('prod'));
    expect(await select('(Application.compile_env(:my_app, :env) || :dev) == :dev', resolve)).toEqual(decided('dev', 'test'));
    expect(await select('(Application.compile_env(:my_app, :dev_routes) && :on) == :on', resolve)).toEqual(decided('dev'));
    expect(await select('(Application.compile_env(:my_app, :dev_routes) && :on) == nil', resolve)).toEqual(decided('test', 'prod'));
    expect(await select('(Application.compile_env(:my_app, :dev_routes) or false) == true', resolve)).toEqual(decided('dev'));
    expect(await select('(Application.compile_env(:my_app, :dev_routes) and :on) == :on', resolve)).toEqual(decided('dev'));
    // An unknown side makes the value unknown, whatever the other side.
    expect(await select('(Application.get_env(:my_app, :env) || :dev) == :dev', resolve)).toEqual(partly({ dev: null, test: null, prod: false }));
    expect(await select('(Application.compile_env(:my_app, :dev_routes) && System.get_env("ROUTES")) == nil', resolve)).toEqual(partly({ dev: null, test: true, prod: true }));
    expect(await select('(Application.get_env(:my_app, :dev_routes) && :on) == :on', resolve)).toEqual(partly({ dev: true, test: null, prod: null }));
  });

  it('! of a config value inside a comparison', async () => {
    const resolve = await devRoutes();
    expect(await select('(!Application.compile_env(:my_app, :dev_routes)) == true', resolve)).toEqual(decided('test', 'prod'));
    expect(await select('(not Application.get_env(:my_app, :dev_routes)) == false', resolve)).toEqual(partly({ dev: true, test: false, prod: null }));
  });

  it('holdsInProd through the resolver', async () => {
    expect(holdsInProd(await cond('Application.compile_env(:my_app, :dev_routes)'), await devRoutes())).toBe(false);
    expect(holdsInProd(await cond('Application.compile_env(:my_app, :dev_routes, true)'), await devRoutes())).toBe(true);
  });
});
