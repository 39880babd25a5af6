/**
 * The config evaluator's statement handlers, each alone: a statement of a config file is parsed, handed
 * to its handler with a recording evaluator, and what the handler asked for (nested statements with
 * their environments, env reads, config calls, imports) is compared with what Mix would do.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConfigResolver } from '../../../src/scan/elixir/env-condition.js';
import { kids, parseElixir, type Node, type Tree } from '../../../src/scan/elixir/parser.js';
import { newContext, type EnvHelper } from '../../../src/scan/elixir/to-term.js';
import { allEnvs, sortedEnvs, type EnvSet, type Evaluation, type State } from '../../../src/scan/extract/config-state.js';
import {
  aliasModule,
  caseCond,
  configCall,
  evaluateStatement,
  forLoop,
  guardedBlock,
  ifUnless,
  importConfig,
  importedGlob,
  importModule,
  match,
  otherStatement,
  statementKey,
  tryBlock,
  type StatementHandler,
} from '../../../src/scan/extract/config-statements.js';
import { envReads, literal, type Term } from '../../../src/scan/term.js';

const trees: Tree[] = [];
afterAll(() => trees.forEach((t) => t.delete?.()));

/** The first statement of `src`. */
async function statement(src: string): Promise<Node> {
  const parsed = await parseElixir(src);
  trees.push(parsed.tree);
  expect(parsed.errorLine).toBeNull();
  const [first] = kids(parsed.root);
  if (!first) throw new Error(`no statement in ${src}`);
  return first;
}

function state(over: Partial<State> = {}): State {
  const file = over.file ?? 'config/config.exs';
  return { file, envs: allEnvs(), runtime: false, conditional: false, guards: [], ctx: newContext(), entry: { file, env: 'all', runtime: false, imports: [], parsed: true }, ...over };
}

interface Recorded {
  /** Nested statements handed back, by their source text, with the environments and conditionality they run under. */
  statements: { texts: string[]; envs: string[]; conditional: boolean }[];
  /** Env reads registered: name, and the setting they feed. */
  reads: { name: string | null; app: string | null; key: string | null }[];
  configs: { app: string; key: string | null; value: string | null; envs: string[]; conditional: boolean; line: number }[];
  imports: { path: string; envs: string[]; how: 'path' | 'file' }[];
}

function recorder(opts: { present?: string[]; resolve?: ConfigResolver; moduleHelpers?: Map<string, Map<string, EnvHelper>> } = {}): { ev: Evaluation; log: Recorded } {
  const log: Recorded = { statements: [], reads: [], configs: [], imports: [] };
  const envs = (s: EnvSet) => sortedEnvs(s);
  const ev: Evaluation = {
    statements: (nodes, st) => void log.statements.push({ texts: nodes.map((n) => n.text), envs: envs(st.envs), conditional: st.conditional }),
    register: (term: Term, _st, setting) => void log.reads.push(...envReads(term).map((e) => ({ name: e.name, app: setting?.app ?? null, key: setting?.key ?? null }))),
    config: (app, key, opts, st, line) => void log.configs.push({ app, key, value: literal(opts), envs: envs(st.envs), conditional: st.conditional, line }),
    importPath: (path, st) => void log.imports.push({ path, envs: envs(st.envs), how: 'path' }),
    importFile: (file, fileEnvs) => void log.imports.push({ path: file, envs: envs(fileEnvs), how: 'file' }),
    present: (f) => (opts.present ?? []).includes(f),
    resolveSoFar: opts.resolve ?? (() => undefined),
    moduleHelpers: () => opts.moduleHelpers,
    requireFile: () => undefined,
    followConfigFunction: () => false,
    requiredByRaise: () => undefined,
  };
  return { ev, log };
}

async function run(handler: StatementHandler, src: string, st: State = state(), opts: Parameters<typeof recorder>[0] = {}): Promise<Recorded> {
  const { ev, log } = recorder(opts);
  handler(await statement(src), st, ev);
  return log;
}

describe('statementKey', () => {
  it('is the call name, `=` for a match, null for other syntax', async () => {
    expect(statementKey(await statement('config :demo, k: 1'))).toBe('config');
    expect(statementKey(await statement('Mix.Config.import_config("x.exs")'))).toBe('Mix.Config.import_config');
    expect(statementKey(await statement('url = "x"'))).toBe('=');
    expect(statementKey(await statement('a == b'))).toBeNull();
    expect(statementKey(await statement(':atom'))).toBeNull();
  });
});

