/**
 * Reading config values the way they are written in real projects: a key set in a keyword list, as
 * a `{:key, value}` tuple in a list, on either side of `++`, through `Keyword.merge/put`, inside the
 * branches of an `if`/`case`; and what a value (or a branch condition) is when every environment
 * variable is unset — the default prod path.
 */
import type { ConfigGuard } from '../profile.js';
import { envReads, type Term } from '../term.js';

export interface Setting {
  value: Term;
  line: number;
  /** Found inside a branch (`if`, `case`, a function call): it may not apply. */
  inline: boolean;
  /** The conditions of the branches it was found in (inline `if`/`case` terms). */
  conds: Term[];
}

/** Every value set for `key` in a config value, in order. */
export function settingsOf(term: Term | null | undefined, key: string): Setting[] {
  const out: Setting[] = [];
  const visit = (t: Term, inline: boolean, conds: Term[], depth: number) => {
    if (depth > 12) return;
    switch (t.t) {
      case 'kw':
        for (const p of t.pairs) if (p.key === key) out.push({ value: p.value, line: p.line, inline, conds });
        break;
      case 'list':
        for (const item of t.items) {
          // `[{:http, opts} | rest]`: the head is an item of the list, the tail another list.
          const cons = item.t === 'op' && item.op === '|';
          const i = cons ? item.left : item;
          const [k, v] = i.t === 'tuple' && i.items.length === 2 ? i.items : [];
          if (k && v && mayBeAtom(k, key)) {
            out.push({ value: v, line: i.line, inline: inline || k.t !== 'atom', conds });
          } else if (i.t === 'kw' || i.t === 'list') visit(i, inline, conds, depth + 1);
          if (cons) visit(item.right, inline, conds, depth + 1);
        }
        break;
      case 'op':
        if (t.op === '++' || t.op === '|>' || t.op === '|') {
          visit(t.left, inline, conds, depth + 1);
          visit(t.right, inline, conds, depth + 1);
        } else if (t.op === '||' || t.op === '&&') {
          visit(t.left, true, conds, depth + 1);
          visit(t.right, true, conds, depth + 1);
        }
        break;
      case 'call': {
        if (t.name === 'Keyword.put' && (t.args.length === 2 || t.args.length === 3)) {
          // `Keyword.put(opts, :key, v)`, or piped: `opts |> Keyword.put(:key, v)`.
          const [opts, k, v] = t.args.length === 3 ? t.args : [undefined, ...t.args];
          if (opts) visit(opts, inline, conds, depth + 1);
          if (k && v && mayBeAtom(k, key)) out.push({ value: v, line: t.line, inline, conds });
          break;
        }
        if ((t.name === 'if' || t.name === 'unless') && t.args[0] && visitBranches(t.args[0], t.name === 'if', t.args.slice(1), conds, depth)) break;
        const branching = t.name === 'if' || t.name === 'unless' || t.name === 'case' || t.name === 'cond';
        const cond = branching && t.args[0] ? [...conds, t.args[0]] : conds;
        for (const a of t.args) visit(a, inline || !/^(Keyword\.merge|__block__|__do_block__|__else_block__|__stab_clause__|__body__)$/.test(t.name), cond, depth + 1);
        break;
      }
      default:
        break;
    }
  };
  /**
   * `if(cond, do: [socket_dir: …], else: [hostname: …])`: each branch's settings under the condition
   * that selects it (the else branch's negated), so a caller can keep the branch the default path takes.
   */
  const visitBranches = (cond: Term, isIf: boolean, rest: Term[], conds: Term[], depth: number): boolean => {
    const yes = branchOf(rest, true);
    const no = branchOf(rest, false);
    if (yes === null) return false;
    const negated: Term = { t: 'call', name: '!', args: [cond], line: cond.line };
    for (const x of yes) visit(x, true, [...conds, isIf ? cond : negated], depth + 1);
    for (const x of no ?? []) visit(x, true, [...conds, isIf ? negated : cond], depth + 1);
    return true;
  };
  visit(term ?? { t: 'nil', line: 0 }, false, [], 0);
  return out;
}

/** Whether every branch condition around a setting holds when the env vars are unset (null: cannot tell). */
export function onDefaultPath(s: Setting): boolean | null {
  let result: boolean | null = true;
  for (const c of s.conds) {
    const u = unsetValue(c);
    if (u === undefined) result = null;
    else if (!truthy(u.v)) return false;
  }
  return result;
}

