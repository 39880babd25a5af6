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
    if (cur.t === 'kw') {
      const pair = [...cur.pairs].reverse().find((p) => p.key === k);
      if (!pair) return null;
      cur = pair.value;
      line = pair.line;
    } else if (cur.t === 'map') {
      const pair = cur.pairs.find((p) => (p.key.t === 'atom' || p.key.t === 'string') && p.key.v === k);
      if (!pair) return null;
      cur = pair.value;
      line = pair.line;
    } else return null;
  }
  return { value: cur, line };
}
