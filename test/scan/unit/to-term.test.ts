/**
 * toTerm and staticString, branch by branch: every kind of syntax a config file holds, and every
 * fallback (syntax it does not model keeps its nested env reads; what cannot be known is null), so
 * that turning any branch into a no-op fails here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { kids, parseElixir, type Node, type Tree } from '../../../src/scan/elixir/parser.js';
import { BUILTIN_ENV_HELPERS, dynamicNameNode, dynamicNameOf, dynamicNameText, ENV_MAP, isEnvMap, isRaise, newContext, staticString, toTerm, type EnvHelper, type TermContext } from '../../../src/scan/elixir/to-term.js';
import { envReads, type Term } from '../../../src/scan/term.js';

const trees: Tree[] = [];
afterAll(() => trees.forEach((t) => t.delete?.()));

async function node(src: string): Promise<Node> {
  const parsed = await parseElixir(src);
  trees.push(parsed.tree);
  expect(parsed.errorLine).toBeNull();
  const [first] = kids(parsed.root);
  if (!first) throw new Error(`no expression in ${src}`);
  return first;
}

async function term(src: string, ctx: TermContext = newContext()): Promise<Term> {
  return toTerm(await node(src), ctx);
}

/** The env reads of an expression as [name, required, default] (default shown as its literal text). */
async function reads(src: string, ctx?: TermContext): Promise<[string | null, boolean, string | null][]> {
  return envReads(await term(src, ctx)).map((e) => [e.name, e.required, e.default === null ? null : e.default.t === 'string' ? e.default.v : e.default.t]);
}

describe('literals', () => {
  it('atoms, quoted atoms, booleans and nil', async () => {
    expect(await term(':info')).toEqual({ t: 'atom', v: 'info', line: 1 });
    expect(await term(':"a-b"')).toEqual({ t: 'atom', v: 'a-b', line: 1 });
    expect(await term('true')).toEqual({ t: 'bool', v: true, line: 1 });
    expect(await term('false')).toEqual({ t: 'bool', v: false, line: 1 });
    expect(await term('nil')).toEqual({ t: 'nil', line: 1 });
  });

  it('integers in every base, with underscores; floats; negative numbers', async () => {
    expect((await Promise.all(['4_000', '0x1F', '0o17', '0b101'].map((src) => term(src)))).map((t) => (t.t === 'int' ? t.v : null))).toEqual([4000, 31, 15, 5]);
    expect(await term('1_000.5')).toEqual({ t: 'float', v: 1000.5, line: 1 });
    expect(await term('-4_000')).toEqual({ t: 'int', v: -4000, line: 1 });
    expect(await term('-0.5')).toEqual({ t: 'float', v: -0.5, line: 1 });
  });

  it('strings with escapes (\\n, \\t, \\", \\\\, any other \\x as x) and charlists', async () => {
    expect(await term('"a\\nb\\tc\\"d\\\\e\\#f"')).toEqual({ t: 'string', v: 'a\nb\tc"d\\e#f', interpolated: false, line: 1 });
    expect(await term("'abc'")).toEqual({ t: 'string', v: 'abc', interpolated: false, line: 1 });
  });

  it('an interpolated string keeps its text and the terms inside, env reads included', async () => {
    const t = await term('"postgres://#{System.get_env("DB_HOST")}/app"');
    expect(t).toMatchObject({ t: 'string', v: 'postgres://#{System.get_env("DB_HOST")}/app', interpolated: true });
    expect(envReads(t).map((e) => e.name)).toEqual(['DB_HOST']);
  });

  it('sigils are kept as their source text', async () => {
    expect(await term('~w(a b)a')).toEqual({ t: 'sigil', v: '~w(a b)a', line: 1 });
  });
});

describe('names', () => {
  it('an alias expands through the aliases in effect', async () => {
    const ctx = newContext();
    ctx.aliases?.set('Config', 'Harbor.Config');
    expect(await term('Config.Sub', ctx)).toEqual({ t: 'alias', v: 'Harbor.Config.Sub', line: 1 });
    expect(await term('Other.Mod', ctx)).toEqual({ t: 'alias', v: 'Other.Mod', line: 1 });
    expect(await term('Config')).toEqual({ t: 'alias', v: 'Config', line: 1 });
  });

  it('a bound variable is its value, an unbound one a var', async () => {
    const ctx = newContext();
    ctx.vars.set('port', { t: 'int', v: 4000, line: 3 });
    expect(await term('port', ctx)).toEqual({ t: 'int', v: 4000, line: 3 });
    expect(await term('host', ctx)).toEqual({ t: 'var', name: 'host', line: 1 });
  });

  it('a module attribute is its value when known, else a var named @attr', async () => {
    const ctx = newContext();
    ctx.attrs?.set('session_options', { t: 'kw', pairs: [], line: 2 });
    expect(await term('@session_options', ctx)).toEqual({ t: 'kw', pairs: [], line: 2 });
    expect(await term('@other', ctx)).toEqual({ t: 'var', name: '@other', line: 1 });
  });
});