describe('config', () => {
  it('`config :app, :key, opts` records the setting, and the env reads as feeding it', async () => {
    const log = await run(configCall, 'config :demo, Demo.Repo, url: System.get_env("DATABASE_URL"), pool_size: 10');
    expect(log.configs).toEqual([{ app: 'demo', key: 'Demo.Repo', value: null, envs: ['dev', 'test', 'prod'], conditional: false, line: 1 }]);
    expect(log.reads).toEqual([{ name: 'DATABASE_URL', app: 'demo', key: 'Demo.Repo' }]);
  });

  it('`config :app, opts` has no key; an atom key loses its colon', async () => {
    expect((await run(configCall, 'config :logger, level: :info')).configs.map((c) => [c.app, c.key])).toEqual([['logger', null]]);
    expect((await run(configCall, 'config :demo, :flag, true')).configs.map((c) => [c.app, c.key, c.value])).toEqual([['demo', 'flag', 'true']]);
  });

  it('keeps the environments and conditionality of its branch', async () => {
    const log = await run(configCall, 'config :demo, k: 1', state({ envs: new Set(['prod']), conditional: true }));
    expect(log.configs.map((c) => [c.envs, c.conditional])).toEqual([[['prod'], true]]);
  });

  it('in a branch no environment runs, reads count but the setting does not', async () => {
    const log = await run(configCall, 'config :demo, k: System.get_env("K")', state({ envs: new Set() }));
    expect(log.configs).toEqual([]);
    expect(log.reads.map((r) => r.name)).toEqual(['K']);
  });

  it('a `config` with nothing to set records nothing', async () => {
    expect(await run(configCall, 'config :demo')).toEqual({ statements: [], reads: [], configs: [], imports: [] });
  });
});

describe('import_config', () => {
  it('a literal file, relative to the importing file', async () => {
    const log = await run(importConfig, 'import_config "../apps/web/config/config.exs"');
    expect(log.imports).toEqual([{ path: 'apps/web/config/config.exs', envs: ['dev', 'test', 'prod'], how: 'path' }]);
  });

  it('`"#{config_env()}.exs"`: each present environment file, for its own environment', async () => {
    const log = await run(importConfig, 'import_config "#{config_env()}.exs"', state(), { present: ['config/dev.exs', 'config/prod.exs'] });
    expect(log.imports).toEqual([
      { path: 'config/dev.exs', envs: ['dev'], how: 'file' },
      { path: 'config/prod.exs', envs: ['prod'], how: 'file' },
    ]);
  });

  it('only the environments in effect import their file', async () => {
    const log = await run(importConfig, 'import_config "#{Mix.env()}.secret.exs"', state({ envs: new Set(['prod']) }), { present: ['config/dev.secret.exs', 'config/prod.secret.exs'] });
    expect(log.imports.map((i) => i.path)).toEqual(['config/prod.secret.exs']);
  });

  it('a name that is not a string imports nothing', async () => {
    expect((await run(importConfig, 'import_config file')).imports).toEqual([]);
    expect((await run(importConfig, 'import_config()')).imports).toEqual([]);
  });
});

describe('if / unless', () => {
  const src = (kw: string) => `${kw} config_env() == :prod do\n  config :demo, a: 1\nelse\n  config :demo, b: 2\nend`;

  it('`if config_env() == :prod` runs the body in prod and the else in dev and test, neither conditional', async () => {
    const log = await run(ifUnless, src('if'));
    expect(log.statements).toEqual([
      { texts: ['config :demo, a: 1'], envs: ['prod'], conditional: false },
      { texts: ['config :demo, b: 2'], envs: ['dev', 'test'], conditional: false },
    ]);
  });

  it('`unless` swaps the branches', async () => {
    const log = await run(ifUnless, src('unless'));
    expect(log.statements.map((s) => s.envs)).toEqual([['dev', 'test'], ['prod']]);
  });

  it('a condition on anything else leaves both branches conditional, in every environment, and keeps its reads', async () => {
    const log = await run(ifUnless, 'if System.get_env("FEATURE") do\n  config :demo, a: 1\nend');
    expect(log.reads.map((r) => r.name)).toEqual(['FEATURE']);
    expect(log.statements).toEqual([
      { texts: ['config :demo, a: 1'], envs: ['dev', 'test', 'prod'], conditional: true },
      { texts: [], envs: ['dev', 'test', 'prod'], conditional: true },
    ]);
  });

  it('a compile-time flag config set earlier decides the branch per environment (unset: nil, false)', async () => {
    const flag: ConfigResolver = (app, key, env) => (app === 'demo' && key === 'mailer' && env === 'dev' ? { value: { t: 'bool', v: true, line: 1 }, runtime: false } : undefined);
    const log = await run(ifUnless, 'if Application.compile_env(:demo, :mailer) do\n  config :demo, a: 1\nend', state(), { resolve: flag });
    expect(log.statements[0]).toEqual({ texts: ['config :demo, a: 1'], envs: ['dev'], conditional: false });
  });

  it('an `if` without a condition is skipped', async () => {
    expect(await run(ifUnless, 'if do\n  config :demo, a: 1\nend')).toEqual({ statements: [], reads: [], configs: [], imports: [] });
  });
});

