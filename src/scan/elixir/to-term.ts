/**
 * Turns tree-sitter nodes into Terms, recognising environment reads: `System.get_env/1,2`,
 * `System.fetch_env!/1`, `|| raise`, Dotenvy's `env!/2,3`, `{:system, "VAR"}` tuples and helper
 * functions (defined in the config file as anonymous functions or in a project module).
 */
import { envReads, type Term } from '../term.js';
import { atomName, callArgs, callName, keywordPairs, operatorOf } from './ast.js';
import { kids, lineOf, type Node } from './parser.js';

export type EnvTerm = Extract<Term, { t: 'env' }>;

/** How a function call maps to an env read. */
export interface EnvHelper {
  /** Argument index holding the variable name. */
  nameArg: number;
  /** Argument index holding the default, if any. */
  defaultArg: number | null;
  /** Raises when the variable is unset (and no default argument was given). */
  raises: boolean;
  via: string;
  /** When the helper builds the name from its argument (`"CF_#{String.upcase(name)}"`): the name for a literal argument. */
  nameOf?: (arg: string) => string | null;
  /**
   * A function handed the whole environment (`ConfigParser.vault_key(System.get_env())`): argument
   * `arg` is the env map, and the function reads `reads` from it. `nameArg` is -1 for these.
   */
  envMap?: { arg: number; reads: EnvTerm[] };
  /** The default argument is a keyword list of defaults per environment (`prod: "4000", dev: "4000"`): prod's applies. */
  defaultForEnv?: boolean;
  /** A reader of a typed config schema (`fetch!(:database_host)`): the variable, default and requirement of a key. */
  keyed?: (key: string) => KeyedRead | null;
}

export interface KeyedRead {
  name: string;
  default: Term | null;
  required: boolean;
}

export const BUILTIN_ENV_HELPERS: Record<string, EnvHelper> = {
  'System.get_env': { nameArg: 0, defaultArg: 1, raises: false, via: 'System.get_env' },
  'System.fetch_env!': { nameArg: 0, defaultArg: null, raises: true, via: 'System.fetch_env!' },
  'System.fetch_env': { nameArg: 0, defaultArg: null, raises: false, via: 'System.fetch_env' },
  'Dotenvy.env!': { nameArg: 0, defaultArg: 2, raises: true, via: 'Dotenvy.env!' },
};

export interface TermContext {
  /** Variables bound earlier in the file: name → value. */
  vars: Map<string, Term>;
  /** Call name (`env!`, `Harbor.Config.fetch!`, `env.`) → helper. */
  helpers: Map<string, EnvHelper>;
  /** Module attributes (`@session_options`) → value. */
  attrs?: Map<string, Term>;
  /** Module aliases in effect (`alias Harbor.Config` → Config ⇒ Harbor.Config). */
  aliases?: Map<string, string>;
}

export function newContext(): TermContext {
  return { vars: new Map(), helpers: new Map(Object.entries(BUILTIN_ENV_HELPERS)), attrs: new Map(), aliases: new Map() };
}

function stringValue(node: Node, ctx: TermContext): { v: string; interpolated: boolean; parts: Term[] } {
  let v = '';
  let interpolated = false;
  const parts: Term[] = [];
  for (const c of kids(node)) {
    if (c.type === 'quoted_content') v += c.text;
    else if (c.type === 'escape_sequence') v += unescape(c.text);
    else if (c.type === 'interpolation') {
      interpolated = true;
      v += c.text;
      for (const inner of kids(c)) parts.push(toTerm(inner, ctx));
    }
  }
  return { v, interpolated, parts };
}

function unescape(seq: string): string {
  switch (seq) {
    case '\\n':
      return '\n';
    case '\\t':
      return '\t';
    case '\\"':
      return '"';
    case '\\\\':
      return '\\';
    default:
      return seq.slice(1);
  }
}

function resolveAlias(name: string, ctx: TermContext): string {
  if (!ctx.aliases?.size) return name;
  const [head = '', ...rest] = name.split('.');
  const full = ctx.aliases.get(head);
  return full ? [full, ...rest].join('.') : name;
}