describe('collections', () => {
  it('keyword lists, with or without brackets, keep each key\'s line', async () => {
    const kw = { t: 'kw', line: 1, pairs: [{ key: 'port', value: { t: 'int', v: 4000, line: 1 }, line: 1 }] };
    expect(await term('[port: 4000]')).toEqual(kw);
    expect(await term('[\n  port: 4000,\n  ip: {0, 0, 0, 0}\n]')).toMatchObject({ t: 'kw', pairs: [{ key: 'port', line: 2 }, { key: 'ip', line: 3 }] });
  });

  it('lists and tuples', async () => {
    expect(await term('[1, :a]')).toEqual({ t: 'list', items: [{ t: 'int', v: 1, line: 1 }, { t: 'atom', v: 'a', line: 1 }], line: 1 });
    expect(await term('{:ok, 1}')).toEqual({ t: 'tuple', items: [{ t: 'atom', v: 'ok', line: 1 }, { t: 'int', v: 1, line: 1 }], line: 1 });
  });

  it('maps with => and keyword entries', async () => {
    const t = await term('%{"a" => 1, b: 2}');
    expect(t).toMatchObject({
      t: 'map',
      pairs: [
        { key: { t: 'string', v: 'a' }, value: { t: 'int', v: 1 } },
        { key: { t: 'atom', v: 'b' }, value: { t: 'int', v: 2 } },
      ],
    });
  });

  it('`{:system, "VAR"}` is an env read; with an interpolated name, a dynamic one', async () => {
    expect(await term('{:system, "PORT"}')).toEqual({ t: 'env', name: 'PORT', required: false, default: null, via: '{:system, VAR}', line: 1 });
    expect(await term('{:system, "#{x}"}')).toMatchObject({ t: 'env', name: null });
    expect(await term('{:other, "PORT"}')).toMatchObject({ t: 'tuple' });
  });
});

