/**
 * Questions over the gathered config calls, answered the way `Config` merges them: later calls win,
 * keyword lists merge deeply. Used by the scan summary, the audit rules and the targets.
 */
import type { ConfigCall, Evidence } from './profile.js';
import type { Term } from './term.js';

export type Phase = 'build' | 'runtime' | 'any';

/** Anything holding the gathered config calls (the Facts, or a scan still gathering them). */
export interface ConfigSet {
  readonly config: readonly ConfigCall[];
}

/** Calls that apply in `env` (config.exs + <env>.exs, then runtime), in evaluation order. */
export function callsFor(facts: ConfigSet, env: 'prod' | 'dev' | 'test', app: string, key: string | null, phase: Phase = 'any'): ConfigCall[] {
  return facts.config.filter(
    (c) =>
      c.app === app &&
      c.key === key &&
      c.envs.includes(env) &&
      (phase === 'any' || (phase === 'runtime' ? c.runtime : !c.runtime)),
  );
}

export interface SetValue {
  value: Term;
  call: ConfigCall;
  evidence: Evidence;
}

/**
 * The last value set for a keyword path (`['http', 'ip']`) across the calls that apply in `env`,
 * with the call that set it. Unconditional calls win over earlier ones; conditional ones are
 * considered too (the app may set it only when a variable is present).
 */
export function lastSet(facts: ConfigSet, env: 'prod' | 'dev' | 'test', app: string, key: string | null, path: string[], phase: Phase = 'any'): SetValue | null {
  let found: SetValue | null = null;
  for (const call of callsFor(facts, env, app, key, phase)) {
    const hit = pathIn(call.opts, path);
    if (hit) found = { value: hit.value, call, evidence: { file: call.file, line: hit.line ?? call.line } };
  }
  return found;
}

/** Every value set for the path in `env` (each call that sets it), in order. */
export function allSets(facts: ConfigSet, env: 'prod' | 'dev' | 'test', app: string, key: string | null, path: string[], phase: Phase = 'any'): SetValue[] {
  const out: SetValue[] = [];
  for (const call of callsFor(facts, env, app, key, phase)) {
    const hit = pathIn(call.opts, path);
    if (hit) out.push({ value: hit.value, call, evidence: { file: call.file, line: hit.line ?? call.line } });
  }
  return out;
}

function pathIn(term: Term, path: string[]): { value: Term; line: number | null } | null {
  if (path.length === 0) return { value: term, line: term.line };
  let cur: Term = term;
  let line: number | null = null;
  for (const k of path) {
    const pair = keyIn(cur, k, 0);
    if (!pair) return null;
    cur = pair.value;
    line = pair.line;
  }
  return { value: cur, line };
}

/**
 * The value of `key` in a keyword list or map, also when the list is built from parts the way
 * config files build them: `listener ++ [secret_key_base: …]`, `Keyword.merge(defaults, [port: …])`,
 * `Keyword.put(opts, :key, value)`. The later part wins.
 */
function keyIn(cur: Term, key: string, depth: number): { value: Term; line: number } | null {
  if (depth > 8) return null;
  if (cur.t === 'kw') return [...cur.pairs].reverse().find((p) => p.key === key) ?? null;
  if (cur.t === 'map') return cur.pairs.find((p) => (p.key.t === 'atom' || p.key.t === 'string') && p.key.v === key) ?? null;
  if (cur.t === 'op' && cur.op === '++') return keyIn(cur.right, key, depth + 1) ?? keyIn(cur.left, key, depth + 1);
  if (cur.t === 'call' && (cur.name === 'Keyword.merge' || cur.name === 'Map.merge') && cur.args.length === 2) return keyIn(cur.args[1]!, key, depth + 1) ?? keyIn(cur.args[0]!, key, depth + 1);
  if (cur.t === 'call' && (cur.name === 'Keyword.put' || cur.name === 'Map.put') && cur.args.length === 3) {
    const [base, k, value] = cur.args as [Term, Term, Term];
    if (k.t === 'atom' && k.v === key) return { value, line: value.line };
    return keyIn(base, key, depth + 1);
  }
  return null;
}