function qualifiedCallName(node: Node, ctx: TermContext): string | null {
  const name = callName(node);
  if (!name) return null;
  const dot = name.indexOf('.');
  if (dot > 0 && /^[A-Z]/.test(name)) {
    const mod = name.slice(0, name.lastIndexOf('.'));
    const fun = name.slice(name.lastIndexOf('.') + 1);
    return `${resolveAlias(mod, ctx)}.${fun}`;
  }
  return name;
}

/** Converts a node to a Term. Never throws: unknown syntax becomes `expr` (with nested env reads kept). */
export function toTerm(node: Node, ctx: TermContext): Term {
  const line = lineOf(node);
  switch (node.type) {
    case 'atom':
    case 'quoted_atom':
      return { t: 'atom', v: atomName(node), line };
    case 'string':
    case 'charlist': {
      const { v, interpolated, parts } = stringValue(node, ctx);
      return parts.length ? { t: 'string', v, interpolated, line, parts } : { t: 'string', v, interpolated, line };
    }
    case 'integer':
      return { t: 'int', v: parseIntLiteral(node.text), line };
    case 'float':
      return { t: 'float', v: Number(node.text.replace(/_/g, '')), line };
    case 'boolean':
      return { t: 'bool', v: node.text === 'true', line };
    case 'nil':
      return { t: 'nil', line };
    case 'alias':
      return { t: 'alias', v: resolveAlias(node.text, ctx), line };
    case 'identifier': {
      const bound = ctx.vars.get(node.text);
      if (bound) return bound;
      return { t: 'var', name: node.text, line };
    }
    case 'keywords':
      return {
        t: 'kw',
        line,
        pairs: keywordPairs(node).map((p) => ({ key: p.key, value: toTerm(p.value, ctx), line: lineOf(p.keyNode) })),
      };
    case 'list':
      return listTerm(node, ctx);
    case 'tuple': {
      const items = kids(node).map((c) => toTerm(c, ctx));
      const first = items[0];
      const second = items[1];
      if (items.length === 2 && first?.t === 'atom' && first.v === 'system') {
        const name = second?.t === 'string' && !second.interpolated ? second.v : null;
        return { t: 'env', name, required: false, default: null, via: '{:system, VAR}', line };
      }
      return { t: 'tuple', items, line };
    }
    case 'map':
      return mapTerm(node, ctx);
    case 'sigil':
      return { t: 'sigil', v: node.text, line };
    case 'unary_operator':
      return unaryTerm(node, ctx);
    case 'binary_operator':
      return binaryTerm(node, ctx);
    case 'call':
      return callTerm(node, ctx);
    case 'access_call': {
      // `env["NAME"]` on the environment map.
      const target = node.childForFieldName('target');
      const key = node.childForFieldName('key');
      const on = target ? toTerm(target, ctx) : null;
      const k = key ? toTerm(key, ctx) : null;
      if (on && isEnvMap(on) && k?.t === 'string' && !k.interpolated) return { t: 'env', name: k.v, required: false, default: null, via: 'System.get_env()[…]', line };
      const inner = [on, k].filter((t): t is Term => t !== null);
      return { t: 'call', name: '__access_call__', args: inner, line };
    }
    case 'block': {
      const inner = kids(node);
      const [only] = inner;
      if (only && inner.length === 1) return toTerm(only, ctx);
      return { t: 'call', name: '__block__', args: inner.map((c) => toTerm(c, ctx)), line };
    }
    default: {
      // Keep env reads nested in syntax we do not model (anonymous functions, case, with, …).
      const inner = kids(node).map((c) => toTerm(c, ctx));
      return inner.length ? { t: 'call', name: `__${node.type}__`, args: inner, line } : { t: 'expr', text: node.text, line };
    }
  }
}

/**
 * A `case` block: a clause whose pattern is a bare variable (`port -> [http: [port: port]]`) binds the
 * subject to it, so the clause's body reads what the subject reads. The value there is whatever
 * matched (after a `nil ->` clause, never nil): a read bound so is not required by what the body does with it.
 */