describe('env reads', () => {
  it('System.get_env/1,2, fetch_env!/1 and fetch_env/1', async () => {
    expect(await reads('System.get_env("A")')).toEqual([['A', false, null]]);
    expect(await reads('System.get_env("A", "x")')).toEqual([['A', false, 'x']]);
    expect(await reads('System.fetch_env!("A")')).toEqual([['A', true, null]]);
    expect(await reads('System.fetch_env("A")')).toEqual([['A', false, null]]);
  });

  it('`|| raise` makes a read required; `|| value` gives it a default; a read with a default stays optional', async () => {
    expect(await reads('System.get_env("A") || raise "missing A"')).toEqual([['A', true, null]]);
    expect(await reads('System.get_env("A") || "fallback"')).toEqual([['A', false, 'fallback']]);
    expect(await reads('System.get_env("A", "x") || raise "never"')).toEqual([['A', false, 'x']]);
    expect(await reads('System.get_env("A") || Kernel.raise("missing")')).toEqual([['A', true, null]]);
    expect(await reads('System.get_env("A") || exit(1)')).toEqual([['A', true, null]]);
  });

  it('functions that crash on nil make a read without default required; a default they cannot parse does too', async () => {
    expect(await reads('String.to_integer(System.get_env("PORT"))')).toEqual([['PORT', true, null]]);
    expect(await reads('String.to_integer(System.get_env("PORT", "4000"))')).toEqual([['PORT', false, '4000']]);
    expect(await reads('String.to_integer(System.get_env("PORT", "four"))')).toEqual([['PORT', true, 'four']]);
    expect(await reads('String.to_float(System.get_env("R") || "0.5")')).toEqual([['R', false, '0.5']]);
    expect(await reads('System.get_env("PORT") |> String.to_integer()')).toEqual([['PORT', true, null]]);
    expect(await reads('String.to_atom(System.get_env("LEVEL", "info"))')).toEqual([['LEVEL', false, 'info']]);
    expect(await reads('IO.inspect(System.get_env("X"))')).toEqual([['X', false, null]]);
  });

  it('a literal fallback is judged as String.to_integer/to_float parse it: whole string, sign, exponent', async () => {
    // String.to_integer("5_000") raises (underscores are literal syntax, not parse syntax); "-1" parses.
    expect(await reads('String.to_integer(System.get_env("TIMEOUT_MS") || "5_000")')).toEqual([['TIMEOUT_MS', true, '5_000']]);
    expect(await reads('String.to_integer(System.get_env("NODE_OFFSET") || "-1")')).toEqual([['NODE_OFFSET', false, '-1']]);
    // String.to_float needs a fraction: "1" raises, "0.25", "-2.5E3" and "1.0e-10" parse.
    expect(await reads('String.to_float(System.get_env("RATIO") || "1")')).toEqual([['RATIO', true, '1']]);
    expect(await reads('String.to_float(System.get_env("SAMPLE_RATE") || "0.25")')).toEqual([['SAMPLE_RATE', false, '0.25']]);
    expect(await reads('String.to_float(System.get_env("SHIFT") || "-2.5E3")')).toEqual([['SHIFT', false, '-2.5E3']]);
    expect(await reads('String.to_float(System.get_env("EPSILON") || "1.0e-10")')).toEqual([['EPSILON', false, '1.0e-10']]);
    expect(await reads('String.to_float(System.get_env("EPSILON") || "1.0e")')).toEqual([['EPSILON', true, '1.0e']]);
  });

  it('the whole environment: System.get_env()[…], Map.get/fetch!/fetch, Access.get, and through a pipe', async () => {
    expect(await reads('System.get_env()["A"]')).toEqual([['A', false, null]]);
    expect(await reads('Map.get(System.get_env(), "A", "d")')).toEqual([['A', false, 'd']]);
    expect(await reads('Map.fetch!(System.get_env(), "A")')).toEqual([['A', true, null]]);
    expect(await reads('Map.fetch(System.get_env(), "A")')).toEqual([['A', false, null]]);
    expect(await reads('Access.get(System.get_env(), "A")')).toEqual([['A', false, null]]);
    expect(await reads('System.get_env() |> Map.get("A", "d")')).toEqual([['A', false, 'd']]);
    expect(await term('System.get_env()')).toEqual({ t: 'call', name: 'System.get_env', args: [], line: 1 });
  });

  it('a map read with a key that is not a literal is no read; an access on anything else is kept as a call', async () => {
    expect(await reads('Map.get(System.get_env(), name)')).toEqual([]);
    expect(await term('opts[:port]')).toEqual({ t: 'call', name: '__access_call__', args: [{ t: 'var', name: 'opts', line: 1 }, { t: 'atom', v: 'port', line: 1 }], line: 1 });
  });

  it('a helper handed the environment map reads what it reads, at the call line; earlier pipe stages keep theirs', async () => {
    const one: EnvHelper = { nameArg: -1, defaultArg: null, raises: false, via: 'Cfg.redis', envMap: { arg: 0, reads: [{ t: 'env', name: 'REDIS_URL', required: true, default: null, via: 'x', line: 9 }] } };
    const two: EnvHelper = { ...one, via: 'Cfg.db', envMap: { arg: 1, reads: [{ t: 'env', name: 'DB_URL', required: true, default: null, via: 'x', line: 9 }, { t: 'env', name: 'DB_POOL', required: false, default: null, via: 'x', line: 9 }] } };
    const ctx = newContext();
    ctx.helpers.set('Cfg.redis', one);
    ctx.helpers.set('Cfg.db', two);
    expect(await term('Cfg.redis(System.get_env())', ctx)).toEqual({ t: 'env', name: 'REDIS_URL', required: true, default: null, via: 'Cfg.redis', line: 1 });
    expect(await term('Cfg.db(opts, System.get_env())', ctx)).toMatchObject({ t: 'call', name: 'Cfg.db', args: [{ name: 'DB_URL', via: 'Cfg.db' }, { name: 'DB_POOL', via: 'Cfg.db' }] });
    expect(await term('System.get_env() |> Cfg.redis()', ctx)).toMatchObject({ t: 'env', name: 'REDIS_URL' });
    expect(await reads('System.get_env("A") |> Cfg.db(System.get_env())', ctx)).toEqual([['A', false, null], ['DB_URL', true, null], ['DB_POOL', false, null]]);
    expect(await term('Cfg.redis(opts)', ctx)).toMatchObject({ t: 'call', name: 'Cfg.redis' });
  });

  it('helpers: a name argument, a default argument, a helper that builds the name, aliases and Dotenvy', async () => {
    const ctx = newContext();
    ctx.helpers.set('Harbor.Config.fetch!', { nameArg: 0, defaultArg: 1, raises: true, via: 'Harbor.Config.fetch!' });
    ctx.helpers.set('cf.', { nameArg: 0, defaultArg: null, raises: false, via: 'cf.()', nameOf: (arg) => `CF_${arg.toUpperCase()}` });
    ctx.aliases?.set('Config', 'Harbor.Config');
    expect(await reads('Config.fetch!("A")', ctx)).toEqual([['A', true, null]]);
    expect(await reads('Config.fetch!("A", "d")', ctx)).toEqual([['A', false, 'd']]);
    expect(await reads('cf.("host")', ctx)).toEqual([['CF_HOST', false, null]]);
    expect(BUILTIN_ENV_HELPERS['Dotenvy.env!']).toMatchObject({ nameArg: 0, defaultArg: 2, raises: true });
    // Too few arguments for the name: an ordinary call.
    expect(await term('Config.fetch!()', ctx)).toMatchObject({ t: 'call', name: 'Harbor.Config.fetch!' });
  });

  it('a name known only in parts: a bound variable or attribute makes it static; otherwise dynamic, with its text and syntax', async () => {
    const ctx = newContext();
    ctx.vars.set('prefix', { t: 'string', v: 'CF', interpolated: false, line: 1 });
    expect(await reads('System.get_env("#{prefix}_HOST")', ctx)).toEqual([['CF_HOST', false, null]]);
    const t = await term('System.get_env("#{other}_HOST")', ctx);
    if (t.t !== 'env') throw new Error('expected an env read');
    expect([t.name, dynamicNameText(t), dynamicNameNode(t)?.text]).toEqual([null, '"#{other}_HOST"', '"#{other}_HOST"']);
    expect(dynamicNameOf(t)).toBeUndefined();
    // `|| raise` keeps what is known about the dynamic name.
    const raised = await term('System.get_env("#{other}_HOST") || raise "x"', ctx);
    if (raised.t !== 'env') throw new Error('expected an env read');
    expect([raised.required, dynamicNameText(raised), dynamicNameNode(raised)?.text]).toEqual([true, '"#{other}_HOST"', '"#{other}_HOST"']);
  });
});