describe('import', () => {
  it('`import Dotenvy` makes `env!/2,3` an env read that raises', async () => {
    const st = state();
    await run(importModule, 'import Dotenvy', st);
    expect(st.ctx.helpers.get('env!')).toEqual({ nameArg: 0, defaultArg: 2, raises: true, via: 'Dotenvy.env!' });
  });

  it('a project module brings its env helpers in unqualified; other modules bring nothing', async () => {
    const fetch: EnvHelper = { nameArg: 0, defaultArg: null, raises: true, via: 'Harbor.Config.fetch!' };
    const moduleHelpers = new Map([['Harbor.Config', new Map([['fetch!', fetch]])]]);
    const st = state();
    await run(importModule, 'import Harbor.Config', st, { moduleHelpers });
    expect(st.ctx.helpers.get('fetch!')).toBe(fetch);
    const other = state();
    const before = [...other.ctx.helpers.keys()];
    await run(importModule, 'import Ecto.Query', other, { moduleHelpers });
    expect([...other.ctx.helpers.keys()]).toEqual(before);
  });
});

describe('alias', () => {
  it('binds the last segment, or the `as:` name, to the module', async () => {
    const st = state();
    await run(aliasModule, 'alias Harbor.Config', st);
    await run(aliasModule, 'alias Harbor.Secrets, as: S', st);
    expect([...(st.ctx.aliases ?? [])]).toEqual([
      ['Config', 'Harbor.Config'],
      ['S', 'Harbor.Secrets'],
    ]);
  });
});

describe('= (match)', () => {
  it('a variable bound to an env read: the read is registered and the variable keeps the value', async () => {
    const st = state();
    const log = await run(match, 'url = System.get_env("URL")', st);
    expect(log.reads.map((r) => r.name)).toEqual(['URL']);
    expect(st.ctx.vars.get('url')).toMatchObject({ t: 'env', name: 'URL' });
  });

  it('an anonymous function that reads the environment becomes a helper, not a variable', async () => {
    const st = state();
    const log = await run(match, 'env! = fn name -> System.fetch_env!(name) end', st);
    expect(log.reads).toEqual([]);
    expect(st.ctx.vars.has('env!')).toBe(false);
    expect(st.ctx.helpers.get('env!.')).toMatchObject({ nameArg: 0, raises: true });
  });

  it('a pattern on the left binds nothing, but the reads on the right count', async () => {
    const st = state();
    const log = await run(match, '{host, port} = {System.get_env("HOST"), 4000}', st);
    expect(log.reads.map((r) => r.name)).toEqual(['HOST']);
    expect(st.ctx.vars.size).toBe(0);
  });
});

describe('case / cond', () => {
  it('`case config_env()` gives each clause its environment; `_` takes what is left', async () => {
    const log = await run(caseCond, 'case config_env() do\n  :prod -> config :demo, a: 1\n  :dev -> config :demo, b: 2\n  _ -> config :demo, c: 3\nend');
    expect(log.statements).toEqual([
      { texts: ['config :demo, a: 1'], envs: ['prod'], conditional: false },
      { texts: ['config :demo, b: 2'], envs: ['dev'], conditional: false },
      { texts: ['config :demo, c: 3'], envs: ['test'], conditional: false },
    ]);
  });

  it('a `case` on anything else runs every clause conditionally and keeps the subject\'s reads', async () => {
    const log = await run(caseCond, 'case System.get_env("MODE") do\n  "a" -> config :demo, a: 1\nend');
    expect(log.reads.map((r) => r.name)).toEqual(['MODE']);
    expect(log.statements).toEqual([{ texts: ['config :demo, a: 1'], envs: ['dev', 'test', 'prod'], conditional: true }]);
  });

  it('`cond` clauses are conditional, and their conditions\' reads count', async () => {
    const log = await run(caseCond, 'cond do\n  System.get_env("A") -> config :demo, a: 1\n  true -> config :demo, b: 2\nend');
    expect(log.reads.map((r) => r.name)).toEqual(['A']);
    expect(log.statements.map((s) => s.conditional)).toEqual([true, true]);
  });
});