/** An atom `:key`, or an expression that may evaluate to it (`if tls, do: :https, else: :http`). */
function mayBeAtom(t: Term, key: string): boolean {
  if (t.t === 'atom') return t.v === key;
  if (t.t === 'call' || t.t === 'op' || t.t === 'kw' || t.t === 'list') return atomsIn(t).includes(key);
  return false;
}

function atomsIn(t: Term, out: string[] = []): string[] {
  if (t.t === 'atom') out.push(t.v);
  else if (t.t === 'call') t.args.forEach((a) => atomsIn(a, out));
  else if (t.t === 'op') {
    atomsIn(t.left, out);
    atomsIn(t.right, out);
  } else if (t.t === 'kw') t.pairs.forEach((p) => atomsIn(p.value, out));
  else if (t.t === 'list' || t.t === 'tuple') t.items.forEach((i) => atomsIn(i, out));
  return out;
}

/** A value when every env var is unset: a literal, nil, or undefined when it cannot be told. */
export type Unset = { v: string | number | boolean | null } | undefined;

export function unsetValue(t: Term | null | undefined, depth = 0): Unset {
  if (!t || depth > 10) return undefined;
  switch (t.t) {
    case 'nil':
      return { v: null };
    case 'bool':
      return { v: t.v };
    case 'int':
    case 'float':
      return { v: t.v };
    case 'atom':
      return { v: `:${t.v}` };
    case 'string':
      return t.interpolated ? undefined : { v: t.v };
    case 'env':
      return t.default ? unsetValue(t.default, depth + 1) : { v: null };
    case 'op': {
      const l = unsetValue(t.left, depth + 1);
      if (t.op === '||') return l === undefined ? undefined : truthy(l.v) ? l : unsetValue(t.right, depth + 1);
      if (t.op === '&&') return l === undefined ? undefined : !truthy(l.v) ? l : unsetValue(t.right, depth + 1);
      const r = unsetValue(t.right, depth + 1);
      if (t.op === '==' || t.op === '===') return l && r ? { v: l.v === r.v } : undefined;
      if (t.op === '!=' || t.op === '!==') return l && r ? { v: l.v !== r.v } : undefined;
      if (t.op === 'in' || t.op === 'not in') {
        const items = t.right.t === 'list' ? t.right.items.map((i) => unsetValue(i, depth + 1)) : t.right.t === 'sigil' ? sigilWords(t.right.v).map((w) => ({ v: w })) : null;
        if (!l || !items || items.some((i) => i === undefined)) return undefined;
        const hit = items.some((i) => i?.v === l.v);
        return { v: t.op === 'in' ? hit : !hit };
      }
      return undefined;
    }
    case 'call': {
      if ((t.name === '!' || t.name === 'not') && t.args.length === 1) {
        const a = unsetValue(t.args[0], depth + 1);
        return a ? { v: !truthy(a.v) } : undefined;
      }
      if (t.name === 'String.to_integer' && t.args.length === 1) {
        const a = unsetValue(t.args[0], depth + 1);
        return a && typeof a.v === 'string' && /^\d+$/.test(a.v) ? { v: Number(a.v) } : a && a.v === null ? undefined : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export function truthy(v: string | number | boolean | null): boolean {
  return v !== null && v !== false;
}

function sigilWords(v: string): string[] {
  const m = /^~w.(.*).[a-z]*$/s.exec(v);
  return (m?.[1] ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Whether code under these conditions runs when every env var is unset: true, false, or null when a
 * condition depends on something else (a flag, a file, a computed value).
 */
export function runsWhenUnset(guards: readonly ConfigGuard[] | undefined): boolean | null {
  let result: boolean | null = true;
  for (const g of guards ?? []) {
    const r = guardRunsWhenUnset(g);
    if (r === false) return false;
    if (r === null) result = null;
  }
  return result;
}

function guardRunsWhenUnset(g: ConfigGuard): boolean | null {
  if (g.kind === 'other' || !g.cond) return null;
  if (g.kind === 'if') {
    const c = unsetValue(g.cond);
    return c === undefined ? null : truthy(c.v) === g.when;
  }
  if (g.kind === 'cond') {
    for (const e of g.earlier ?? []) {
      const c = unsetValue(e);
      if (c === undefined) return null;
      if (truthy(c.v)) return false;
    }
    const c = unsetValue(g.cond);
    return c === undefined ? null : truthy(c.v);
  }
  // case: the subject's value, matched against the earlier patterns, then this one.
  const subject = unsetValue(g.cond);
  if (subject === undefined) return null;
  for (const p of g.earlier ?? []) {
    const m = matches(p, subject.v);
    if (m === null) return null;
    if (m) return false;
  }
  return g.pattern ? matches(g.pattern, subject.v) : null;
}

/** Whether a case pattern matches a literal value: literals, `nil`, variables and `_`, `x when …` (undecided). */
function matches(p: Term, v: string | number | boolean | null): boolean | null {
  if (p.t === 'var') return true;
  if (p.t === 'op' && p.op === 'when') return null;
  const lit = unsetValue(p);
  if (lit === undefined) return null;
  return lit.v === v;
}

/** The env vars a term reads, by name (first occurrence order, dynamic names left out). */
export function envNames(t: Term | null | undefined): string[] {
  const out: string[] = [];
  for (const r of envReads(t)) if (r.name && !out.includes(r.name)) out.push(r.name);
  return out;
}

/**
 * Whether evaluating a term with every env var unset reaches a `raise`: through `if`/`unless`
 * (the branch its condition selects), `case` (the first clause whose pattern matches the subject),
 * `cond` and blocks. true, false, or null when a condition on the way cannot be told.
 */
export function raisesWhenUnset(t: Term, depth = 0): boolean | null {
  if (depth > 12 || t.t !== 'call') return false;
  if (t.name === 'raise' || t.name === 'Kernel.raise' || t.name === 'exit' || t.name === 'System.halt') return true;
  if (t.name === 'if' || t.name === 'unless') {
    const c = unsetValue(t.args[0]);
    if (c === undefined) return null;
    const takesDo = truthy(c.v) === (t.name === 'if');
    const branch = branchOf(t.args.slice(1), takesDo);
    return branch ? anyRaises(branch, depth) : false;
  }
  if (t.name === 'case') {
    const subject = unsetValue(t.args[0]);
    if (subject === undefined) return null;
    for (const clause of clausesOf(t.args[1])) {
      const m = matches(clause.pattern, subject.v);
      if (m === null) return null;
      if (m) return anyRaises(clause.body, depth);
    }
    return false;
  }
  if (/^__(block|do_block|body)__$/.test(t.name)) return anyRaises(t.args, depth);
  return false;
}

function anyRaises(ts: readonly Term[], depth: number): boolean | null {
  let result: boolean | null = false;
  for (const x of ts) {
    const r = raisesWhenUnset(x, depth + 1);
    if (r === true) return true;
    if (r === null) result = null;
  }
  return result;
}

/** The statements of the `do` (or `else`) branch of an `if` term: a do-block call or `do:`/`else:` keywords. */
export function branchOf(rest: readonly Term[], takesDo: boolean): Term[] | null {
  for (const r of rest) {
    if (r.t === 'kw') {
      const v = r.pairs.find((p) => p.key === (takesDo ? 'do' : 'else'))?.value;
      return v ? [v] : [];
    }
    if (r.t === 'call' && r.name === '__do_block__') {
      const elseBlock = r.args.find((a) => a.t === 'call' && a.name === '__else_block__');
      if (takesDo) return r.args.filter((a) => a !== elseBlock);
      return elseBlock && elseBlock.t === 'call' ? elseBlock.args : [];
    }
  }
  return null;
}

/** The clauses of a `case` do-block term: pattern and body statements. */
function clausesOf(block: Term | undefined): { pattern: Term; body: Term[] }[] {
  if (!block || block.t !== 'call' || block.name !== '__do_block__') return [];
  const out: { pattern: Term; body: Term[] }[] = [];
  for (const c of block.args) {
    if (c.t !== 'call' || c.name !== '__stab_clause__') continue;
    const [head, body] = c.args;
    const pattern = head?.t === 'call' && head.name === '__arguments__' && head.args.length === 1 ? (head.args[0] ?? null) : head?.t === 'op' && head.op === 'when' ? head : null;
    if (!pattern) continue;
    out.push({ pattern, body: body?.t === 'call' && body.name === '__body__' ? body.args : body ? [body] : [] });
  }
  return out;
}

/** The env vars an `if`/`case` term decides on (its condition or subject). */
export function decidingNames(t: Term): string[] {
  if (t.t !== 'call' || !['if', 'unless', 'case'].includes(t.name)) return [];
  return envNames(t.args[0]);
}