function caseBlockTerm(block: Node, subject: Term, ctx: TermContext): Term {
  const matched: Term = subject.t === 'env' ? derived(subject, { default: { t: 'expr', text: 'matched', line: subject.line } }) : subject;
  const clauses = kids(block).map((clause) => {
    const pattern = kids(clause.children.find((c) => c?.type === 'arguments') ?? null);
    const [only] = pattern;
    const name = only?.type === 'identifier' && pattern.length === 1 && !only.text.startsWith('_') ? only.text : null;
    if (!name) return toTerm(clause, ctx);
    const before = ctx.vars.get(name);
    ctx.vars.set(name, matched);
    try {
      return toTerm(clause, ctx);
    } finally {
      if (before) ctx.vars.set(name, before);
      else ctx.vars.delete(name);
    }
  });
  return { t: 'call', name: '__do_block__', args: clauses, line: lineOf(block) };
}

/** `4_000`, `0x1F`, `0o17`, `0b101`: Number reads the prefixes as Elixir does once the underscores are gone. */
function parseIntLiteral(text: string): number {
  return Number(text.replace(/_/g, ''));
}

function listTerm(node: Node, ctx: TermContext): Term {
  const line = lineOf(node);
  const children = kids(node);
  const [only] = children;
  if (only && children.length === 1 && only.type === 'keywords') return toTerm(only, ctx);
  return { t: 'list', items: children.map((c) => toTerm(c, ctx)), line };
}

function mapTerm(node: Node, ctx: TermContext): Term {
  const line = lineOf(node);
  const pairs: { key: Term; value: Term; line: number }[] = [];
  const content = kids(node).find((c) => c.type === 'map_content');
  for (const item of kids(content)) {
    if (item.type === 'binary_operator' && operatorOf(item) === '=>') {
      const l = item.childForFieldName('left');
      const r = item.childForFieldName('right');
      if (l && r) pairs.push({ key: toTerm(l, ctx), value: toTerm(r, ctx), line: lineOf(item) });
    } else if (item.type === 'keywords') {
      for (const p of keywordPairs(item)) {
        pairs.push({ key: { t: 'atom', v: p.key, line: lineOf(p.keyNode) }, value: toTerm(p.value, ctx), line: lineOf(p.keyNode) });
      }
    }
  }
  return { t: 'map', pairs, line };
}

function unaryTerm(node: Node, ctx: TermContext): Term {
  const line = lineOf(node);
  const op = operatorOf(node);
  const operand = node.childForFieldName('operand');
  if (op === '@' && operand) {
    const name = operand.type === 'call' ? callName(operand) : operand.text;
    const bound = name ? ctx.attrs?.get(name) : undefined;
    if (bound) return bound;
    return { t: 'var', name: `@${name ?? operand.text}`, line };
  }
  if (op === '-' && operand && (operand.type === 'integer' || operand.type === 'float')) {
    const v = -Number(operand.text.replace(/_/g, ''));
    return operand.type === 'integer' ? { t: 'int', v, line } : { t: 'float', v, line };
  }
  if (operand) return { t: 'call', name: op ?? 'unary', args: [toTerm(operand, ctx)], line };
  return { t: 'expr', text: node.text, line };
}

function binaryTerm(node: Node, ctx: TermContext): Term {
  const line = lineOf(node);
  const op = operatorOf(node) ?? '?';
  const l = node.childForFieldName('left');
  const r = node.childForFieldName('right');
  if (!l || !r) return { t: 'expr', text: node.text, line };
  if (op === '|>' && r.type === 'call') {
    // `name |> System.get_env(default)`: the piped value is the helper's first argument.
    const helperName = qualifiedCallName(r, ctx);
    const helper = helperName ? ctx.helpers.get(helperName) : undefined;
    if (helper && !helper.envMap) return envFromHelper(helper, [l, ...callArgs(r)], ctx, line);
  }
  const left = toTerm(l, ctx);
  const right = toTerm(r, ctx);
  if (op === '||' && left.t === 'env') {
    if (isRaise(right)) {
      // `System.get_env("A") || System.get_env("B") || raise …`: A's default is B's read, which falls back to nil.
      const alternatives = left.default ? fallbackNames(left.default) : [];
      if (alternatives) return derived(left, { required: true, ...(alternatives.length ? { alternatives } : {}) });
      return derived(left, { required: left.required });
    }
    const chained = withFallback(left, right);
    if (chained) return chained;
  }
  if (op === '|>' && right.t === 'call') {
    // `env |> Map.get("LOG_LEVEL", "info")`, `opts |> put_redis_url(env)`: the piped value is the first argument.
    const piped = [left, ...right.args];
    const fromMap = envMapRead(right.name, piped, line) ?? envMapCall(ctx.helpers.get(right.name), piped, line);
    // Earlier stages of the pipe keep their reads (`env |> put_url(…) |> put_tls(env)`).
    if (fromMap) return envReads(left).length ? { t: 'call', name: right.name, args: [left, fromMap], line } : fromMap;
    // System.get_env("PORT") |> String.to_integer()
    requireIfCrashes(right.name, left);
  }
  return { t: 'op', op, left, right, line };
}

