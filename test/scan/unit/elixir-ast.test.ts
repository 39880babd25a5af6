/**
 * The syntax readers of src/scan/elixir/ast.ts and the parser wrapper (parser.ts), on Phoenix
 * sources: call names and arguments, do-blocks and else, keyword pairs, modules (nested, aliased,
 * `__MODULE__`), function heads (guards, no parentheses, macros), `use`, the cursor walk, operators,
 * and the first syntax-error line of a broken file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { atomName, bodyStatements, callArgs, callName, doStatements, elseStatements, functionsIn, hasDoBlock, inlineDo, keywordName, keywordPairs, modulesIn, operatorOf, usesIn, walk } from '../../../src/scan/elixir/ast.js';
import { elixirParser, kids, lineOf, parseElixir, parseWith, type Node, type Tree } from '../../../src/scan/elixir/parser.js';

const trees: Tree[] = [];
afterAll(() => trees.forEach((t) => t.delete?.()));

async function root(src: string): Promise<Node> {
  const parsed = await parseElixir(src);
  trees.push(parsed.tree);
  expect(parsed.errorLine).toBeNull();
  return parsed.root;
}

async function first(src: string): Promise<Node> {
  const [n] = kids(await root(src));
  if (!n) throw new Error(`no expression in ${src}`);
  return n;
}

const texts = (nodes: Node[]) => nodes.map((n) => n.text);

describe('parser wrapper', () => {
  it('a clean file has no error line; a broken one reports the line of its first error', async () => {
    const ok = await parseElixir('import Config\nconfig :my_app, key: 1\n');
    trees.push(ok.tree);
    expect(ok.errorLine).toBeNull();
    const broken = ['import Config', '', 'config :my_app, MyAppWeb.Endpoint,', '  url: [host: "example.com", port: 443', '', 'config :logger, level: :info', ''].join('\n');
    const parsed = await parseElixir(broken);
    trees.push(parsed.tree);
    // The unclosed list is recovered up to the next `config` line; the error is reported where it starts.
    expect(parsed.errorLine).toBe(4);
    const missingEnd = await parseElixir('defmodule MyApp.Repo do\n  use Ecto.Repo, otp_app: :my_app\n\n  def init(_, opts) do\n    {:ok, opts}\n\nend\n');
    trees.push(missingEnd.tree);
    // The missing `end` is where the file ends.
    expect(missingEnd.errorLine).toBe(8);
  });

  it('an error inside the first statement of a file is found inside it', async () => {
    const parsed = await parseElixir('defmodule MyApp.Repo do\n  use Ecto.Repo,\n    otp_app: )\nend\n');
    trees.push(parsed.tree);
    expect(parsed.errorLine).toBe(2);
  });

  it('an error after many clean lines is reported on its own line, not the first', async () => {
    const lines = ['import Config', 'config :my_app, a: 1', 'config :my_app, b: 2', 'config :my_app, c: 3', 'config :my_app, d: )', 'config :my_app, e: 5', ''];
    const parsed = await parseElixir(lines.join('\n'));
    trees.push(parsed.tree);
    expect(parsed.errorLine).toBe(5);
  });

  it('a file larger than the binding\'s default input buffer (32 KB) is parsed whole', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `config :my_app, MyApp.Feature${i}, enabled: true, name: "feature number ${i}"`).join('\n');
    expect(text.length).toBeGreaterThan(64 * 1024);
    const r = await root(text);
    const all = kids(r);
    expect(all).toHaveLength(1000);
    expect(all.map(lineOf).at(-1)).toBe(1000);
  });

  it('the backend is loaded once and parses synchronously', async () => {
    const backend = await elixirParser();
    expect(await elixirParser()).toBe(backend);
    expect(['native', 'wasm']).toContain(backend.name);
    const parsed = parseWith(backend, 'x = 1\n# note\ny = 2\n');
    trees.push(parsed.tree);
    expect(parsed.errorLine).toBeNull();
    // kids skips comments; lineOf is 1-based.
    expect(kids(parsed.root).map((n) => [n.text, lineOf(n)])).toEqual([
      ['x = 1', 1],
      ['y = 2', 3],
    ]);
    expect(kids(null)).toEqual([]);
    expect(kids(undefined)).toEqual([]);
  });
});

describe('calls', () => {
  it('callName: local, remote, nested module, anonymous; null for what is not a call', async () => {
    expect(callName(await first('config :my_app, key: 1'))).toBe('config');
    expect(callName(await first('System.get_env("PORT")'))).toBe('System.get_env');
    expect(callName(await first('Phoenix.LiveView.Socket.connect(params)'))).toBe('Phoenix.LiveView.Socket.connect');
    expect(callName(await first('env!.("PORT", :integer)'))).toBe('env!.');
    expect(callName(await first('x = 1'))).toBeNull();
    expect(callName(await first(':atom'))).toBeNull();
    expect(callName(await first('@port'))).toBeNull();
  });

  it('callArgs: the argument nodes, comments skipped; none for a call without parentheses or arguments', async () => {
    expect(texts(callArgs(await first('config :my_app, MyAppWeb.Endpoint,\n  # the port\n  http: [port: 4000]')))).toEqual([':my_app', 'MyAppWeb.Endpoint', 'http: [port: 4000]']);
    expect(texts(callArgs(await first('Mix.env()')))).toEqual([]);
    expect(texts(callArgs(await first('Mix.env')))).toEqual([]);
  });

  it('keywordPairs of a keywords node; none for anything else', async () => {
    const [, kw] = callArgs(await first('config :my_app, "quoted key": 1, pool_size: 10'));
    expect(keywordPairs(kw).map((p) => [p.key, p.value.text, p.keyNode.text.trim()])).toEqual([
      ['quoted key', '1', '"quoted key":'],
      ['pool_size', '10', 'pool_size:'],
    ]);
    const [list] = callArgs(await first('config [pool_size: 10]'));
    expect(keywordPairs(list)).toEqual([]);
    expect(keywordPairs(null)).toEqual([]);
    expect(keywordPairs(undefined)).toEqual([]);
  });

  it('keywordName and atomName strip the colon and quotes', async () => {
    const [, kw] = callArgs(await first('plug Plug.Static, at: "/", "gzip": true'));
    const names = keywordPairs(kw).map((p) => keywordName(p.keyNode));
    expect(names).toEqual(['at', 'gzip']);
    expect(atomName(await first(':my_app'))).toBe('my_app');
    expect(atomName(await first(':"my-app"'))).toBe('my-app');
    expect(atomName(await first('MyApp'))).toBe('MyApp');
  });
});

describe('blocks', () => {
  const ifElse = 'if config_env() == :prod do\n  config :my_app, a: 1\n  config :my_app, b: 2\nelse\n  config :my_app, c: 3\nend';

  it('doStatements and elseStatements of if … else … end', async () => {
    const n = await first(ifElse);
    expect(hasDoBlock(n)).toBe(true);
    expect(texts(doStatements(n))).toEqual(['config :my_app, a: 1', 'config :my_app, b: 2']);
    expect(texts(elseStatements(n))).toEqual(['config :my_app, c: 3']);
    expect(texts(bodyStatements(n))).toEqual(['config :my_app, a: 1', 'config :my_app, b: 2']);
  });

  it('a do block without else, and a try with rescue: the statements before the rescue', async () => {
    expect(texts(elseStatements(await first('if true do\n  :ok\nend')))).toEqual([]);
    const t = await first('try do\n  String.to_integer(port)\nrescue\n  _ -> 4000\nend');
    expect(texts(doStatements(t))).toEqual(['String.to_integer(port)']);
    expect(texts(elseStatements(t))).toEqual([]);
  });

  it('inline do: (with else:) when there is no block', async () => {
    const n = await first('if config_env() == :prod, do: config(:my_app, a: 1), else: config(:my_app, b: 2)');
    expect(hasDoBlock(n)).toBe(false);
    expect(doStatements(n)).toEqual([]);
    expect(elseStatements(n)).toEqual([]);
    expect(texts(inlineDo(n))).toEqual(['config(:my_app, a: 1)']);
    expect(texts(bodyStatements(n))).toEqual(['config(:my_app, a: 1)']);
    expect(inlineDo(await first('config :my_app, a: 1'))).toEqual([]);
    expect(inlineDo(await first('config(:my_app, :a)'))).toEqual([]);
    expect(inlineDo(await first('Mix.env()'))).toEqual([]);
  });
});

describe('modules and functions', () => {
  const source = [
    'defmodule MyAppWeb.Endpoint do',
    '  use Phoenix.Endpoint, otp_app: :my_app',
    '  use Sentry.PlugCapture',
    '',
    '  defmodule Health do',
    '    def init(opts), do: opts',
    '  end',
    '',
    '  defmodule __MODULE__.Static do',
    '  end',
    '',
    '  defmodule MyApp.Other do',
    '  end',
    '',
    '  def port when is_integer(@port), do: @port',
    '  def port(default) when is_integer(default) do',
    '    default',
    '  end',
    '',
    '  defp secure?(conn), do: conn.scheme == :https',
    '  defmacro env(name), do: name',
    '  defmacrop priv(x), do: x',
    '  def unquote(name)(arg), do: arg',
    '  def left ~> right, do: {left, right}',
    '  if Code.ensure_loaded?(Jason), do: @derive(Jason.Encoder)',
    '  @doc false',
    'end',
    '',
    'defmodule MyApp.Repo do',
    'end',
    '',
  ].join('\n');

  it('modulesIn: every defmodule with its qualified name, line and body', async () => {
    const mods = modulesIn(await root(source));
    expect(mods.map((m) => [m.name, m.line])).toEqual([
      ['MyAppWeb.Endpoint', 1],
      ['MyAppWeb.Endpoint.Health', 5],
      ['MyAppWeb.Endpoint.Static', 9],
      ['MyApp.Other', 12],
      ['MyApp.Repo', 29],
    ]);
    expect(mods[0]?.body).toHaveLength(14);
    expect(texts(mods[1]?.body ?? [])).toEqual(['def init(opts), do: opts']);
    expect(mods[4]?.body).toEqual([]);
  });

  it('modulesIn skips statements that are not defmodule calls', async () => {
    expect(modulesIn(await root('import Config\nx = 1\n@attr 2\ndefmodule Top do\n  x = 2\nend\n')).map((m) => [m.name, m.line])).toEqual([['Top', 4]]);
  });

  it('functionsIn: name, kind, params, body and line; guards and parameterless heads', async () => {
    const [endpoint] = modulesIn(await root(source));
    const fns = functionsIn(endpoint?.body ?? []);
    expect(fns.map((f) => [f.name, f.kind, texts(f.params), texts(f.body), f.line])).toEqual([
      ['port', 'def', [], ['@port'], 15],
      ['port', 'def', ['default'], ['default'], 16],
      ['secure?', 'defp', ['conn'], ['conn.scheme == :https'], 20],
      ['env', 'defmacro', ['name'], ['name'], 21],
      ['priv', 'defmacrop', ['x'], ['x'], 22],
      // A head that is not a named call (a name built by unquote): the head's text.
      ['unquote(name)(arg)', 'def', ['arg'], ['arg'], 23],
      // An operator definition (`def left ~> right`) has no name, and `if … do:` in the body is not a
      // definition: both skipped.
    ]);
    expect(fns[0]?.node.text.startsWith('def port when')).toBe(true);
  });

  it('usesIn: the module and the options of each use', async () => {
    const [endpoint] = modulesIn(await root(source));
    expect(usesIn(endpoint?.body ?? []).map((u) => [u.module, texts(u.args), u.line])).toEqual([
      ['Phoenix.Endpoint', ['otp_app: :my_app'], 2],
      ['Sentry.PlugCapture', [], 3],
    ]);
  });
});

describe('walk and operators', () => {
  const src = 'config :my_app, MyAppWeb.Endpoint,\n  http: [port: 4000], # port\n  url: [host: "example.com"]\n';

  it('visits every named node in source order, the root included', async () => {
    const r = await root(src);
    const types: string[] = [];
    walk(r, (n) => {
      types.push(n.type);
    });
    expect(types[0]).toBe('source');
    expect(types.filter((t) => t === 'keywords')).toHaveLength(3);
    expect(types.indexOf('comment')).toBeGreaterThan(types.indexOf('integer'));
    expect(types).not.toContain(',');
  });

  it('with types, only those nodes are visited; returning false skips the children', async () => {
    const r = await root(src);
    const atoms: string[] = [];
    walk(r, (n) => void atoms.push(n.text), new Set(['atom', 'quoted_atom']));
    expect(atoms).toEqual([':my_app']);
    const outer: string[] = [];
    walk(r, (n) => {
      outer.push(n.text);
      return false;
    }, new Set(['list']));
    expect(outer).toEqual(['[port: 4000]', '[host: "example.com"]']);
    const keys: string[] = [];
    walk(r, (n) => {
      if (n.type === 'list') return false;
      if (n.type === 'keyword') keys.push(n.text.trim());
    });
    expect(keys).toEqual(['http:', 'url:']);
  });

  it('walking a subtree stays inside it', async () => {
    const [, , kw] = callArgs(await first(src));
    const seen: string[] = [];
    if (!kw) throw new Error('no keywords');
    const [firstPair] = kids(kw);
    if (!firstPair) throw new Error('no pair');
    walk(firstPair, (n) => void seen.push(n.type), new Set(['integer', 'string']));
    expect(seen).toEqual(['integer']);
  });

  it('operatorOf binary and unary operators; null otherwise', async () => {
    expect(operatorOf(await first('config_env() == :prod'))).toBe('==');
    expect(operatorOf(await first('Mix.env() not in [:dev]'))).toBe('not in');
    expect(operatorOf(await first('!code_reloading?'))).toBe('!');
    expect(operatorOf(await first('-1'))).toBe('-');
    expect(operatorOf(await first('Mix.env()'))).toBeNull();
    // A clause's `->` is not an operator expression.
    const clauses: Node[] = [];
    walk(await first('Enum.map(hosts, fn host -> host end)'), (n) => void clauses.push(n), new Set(['stab_clause']));
    expect(clauses.map((c) => [c.text, operatorOf(c)])).toEqual([['host -> host', null]]);
  });
});
