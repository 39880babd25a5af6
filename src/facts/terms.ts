/** Questions rules ask of config terms: literal strings and numbers built from literals, atoms anywhere inside, every keyword pair. */
import type { Term } from '../scan/term.js';

/** True when the term contains the atom anywhere (e.g. `:inet6` in `socket_options`). */
export function termHasAtom(term: Term | null | undefined, atom: string): boolean {
  if (!term) return false;
  switch (term.t) {
    case 'atom':
      return term.v === atom;
    case 'list':
    case 'tuple':
      return term.items.some((i) => termHasAtom(i, atom));
    case 'kw':
      return term.pairs.some((p) => termHasAtom(p.value, atom));
    case 'map':
      return term.pairs.some((p) => termHasAtom(p.key, atom) || termHasAtom(p.value, atom));
    case 'op':
      return termHasAtom(term.left, atom) || termHasAtom(term.right, atom);
    case 'call':
      return term.args.some((a) => termHasAtom(a, atom));
    case 'env':
      return termHasAtom(term.default, atom);
    case 'sigil':
    case 'expr':
      return new RegExp(`(^|[^\\w]):${atom}\\b`).test(term.t === 'sigil' ? term.v : term.text);
    default:
      return false;
  }
}

export interface KwPairAt {
  /** Keys from the config call's opts down to this pair, e.g. ['http', 'ip']. */
  path: string[];
  key: string;
  value: Term;
  line: number;
}

/** Every keyword pair (and atom/string-keyed map pair) inside a term, depth first. */
export function kwPairsDeep(term: Term | null | undefined, path: string[] = [], out: KwPairAt[] = []): KwPairAt[] {
  if (!term) return out;
  if (term.t === 'kw') {
    for (const p of term.pairs) {
      out.push({ path: [...path, p.key], key: p.key, value: p.value, line: p.line });
      kwPairsDeep(p.value, [...path, p.key], out);
    }
  } else if (term.t === 'map') {
    for (const p of term.pairs) {
      const k = p.key.t === 'atom' || (p.key.t === 'string' && !p.key.interpolated) ? p.key.v : null;
      if (k === null) continue;
      out.push({ path: [...path, k], key: k, value: p.value, line: p.line });
      kwPairsDeep(p.value, [...path, k], out);
    }
  } else if (term.t === 'list' || term.t === 'tuple') {
    for (const i of term.items) kwPairsDeep(i, path, out);
  }
  return out;
}

/** A non-empty literal string (not interpolated): what a hard-coded secret looks like in config. */
export function literalString(term: Term | null | undefined): Extract<Term, { t: 'string' }> | null {
  return term && term.t === 'string' && !term.interpolated && term.v.length > 0 ? term : null;
}

/**
 * The text of a string built only from literals: `"a"`, `"a" <> "b"`, `Enum.join(["a", "b"], "; ")`
 * (also piped). Null when any part is interpolated or computed at runtime.
 */
export function literalText(term: Term | null | undefined): string | null {
  if (!term) return null;
  if (term.t === 'string') return term.interpolated ? null : term.v;
  if (term.t === 'op' && term.op === '<>') {
    const l = literalText(term.left);
    const r = literalText(term.right);
    return l !== null && r !== null ? l + r : null;
  }
  if (term.t === 'call' && term.name === 'Enum.join') return joined(term.args[0], term.args[1]);
  if (term.t === 'op' && term.op === '|>' && term.right.t === 'call' && term.right.name === 'Enum.join') return joined(term.left, term.right.args[0]);
  return null;
}

function joined(list: Term | undefined, sep: Term | undefined): string | null {
  if (!list || list.t !== 'list') return null;
  const parts = list.items.map(literalText);
  if (parts.some((x) => x === null)) return null;
  const s = sep ? literalText(sep) : '';
  return s === null ? null : parts.join(s);
}

/** Literal strings of a list term, or null when the list is not literal. */
export function literalTextList(t: Term | undefined): string[] | null {
  if (!t || t.t !== 'list') return null;
  const out: string[] = [];
  for (const item of t.items) {
    const s = literalText(item);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

/** An integer built from literals (`8_000_000`, `100 * 1024 * 1024`), or null. */
export function literalInt(term: Term | null | undefined): number | null {
  if (!term) return null;
  if (term.t === 'int') return term.v;
  if (term.t === 'op' && ['*', '+', '-'].includes(term.op)) {
    const l = literalInt(term.left);
    const r = literalInt(term.right);
    if (l === null || r === null) return null;
    return term.op === '*' ? l * r : term.op === '+' ? l + r : l - r;
  }
  return null;
}
