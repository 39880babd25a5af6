/**
 * A plain, serializable picture of an Elixir expression, as much as a deploy tool needs to know.
 * The scanner turns tree-sitter nodes into Terms once; every later stage reads Terms, never trees.
 */

export type Term =
  | { t: 'atom'; v: string; line: number }
  /** `parts`: the terms of its `#{…}` interpolations (env reads in them count as reads). */
  | { t: 'string'; v: string; interpolated: boolean; line: number; parts?: Term[] }
  | { t: 'int'; v: number; line: number }
  | { t: 'float'; v: number; line: number }
  | { t: 'bool'; v: boolean; line: number }
  | { t: 'nil'; line: number }
  | { t: 'alias'; v: string; line: number }
  | { t: 'list'; items: Term[]; line: number }
  | { t: 'kw'; pairs: KwPair[]; line: number }
  | { t: 'tuple'; items: Term[]; line: number }
  | { t: 'map'; pairs: MapPair[]; line: number }
  /** An environment read: System.get_env / fetch_env! / helpers that resolve to one. `name` null when built at runtime. */
  | {
      t: 'env';
      name: string | null;
      required: boolean;
      default: Term | null;
      via: string;
      line: number;
      /** When `name` is null: the source text of the name expression (`"#{prefix}_TOKEN"`), for messages. */
      nameText?: string;
      /** `System.get_env("A") || System.get_env("B") || raise …`: required, and B satisfies it as well as A. */
      alternatives?: string[];
    }
  /** `a || b`, `a && b`, `a <> b`, `a == b`, … */
  | { t: 'op'; op: string; left: Term; right: Term; line: number }
  | { t: 'call'; name: string; args: Term[]; line: number }
  | { t: 'var'; name: string; line: number }
  | { t: 'sigil'; v: string; line: number }
  /** Anything else: the source text, kept for messages. */
  | { t: 'expr'; text: string; line: number };

export interface KwPair {
  key: string;
  value: Term;
  line: number;
}

export interface MapPair {
  key: Term;
  value: Term;
  line: number;
}

/** Value of `key` in a keyword list (or a map with atom/string keys). */
export function kwGet(term: Term | null | undefined, key: string): Term | undefined {
  if (!term) return undefined;
  if (term.t === 'kw') return term.pairs.find((p) => p.key === key)?.value;
  if (term.t === 'map') {
    return term.pairs.find((p) => (p.key.t === 'atom' || p.key.t === 'string') && p.key.v === key)?.value;
  }
  if (term.t === 'list' && term.items.length === 0) return undefined;
  return undefined;
}

/** Follows a path of keys through nested keyword lists: kwPath(opts, 'http', 'ip'). */
export function kwPath(term: Term | null | undefined, ...keys: string[]): Term | undefined {
  let cur: Term | undefined = term ?? undefined;
  for (const k of keys) {
    cur = kwGet(cur, k);
    if (!cur) return undefined;
  }
  return cur;
}

/** A literal string/atom/int value as a JS string, or null when the term is not a literal. */
export function literal(term: Term | null | undefined): string | null {
  if (!term) return null;
  switch (term.t) {
    case 'atom':
    case 'alias':
      return term.v;
    case 'string':
      return term.interpolated ? null : term.v;
    case 'int':
    case 'float':
      return String(term.v);
    case 'bool':
      return String(term.v);
    default:
      return null;
  }
}

/** The strings of a literal list: `["json", "html"]` or `~w(json html)`; null when it is not one. */
export function stringList(term: Term | null | undefined): string[] | null {
  if (!term) return null;
  if (term.t === 'list') {
    const out = term.items.map((i) => (i.t === 'string' && !i.interpolated ? i.v : null));
    return out.every((x): x is string => x !== null) ? out : null;
  }
  if (term.t === 'sigil') {
    const m = /^~w(?:\((.*)\)|\[(.*)\]|\{(.*)\}|"(.*)"|\|(.*)\||\/(.*)\/)[sc]?$/s.exec(term.v);
    if (!m) return null;
    return (m.slice(1).find((x) => x !== undefined) ?? '').split(/\s+/).filter(Boolean);
  }
  return null;
}

export function isTruthyLiteral(term: Term | null | undefined): boolean | null {
  if (!term) return null;
  if (term.t === 'bool') return term.v;
  if (term.t === 'nil') return false;
  if (term.t === 'atom' || term.t === 'string' || term.t === 'int' || term.t === 'kw' || term.t === 'list') return true;
  return null;
}

/** Every env read inside a term (depth first). */
export function envReads(term: Term | null | undefined, out: Extract<Term, { t: 'env' }>[] = []): Extract<Term, { t: 'env' }>[] {
  if (!term) return out;
  switch (term.t) {
    case 'env':
      out.push(term);
      if (term.default) envReads(term.default, out);
      break;
    case 'string':
      for (const p of term.parts ?? []) envReads(p, out);
      break;
    case 'list':
    case 'tuple':
      for (const i of term.items) envReads(i, out);
      break;
    case 'kw':
      for (const p of term.pairs) envReads(p.value, out);
      break;
    case 'map':
      for (const p of term.pairs) {
        envReads(p.key, out);
        envReads(p.value, out);
      }
      break;
    case 'op':
      envReads(term.left, out);
      envReads(term.right, out);
      break;
    case 'call':
      for (const a of term.args) envReads(a, out);
      break;
    default:
      break;
  }
  return out;
}

/** A short, human-readable rendering of a term (for messages; never used to decide anything). */
export function show(term: Term | null | undefined): string {
  if (!term) return 'nil';
  switch (term.t) {
    case 'atom':
      return `:${term.v}`;
    case 'string':
      return JSON.stringify(term.v);
    case 'int':
    case 'float':
      return String(term.v);
    case 'bool':
      return String(term.v);
    case 'nil':
      return 'nil';
    case 'alias':
      return term.v;
    case 'list':
      return `[${term.items.map(show).join(', ')}]`;
    case 'kw':
      return `[${term.pairs.map((p) => `${p.key}: ${show(p.value)}`).join(', ')}]`;
    case 'tuple':
      return `{${term.items.map(show).join(', ')}}`;
    case 'map':
      return `%{${term.pairs.map((p) => `${show(p.key)} => ${show(p.value)}`).join(', ')}}`;
    case 'env':
      return term.name ? `env ${term.name}` : 'env <dynamic>';
    case 'op':
      return `${show(term.left)} ${term.op} ${show(term.right)}`;
    case 'call':
      return `${term.name}(${term.args.map(show).join(', ')})`;
    case 'var':
      return term.name;
    case 'sigil':
      return term.v;
    case 'expr':
      return term.text.length > 60 ? `${term.text.slice(0, 57)}...` : term.text;
  }
}