describe('calls and other syntax', () => {
  it('a call keeps its arguments; a do-block is one more argument', async () => {
    expect(await term('Foo.bar(1)')).toEqual({ t: 'call', name: 'Foo.bar', args: [{ t: 'int', v: 1, line: 1 }], line: 1 });
    const t = await term('if x do\n  System.get_env("A")\nend');
    expect(t).toMatchObject({ t: 'call', name: 'if' });
    expect(envReads(t).map((e) => e.name)).toEqual(['A']);
  });

  it('a field of a call\'s result keeps the inner call (and its reads); a field of a variable or module does not', async () => {
    expect(await reads('URI.parse(System.fetch_env!("URL")).host')).toEqual([['URL', true, null]]);
    expect(await term('conn.host')).toEqual({ t: 'call', name: 'conn.host', args: [], line: 1 });
    expect(await term('Mod.fun')).toEqual({ t: 'call', name: 'Mod.fun', args: [], line: 1 });
  });

  it('a call whose target is not a name is named by its source text', async () => {
    expect(await term('unquote(x)(y)')).toEqual({ t: 'call', name: 'unquote(x)(y)', args: [{ t: 'var', name: 'y', line: 1 }], line: 1 });
    expect(await term('(fn -> 1 end).()')).toMatchObject({ t: 'call', name: '(fn -> 1 end).' });
  });

  it('operators: `!`/`not` become calls; binary operators keep both sides', async () => {
    expect(await term('!x')).toEqual({ t: 'call', name: '!', args: [{ t: 'var', name: 'x', line: 1 }], line: 1 });
    expect(await term('a == :prod')).toEqual({ t: 'op', op: '==', left: { t: 'var', name: 'a', line: 1 }, right: { t: 'atom', v: 'prod', line: 1 }, line: 1 });
    expect(await term('x |> foo()')).toEqual({ t: 'op', op: '|>', left: { t: 'var', name: 'x', line: 1 }, right: { t: 'call', name: 'foo', args: [], line: 1 }, line: 1 });
  });

  it('a parenthesised expression is its content; a block of several is a __block__ call', async () => {
    expect(await term('(1)')).toEqual({ t: 'int', v: 1, line: 1 });
    expect(await term('(a; b)')).toEqual({ t: 'call', name: '__block__', args: [{ t: 'var', name: 'a', line: 1 }, { t: 'var', name: 'b', line: 1 }], line: 1 });
  });

  it('syntax it does not model keeps the env reads inside; a leaf is kept as its text', async () => {
    const fn = await term('fn -> System.get_env("INNER") end');
    expect(fn).toMatchObject({ t: 'call', name: '__anonymous_function__' });
    expect(envReads(fn).map((e) => e.name)).toEqual(['INNER']);
    expect(await term('<<1, 2>>')).toEqual({ t: 'call', name: '__bitstring__', args: [{ t: 'int', v: 1, line: 1 }, { t: 'int', v: 2, line: 1 }], line: 1 });
    expect(await term('&1')).toEqual({ t: 'call', name: '&', args: [{ t: 'int', v: 1, line: 1 }], line: 1 });
    expect(await term('?a')).toEqual({ t: 'expr', text: '?a', line: 1 });
  });

  it('isRaise and isEnvMap', () => {
    expect([isRaise({ t: 'call', name: 'raise', args: [], line: 1 }), isRaise({ t: 'call', name: 'Kernel.raise', args: [], line: 1 }), isRaise({ t: 'call', name: 'exit', args: [], line: 1 }), isRaise({ t: 'call', name: 'throw', args: [], line: 1 }), isRaise({ t: 'atom', v: 'raise', line: 1 })]).toEqual([true, true, true, false, false]);
    expect([isEnvMap(ENV_MAP), isEnvMap({ t: 'call', name: 'System.get_env', args: [{ t: 'string', v: 'A', interpolated: false, line: 1 }], line: 1 }), isEnvMap(undefined)]).toEqual([true, false, false]);
  });
});