describe('try', () => {
  it('the body and `after` run as straight-line config; `rescue`/`catch`/`else` clauses are conditional', async () => {
    const log = await run(
      tryBlock,
      'try do\n  config :demo, a: 1\nrescue\n  _ -> config :demo, b: 2\ncatch\n  _ -> config :demo, c: 3\nelse\n  _ -> config :demo, d: 4\nafter\n  config :demo, e: 5\nend',
    );
    expect(log.statements).toEqual([
      { texts: ['config :demo, a: 1'], envs: ['dev', 'test', 'prod'], conditional: false },
      { texts: ['config :demo, b: 2'], envs: ['dev', 'test', 'prod'], conditional: true },
      { texts: ['config :demo, c: 3'], envs: ['dev', 'test', 'prod'], conditional: true },
      { texts: ['config :demo, d: 4'], envs: ['dev', 'test', 'prod'], conditional: true },
      { texts: ['config :demo, e: 5'], envs: ['dev', 'test', 'prod'], conditional: false },
    ]);
  });
});

describe('with / for', () => {
  it('`with`: the clauses\' reads count, the body and else are conditional', async () => {
    const log = await run(guardedBlock, 'with {:ok, v} <- System.fetch_env("V") do\n  config :demo, v: v\nelse\n  _ -> :ok\nend');
    expect(log.reads.map((r) => r.name)).toEqual(['V']);
    expect(log.statements.map((s) => [s.texts.length, s.conditional])).toEqual([
      [1, true],
      [1, true],
    ]);
  });

  it('a `for` that imports what Path.wildcard finds is an import of the pattern, relative to the file', async () => {
    const log = await run(forLoop, 'for config <- "../apps/*/config/config.exs" |> Path.expand(__DIR__) |> Path.wildcard() do\n  import_config config\nend');
    expect(log.imports).toEqual([{ path: 'apps/*/config/config.exs', envs: ['dev', 'test', 'prod'], how: 'path' }]);
    expect(log.statements).toEqual([]);
  });

  it('any other `for` is a conditional block', async () => {
    const log = await run(forLoop, 'for name <- ["A", "B"] do\n  config :demo, String.to_atom(name), true\nend');
    expect(log.imports).toEqual([]);
    expect(log.statements[0]).toMatchObject({ conditional: true });
  });

  it('importedGlob needs import_config in the body and Path.wildcard over a literal', async () => {
    expect(importedGlob(await statement('for c <- "*.secret.exs" |> Path.expand(__DIR__) |> Path.wildcard() do\n  import_config c\nend'))).toBe('*.secret.exs');
    expect(importedGlob(await statement('for c <- Path.wildcard("x/*.exs") do\n  import_config c\nend'))).toBe('x/*.exs');
    expect(importedGlob(await statement('for c <- Path.wildcard(dir) do\n  import_config c\nend'))).toBeNull();
    expect(importedGlob(await statement('for c <- "*.exs" |> Path.wildcard() do\n  IO.puts(c)\nend'))).toBeNull();
    expect(importedGlob(await statement('for c <- files() do\n  import_config c\nend'))).toBeNull();
  });
});

describe('other statements and dispatch', () => {
  it('a statement no handler knows keeps its env reads', async () => {
    const log = await run(otherStatement, 'IO.puts(System.get_env("GREETING"))');
    expect(log.reads.map((r) => r.name)).toEqual(['GREETING']);
  });

  it('evaluateStatement picks the handler by call name, and never one of Object.prototype', async () => {
    for (const [src, expected] of [
      ['config :demo, k: 1', 'configs'],
      ['if config_env() == :prod do\n  config :demo, a: 1\nend', 'statements'],
      ['toString(System.get_env("X"))', 'reads'],
      ['constructor(System.get_env("X"))', 'reads'],
    ] as const) {
      const { ev, log } = recorder();
      evaluateStatement(await statement(src), state(), ev);
      expect([src, log[expected].length > 0]).toEqual([src, true]);
    }
  });
});
