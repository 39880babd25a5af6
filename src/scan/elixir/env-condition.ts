/**
 * Which Mix environments a compile-time condition selects: `Mix.env() == :prod`,
 * `config_env() in [:dev, :test]`, `Application.compile_env(:app, :env) !== :dev`,
 * `Application.compile_env(:app, :dev_routes)`, `code_reloading?`, `and`/`or`/`not` of those.
 *
 * The condition is evaluated once per environment with three-valued logic (true, false, unknown).
 * Config lookups go through a resolver that answers what config sets for that environment. Env
 * vars read in the condition itself are unknown; read while evaluating a build-time config value
 * they take their defaults (what a plain build sees).
 */
import type { MixEnv } from '../profile.js';
import type { Term } from '../term.js';

export const MIX_ENVS: readonly MixEnv[] = ['dev', 'test', 'prod'];

/**
 * What config sets for `app`/`key` in `env` (`config :app, key: value`), or undefined when unset;
 * `runtime` when the value is set by runtime config (its env reads are then unknown, not defaults).
 */
export type ConfigResolver = (app: string, key: string, env: MixEnv) => { value: Term; runtime: boolean } | undefined;

export interface EnvSelection {
  /** Environments where the condition holds (or may hold). */
  envs: MixEnv[];
  /** False when some environment could not be decided (the condition also tests something else). */
  exact: boolean;
  /** The condition's value in each environment: true, false, or null (undecided). */
  truths: Record<MixEnv, boolean | null>;
}

type Value =
  | { k: 'atom'; v: string }
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'nil' }
  | { k: 'list'; items: Value[] };

const ENV_CALLS = new Set(['Mix.env', 'config_env', 'Config.config_env']);
const CONFIG_CALLS = new Set(['Application.compile_env', 'Application.compile_env!', 'Application.get_env', 'Application.fetch_env!']);
const NOT_OPS = new Set(['not', '!']);

/**
 * The environments a condition selects, or null when the condition does not depend on the
 * environment at all (it tests something else entirely).
 */
export function envSelection(cond: Term, resolve: ConfigResolver | null = null, extra: Record<string, (env: MixEnv) => boolean | null> = {}): EnvSelection | null {
  if (!mentionsEnv(cond, resolve !== null, extra)) return null;
  const envs: MixEnv[] = [];
  let exact = true;
  const truths: Record<MixEnv, boolean | null> = { dev: null, test: null, prod: null };
  for (const env of MIX_ENVS) {
    const r = truth(cond, env, resolve, extra, 0);
    truths[env] = r;
    if (r === null) exact = false;
    // An undecided environment may run the code: keep it, flagged inexact.
    if (r !== false) envs.push(env);
  }
  return { envs, exact, truths };
}

/** True when the code guarded by `cond` runs in prod for sure (decided, not merely possible). */
export function holdsInProd(cond: Term, resolve: ConfigResolver | null = null, extra: Record<string, (env: MixEnv) => boolean | null> = {}): boolean | null {
  return truth(cond, 'prod', resolve, extra, 0);
}

function mentionsEnv(t: Term, withConfig: boolean, extra: Record<string, unknown>): boolean {
  switch (t.t) {
    case 'call':
      if (ENV_CALLS.has(t.name) || (withConfig && CONFIG_CALLS.has(t.name)) || Object.hasOwn(extra, t.name)) return true;
      return t.args.some((a) => mentionsEnv(a, withConfig, extra));
    case 'var':
      return Object.hasOwn(extra, t.name);
    case 'op':
      return mentionsEnv(t.left, withConfig, extra) || mentionsEnv(t.right, withConfig, extra);
    default:
      return false;
  }
}

function truth(t: Term, env: MixEnv, resolve: ConfigResolver | null, extra: Record<string, (env: MixEnv) => boolean | null>, depth: number): boolean | null {
  if (t.t === 'op') {
    switch (t.op) {
      case 'and':
      case '&&': {
        const a = truth(t.left, env, resolve, extra, depth);
        if (a === false) return false;
        const b = truth(t.right, env, resolve, extra, depth);
        if (b === false) return false;
        return a === true && b === true ? true : null;
      }
      case 'or':
      case '||': {
        const a = truth(t.left, env, resolve, extra, depth);
        if (a === true) return true;
        const b = truth(t.right, env, resolve, extra, depth);
        if (b === true) return true;
        return a === false && b === false ? false : null;
      }
      default:
        break;
    }
  }
  const [only, ...more] = t.t === 'call' ? t.args : [];
  if (t.t === 'call' && NOT_OPS.has(t.name) && only && more.length === 0) {
    const r = truth(only, env, resolve, extra, depth);
    return r === null ? null : !r;
  }
  // A flag the caller decides per environment (`code_reloading?`): a variable, or a call without arguments.
  const flag = (t.t === 'var' || (t.t === 'call' && t.args.length === 0)) && Object.hasOwn(extra, t.name) ? extra[t.name] : undefined;
  if (flag) return flag(env);
  const v = value(t, env, resolve, depth);
  return v === null ? null : truthy(v);
}