/**
 * Functions that crash on nil (FunctionClauseError/ArgumentError): an env read passed to them
 * without a default is required at boot. `parses` says which strings they accept, for a literal
 * fallback that itself crashes (`String.to_float(System.get_env("X") || "10")`).
 */
const NIL_CRASHERS: Record<string, ((s: string) => boolean) | null> = {
  'String.to_integer': (s) => /^[+-]?\d+$/.test(s),
  'String.to_float': (s) => /^[+-]?\d+\.\d+([eE][+-]?\d+)?$/.test(s),
  'String.to_atom': null,
  'String.to_existing_atom': null,
  'String.to_charlist': null,
  'String.split': null,
  'String.trim': null,
  'String.downcase': null,
  'String.upcase': null,
  'String.replace': null,
  'String.length': null,
  'String.contains?': null,
  'String.starts_with?': null,
  'Integer.parse': null,
  'Float.parse': null,
  'URI.parse': null,
  'URI.new!': null,
  'Base.decode64!': null,
  'Base.decode64': null,
  'Base.url_decode64!': null,
  'Jason.decode!': null,
};

/** Marks an env read required when `fun` crashes on what the read returns with the variable unset. */
function requireIfCrashes(fun: string, arg: Term | undefined): void {
  if (!arg || arg.t !== 'env' || arg.required || !(fun in NIL_CRASHERS)) return;
  if (arg.default === null) {
    arg.required = true;
    return;
  }
  const parses = NIL_CRASHERS[fun];
  if (parses && arg.default.t === 'string' && !arg.default.interpolated && !parses(arg.default.v)) arg.required = true;
}

/** `System.get_env()`: the whole environment, as a map from names to values. */
export function isEnvMap(term: Term | undefined): boolean {
  return !!term && term.t === 'call' && term.name === 'System.get_env' && term.args.length === 0;
}

/** The whole environment, as `System.get_env()` gives it (what a parameter holding it evaluates to). */
export const ENV_MAP: Term = { t: 'call', name: 'System.get_env', args: [], line: 0 };

/** Map functions that read one key: whether a missing key raises, and where the default goes. */
const MAP_READERS: Record<string, { required: boolean; defaultArg: number | null }> = {
  'Map.get': { required: false, defaultArg: 2 },
  'Map.fetch!': { required: true, defaultArg: null },
  'Map.fetch': { required: false, defaultArg: null },
  'Access.get': { required: false, defaultArg: 2 },
};

/** `Map.get(System.get_env(), "NAME", default)` and friends: a read of NAME. */
function envMapRead(fun: string, args: Term[], line: number): EnvTerm | null {
  const reader = MAP_READERS[fun];
  if (!reader || !isEnvMap(args[0])) return null;
  const key = args[1];
  if (!key || key.t !== 'string' || key.interpolated) return null;
  const def = reader.defaultArg !== null ? (args[reader.defaultArg] ?? null) : null;
  return { t: 'env', name: key.v, required: reader.required, default: def, via: `${fun}(System.get_env(), …)`, line };
}

/** A call of a function handed the environment map: the reads it makes, at the call's line. */
function envMapCall(helper: EnvHelper | undefined, args: Term[], line: number): Term | null {
  if (!helper?.envMap || !isEnvMap(args[helper.envMap.arg])) return null;
  const reads = helper.envMap.reads.map((r) => ({ ...r, via: helper.via, line }));
  const [only] = reads;
  return only && reads.length === 1 ? only : { t: 'call', name: helper.via, args: reads, line };
}

export function isRaise(term: Term): boolean {
  return term.t === 'call' && (term.name === 'raise' || term.name === 'Kernel.raise' || term.name === 'exit');
}