describe('staticString', () => {
  async function value(src: string, ctx = newContext(), bindings = new Map<string, string>()): Promise<string | null> {
    return staticString(await node(src), ctx, bindings);
  }

  it('literals, escapes, atoms and known interpolations', async () => {
    expect(await value('"A\\tB"')).toBe('A\tB');
    expect(await value(':redis')).toBe('redis');
    expect(await value('"#{"CF"}_KEY"')).toBe('CF_KEY');
    expect(await value('"#{x}_KEY"')).toBeNull();
  });

  it('variables from the bindings or the context (plain strings only), attributes', async () => {
    const ctx = newContext();
    ctx.vars.set('p', { t: 'string', v: 'CF', interpolated: false, line: 1 });
    ctx.vars.set('q', { t: 'string', v: 'X#{y}', interpolated: true, line: 1 });
    ctx.vars.set('n', { t: 'int', v: 1, line: 1 });
    ctx.attrs?.set('prefix', { t: 'string', v: 'AT', interpolated: false, line: 1 });
    expect(await value('p', ctx)).toBe('CF');
    expect(await value('q', ctx)).toBeNull();
    expect(await value('n', ctx)).toBeNull();
    expect(await value('name', ctx, new Map([['name', 'given']]))).toBe('given');
    expect(await value('@prefix', ctx)).toBe('AT');
    expect(await value('@missing', ctx)).toBeNull();
    expect(await value('!p', ctx)).toBeNull();
  });

  it('`<>` of known parts, and the string functions', async () => {
    expect(await value('"A" <> "_" <> :b')).toBe('A_b');
    expect(await value('"A" <> x')).toBeNull();
    expect(await value('"A" + "B"')).toBeNull();
    expect(await value('String.upcase("host")')).toBe('HOST');
    expect(await value('String.downcase("HOST")')).toBe('host');
    expect(await value('String.trim(" x ")')).toBe('x');
    expect(await value('Atom.to_string(:name)')).toBe('name');
    expect(await value('to_string("a")')).toBe('a');
    expect(await value('Kernel.to_string("a")')).toBe('a');
    expect(await value('String.reverse("ab")')).toBeNull();
    expect(await value('String.upcase("a", "b")')).toBeNull();
    expect(await value('String.upcase(x)')).toBeNull();
    expect(await value('123')).toBeNull();
  });

  it('gives up past a nesting depth of 12', async () => {
    const deep = (n: number) => `${'String.upcase('.repeat(n)}"a"${')'.repeat(n)}`;
    expect(await value(deep(12))).toBe('A');
    expect(await value(deep(13))).toBeNull();
  });
});