function truthy(v: Value): boolean {
  return !(v.k === 'nil' || (v.k === 'bool' && !v.v));
}

function equal(a: Value, b: Value): boolean {
  if (a.k !== b.k) return false;
  if (a.k === 'nil') return true;
  if (a.k === 'list' && b.k === 'list') {
    return (
      a.items.length === b.items.length &&
      a.items.every((x, i) => {
        const y = b.items[i];
        return y !== undefined && equal(x, y);
      })
    );
  }
  return 'v' in a && 'v' in b && a.v === b.v;
}

/** The value of a term in `env`, or null when it cannot be known statically. */
function value(t: Term, env: MixEnv, resolve: ConfigResolver | null, depth: number, envDefaults = false): Value | null {
  switch (t.t) {
    case 'atom':
      return t.v === 'true' || t.v === 'false' ? { k: 'bool', v: t.v === 'true' } : t.v === 'nil' ? { k: 'nil' } : { k: 'atom', v: t.v };
    case 'string':
      return t.interpolated ? null : { k: 'str', v: t.v };
    case 'int':
    case 'float':
      return { k: 'num', v: t.v };
    case 'bool':
      return { k: 'bool', v: t.v };
    case 'nil':
      return { k: 'nil' };
    case 'list': {
      const items = t.items.map((i) => value(i, env, resolve, depth, envDefaults));
      return items.every((i): i is Value => i !== null) ? { k: 'list', items } : null;
    }
    case 'sigil':
      return wordList(t.v);
    case 'env':
      // In a build-time config value, a plain build: the variable is unset, so the read is its default.
      if (!envDefaults) return null;
      return t.default ? value(t.default, env, resolve, depth, envDefaults) : t.required ? null : { k: 'nil' };
    case 'call':
      return callValue(t, env, resolve, depth, envDefaults);
    case 'op':
      return opValue(t, env, resolve, depth, envDefaults);
    default:
      return null;
  }
}

/** `~w(a b)` word lists, `~w(a b)a` atoms; null for other sigils. */
function wordList(sigil: string): Value | null {
  const m = /^~w(?:\((.*)\)|\[(.*)\]|\{(.*)\}|"(.*)"|\|(.*)\||\/(.*)\/)([a-z]*)$/s.exec(sigil);
  if (!m) return null;
  const body = m.slice(1, 7).find((x) => x !== undefined) ?? '';
  const atoms = (m[7] ?? '').includes('a');
  const words = body.split(/\s+/).filter(Boolean);
  return { k: 'list', items: words.map((w) => (atoms ? { k: 'atom', v: w } : { k: 'str', v: w })) };
}

/** `config_env()`, a config value read back (`Application.compile_env(:app, :key)`), `not x`. */
function callValue(t: Extract<Term, { t: 'call' }>, env: MixEnv, resolve: ConfigResolver | null, depth: number, envDefaults: boolean): Value | null {
  const [first, second, third] = t.args;
  if (ENV_CALLS.has(t.name) && t.args.length === 0) return { k: 'atom', v: env };
  if (CONFIG_CALLS.has(t.name) && resolve && depth < 4) {
    const app = first?.t === 'atom' ? first.v : null;
    const key = second?.t === 'atom' ? second.v : null;
    if (!app || !key) return null;
    const set = resolve(app, key, env);
    if (set) return value(set.value, env, resolve, depth + 1, !set.runtime);
    // Unset at compile time is nil for sure; a runtime read may see a value set elsewhere (a
    // config provider, a secret file not in the repository).
    if (!t.name.startsWith('Application.compile_env')) return null;
    return third ? value(third, env, resolve, depth, envDefaults) : { k: 'nil' };
  }
  if (NOT_OPS.has(t.name) && first && t.args.length === 1) {
    const r = truth(first, env, resolve, {}, depth);
    return r === null ? null : { k: 'bool', v: !r };
  }
  return null;
}

/** `a || b`, `a && b` (short-circuit, as Elixir), comparisons and `in`. */
function opValue(t: Extract<Term, { t: 'op' }>, env: MixEnv, resolve: ConfigResolver | null, depth: number, envDefaults: boolean): Value | null {
  const l = value(t.left, env, resolve, depth, envDefaults);
  if (t.op === '||' || t.op === 'or') {
    if (l && truthy(l)) return l;
    const r = value(t.right, env, resolve, depth, envDefaults);
    return l && r ? r : null;
  }
  if (t.op === '&&' || t.op === 'and') {
    if (l && !truthy(l)) return l;
    const r = value(t.right, env, resolve, depth, envDefaults);
    return l && r ? r : null;
  }
  const r = value(t.right, env, resolve, depth, envDefaults);
  if (!l || !r) return null;
  switch (t.op) {
    case '==':
    case '===':
      return { k: 'bool', v: equal(l, r) };
    case '!=':
    case '!==':
      return { k: 'bool', v: !equal(l, r) };
    case 'in':
      return r.k === 'list' ? { k: 'bool', v: r.items.some((i) => equal(i, l)) } : null;
    case 'not in':
      return r.k === 'list' ? { k: 'bool', v: !r.items.some((i) => equal(i, l)) } : null;
    default:
      return null;
  }
}