function callTerm(node: Node, ctx: TermContext): Term {
  const line = lineOf(node);
  const name = qualifiedCallName(node, ctx);
  const argNodes = callArgs(node);
  if (name) {
    const helper = ctx.helpers.get(name);
    // `System.get_env()` with no name reads the whole environment: not a variable read.
    if (helper && !helper.envMap && argNodes.length > helper.nameArg) return envFromHelper(helper, argNodes, ctx, line);
  }
  const args = argNodes.map((a) => toTerm(a, ctx));
  if (name) {
    const fromMap = envMapRead(name, args, line) ?? envMapCall(ctx.helpers.get(name), args, line);
    if (fromMap) return fromMap;
  }
  if (name) requireIfCrashes(name, args[0]);
  // Do-blocks (if/case/fn bodies) may hold env reads too.
  const block = node.children.find((c) => c?.type === 'do_block');
  if (block) args.push(name === 'case' && args[0] ? caseBlockTerm(block, args[0], ctx) : toTerm(block, ctx));
  // A field of a call's result, `URI.parse(System.fetch_env!("URL")).host`: keep the inner call.
  const target = node.childForFieldName('target');
  if (target?.type === 'dot' && argNodes.length === 0 && !node.children.some((c) => c?.type === 'arguments')) {
    const left = target.childForFieldName('left');
    if (left && left.type !== 'alias' && left.type !== 'identifier') args.push(toTerm(left, ctx));
  }
  return { t: 'call', name: name ?? node.text.slice(0, 40), args, line };
}

function envFromHelper(helper: EnvHelper, argNodes: Node[], ctx: TermContext, line: number): EnvTerm {
  const nameNode = argNodes[helper.nameArg];
  // A literal, or a name every part of which is known: `"#{prefix}_HOST"` with `prefix = "CF"`, `@prefix <> "_KEY"`.
  const known = nameNode ? staticString(nameNode, ctx) : null;
  const keyed = known !== null && helper.keyed ? helper.keyed(known) : null;
  if (keyed) return { t: 'env', name: keyed.name, required: keyed.required, default: keyed.default, via: helper.via, line };
  const name = known === null ? null : helper.nameOf ? helper.nameOf(known) : known;
  const defNode = helper.defaultArg !== null ? argNodes[helper.defaultArg] : undefined;
  const given = defNode ? toTerm(defNode, ctx) : null;
  const def = helper.defaultForEnv ? prodDefault(given) : given;
  const term: EnvTerm = {
    t: 'env',
    name,
    required: helper.raises && !def,
    default: def,
    via: helper.via,
    line,
    ...(name === null && nameNode ? { nameText: nameNode.text } : {}),
  };
  // The syntax of a dynamic name, for helpers that build the name from a parameter; kept beside the
  // term (terms are plain data in the facts, and trees are freed when the scan ends).
  if (name === null && nameNode) dynamicNames.set(term, { node: nameNode, nameOf: helper.nameOf });
  return term;
}

/** A keyword list of defaults per environment (`prod: "4000", dev: "4000"`): prod's, else `all:`'s. */
function prodDefault(def: Term | null): Term | null {
  if (def?.t !== 'kw') return null;
  return def.pairs.find((p) => p.key === 'prod')?.value ?? def.pairs.find((p) => p.key === 'all')?.value ?? null;
}

const dynamicNames = new WeakMap<EnvTerm, { node: Node; nameOf: EnvHelper['nameOf'] }>();

/** `(A || B) || C` (`||` is left-associative): C becomes the default of the last read of the chain. */
function withFallback(left: EnvTerm, right: Term): EnvTerm | null {
  if (left.default === null) return derived(left, { default: right });
  const inner = left.default.t === 'env' ? withFallback(left.default, right) : null;
  return inner ? derived(left, { default: inner }) : null;
}

/**
 * The names a fallback chain of env reads tries when every read falls back to nil (`System.get_env("B")
 * || System.get_env("C")`), or null when the chain ends in a value.
 */
function fallbackNames(t: Term): string[] | null {
  if (t.t === 'nil') return [];
  if (t.t !== 'env' || t.name === null) return null;
  const rest = t.default ? fallbackNames(t.default) : [];
  return rest ? [t.name, ...rest] : null;
}

