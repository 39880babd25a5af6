/**
 * The literal strings a config value can come out as, and when: a value read from the environment
 * with a committed fallback (`System.get_env("SECRET_KEY_BASE") || "…"`, `get_env("X", "…")`), or a
 * literal in one branch of an `if` on another variable (`if System.get_env("RUN_CONTEXT") ==
 * "selfhosted", do: "…", else: raise …`). Conditions on the environment (`config_env()`, `Mix.env()`)
 * are left to the config reader: a value under one is not followed.
 */
import { branchOf, envNames, truthy, unsetValue } from '../scan/runtime/terms.js';
import type { Term } from '../scan/term.js';

export interface FallbackLiteral {
  value: Extract<Term, { t: 'string' }>;
  /** true: what prod gets with the variables unset; false: only when a variable has a particular value. */
  onDefault: boolean;
  /** The variables whose values lead to it. */
  env: string[];
}

export function fallbackLiterals(t: Term, onDefault = true, env: string[] = [], depth = 0): FallbackLiteral[] {
  if (depth > 10) return [];
  switch (t.t) {
    case 'string':
      return t.interpolated || t.v.length === 0 ? [] : [{ value: t, onDefault, env }];
    case 'env':
      return t.default && t.name ? fallbackLiterals(t.default, onDefault, [...env, t.name], depth + 1) : [];
    case 'op':
      if (t.op !== '||') return [];
      return [...fallbackLiterals(t.left, false, env, depth + 1), ...fallbackLiterals(t.right, onDefault, [...env, ...envNames(t.left)], depth + 1)];
    case 'call':
      return t.name === 'if' || t.name === 'unless' ? ifLiterals(t, onDefault, env, depth) : [];
    default:
      return [];
  }
}

function ifLiterals(t: Extract<Term, { t: 'call' }>, onDefault: boolean, env: string[], depth: number): FallbackLiteral[] {
  const [cond, ...rest] = t.args;
  if (!cond || mentionsEnvironment(cond)) return [];
  const c = unsetValue(cond);
  const takesDoWhenUnset = c === undefined ? null : truthy(c.v) === (t.name === 'if');
  const names = [...env, ...envNames(cond)];
  const out: FallbackLiteral[] = [];
  for (const takesDo of [true, false]) {
    const branch = branchOf(rest, takesDo) ?? [];
    const last = branch.at(-1);
    if (last) out.push(...fallbackLiterals(last, onDefault && takesDoWhenUnset === takesDo, names, depth + 1));
  }
  return out;
}

function mentionsEnvironment(t: Term): boolean {
  if (t.t === 'call') return t.name === 'config_env' || t.name === 'Mix.env' || t.args.some(mentionsEnvironment);
  if (t.t === 'op') return mentionsEnvironment(t.left) || mentionsEnvironment(t.right);
  return false;
}