/** A copy of an env read with some fields changed, keeping what is known about its dynamic name. */
function derived(t: EnvTerm, patch: Pick<Partial<EnvTerm>, 'required' | 'default' | 'alternatives'>): EnvTerm {
  const copy: EnvTerm = { ...t, ...patch };
  const info = dynamicNames.get(t);
  if (info) dynamicNames.set(copy, info);
  return copy;
}

/** How the helper behind a dynamic read builds the name from its argument, if it does. */
export function dynamicNameOf(term: EnvTerm): EnvHelper['nameOf'] {
  return dynamicNames.get(term)?.nameOf;
}

/** The name expression of a dynamic env read (while the scan's trees are alive). */
export function dynamicNameNode(term: EnvTerm): Node | null {
  return dynamicNames.get(term)?.node ?? null;
}

/** Binding name under which `staticString` finds the environment `config_env()` evaluates to. */
export const CONFIG_ENV = '\u0000config_env';
const CONFIG_ENV_CALLS = new Set(['config_env', 'Config.config_env', 'Mix.env']);

const STRING_FUNS: Record<string, (s: string) => string> = {
  'String.upcase': (s) => s.toUpperCase(),
  'String.downcase': (s) => s.toLowerCase(),
  'String.trim': (s) => s.trim(),
  to_string: (s) => s,
  'Kernel.to_string': (s) => s,
  'Atom.to_string': (s) => s,
};

/**
 * The value of a string expression when every part of it is known: literals, interpolations and `<>`
 * of known parts, variables bound to such strings (or given in `bindings`), module attributes, atoms
 * through `Atom.to_string/1`, and `String.upcase/downcase/trim` of a known string; null otherwise.
 */
export function staticString(node: Node, ctx: TermContext, bindings: Map<string, string> = new Map(), depth = 0): string | null {
  if (depth > 12) return null;
  switch (node.type) {
    case 'string': {
      let out = '';
      for (const c of kids(node)) {
        if (c.type === 'quoted_content') out += c.text;
        else if (c.type === 'escape_sequence') out += unescape(c.text);
        else if (c.type === 'interpolation') {
          const inner = kids(c);
          const [only] = inner;
          if (!only || inner.length !== 1) return null;
          const v = staticString(only, ctx, bindings, depth + 1);
          if (v === null) return null;
          out += v;
        } else return null;
      }
      return out;
    }
    case 'atom':
      return atomName(node);
    case 'identifier': {
      const given = bindings.get(node.text);
      if (given !== undefined) return given;
      const bound = ctx.vars.get(node.text);
      return bound && bound.t === 'string' && !bound.interpolated ? bound.v : null;
    }
    case 'unary_operator': {
      if (operatorOf(node) !== '@') return null;
      const operand = node.childForFieldName('operand');
      const bound = operand ? ctx.attrs?.get(operand.type === 'call' ? (callName(operand) ?? '') : operand.text) : undefined;
      return bound && bound.t === 'string' && !bound.interpolated ? bound.v : null;
    }
    case 'binary_operator': {
      if (operatorOf(node) === '|>') {
        // `config_env() |> to_string() |> String.upcase()`: the piped value is the only argument.
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        const fn = r && r.type === 'call' && callArgs(r).length === 0 ? STRING_FUNS[callName(r) ?? ''] : undefined;
        const v = l && fn ? staticString(l, ctx, bindings, depth + 1) : null;
        return v === null || !fn ? null : fn(v);
      }
      if (operatorOf(node) !== '<>') return null;
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      const a = l ? staticString(l, ctx, bindings, depth + 1) : null;
      const b = r ? staticString(r, ctx, bindings, depth + 1) : null;
      return a === null || b === null ? null : a + b;
    }
    case 'call': {
      const args = callArgs(node);
      // `config_env()`/`Mix.env()` when the caller says which environment is evaluated.
      if (CONFIG_ENV_CALLS.has(callName(node) ?? '') && args.length === 0) return bindings.get(CONFIG_ENV) ?? null;
      const fn = STRING_FUNS[callName(node) ?? ''];
      const [only] = args;
      if (!fn || !only || args.length !== 1) return null;
      const v = staticString(only, ctx, bindings, depth + 1);
      return v === null ? null : fn(v);
    }
    default:
      return null;
  }
}

/** Source text of a dynamic env read's name expression (kept by envFromHelper). */
export function dynamicNameText(term: EnvTerm): string | null {
  return term.nameText ?? null;
}
