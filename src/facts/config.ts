/** Questions about the config calls that apply in prod. */
import { allSets, type SetValue } from '../scan/config-query.js';
import type { ConfigCall, ConfigGuard, ConfigProviderRef, Profile } from '../scan/profile.js';
import { runsWhenUnset } from '../scan/runtime/terms.js';
import type { Term } from '../scan/term.js';

/**
 * A config call written for prod: in config.exs (every env, imports included), prod.exs,
 * prod.secret.exs or a prod branch of runtime.exs. Narrower than `appliesToProd` (facts/project.ts):
 * a call under a condition that includes prod among other environments (`if config_env() != :dev`) is
 * not one.
 */
export function isProdConfig(c: ConfigCall): boolean {
  return c.env === 'all' || c.env === 'prod';
}

/** The first unconditional prod set of the same app/key/path after `after` (it replaces that call's value), or null. */
export function laterUnconditionalSet(p: Profile, app: string, key: string | null, path: string[], after: ConfigCall): SetValue | null {
  const sets = allSets(p.facts, 'prod', app, key, path);
  const i = sets.findIndex((s) => s.call === after);
  if (i < 0) return null;
  return sets.slice(i + 1).find((s) => !s.call.conditional) ?? null;
}

/**
 * What replaces a prod value set by `after` before the app uses it:
 * - `set`: a later set that runs in prod: unconditional, on the path prod takes with its variables
 *   unset (`if System.get_env("APP_ROLE", "all") in ["all", "web"]`), or under a condition that only
 *   tests a value the config requires (`if url = fetch_env!(…)`: otherwise the boot stops);
 * - `provider`: nothing in the repository, but the release loads config at boot through a config
 *   provider (a file kept on the server) after the build-time config: likely overridden there.
 */
export type ProdOverride = { kind: 'set'; set: SetValue } | { kind: 'provider'; provider: ConfigProviderRef };

export function prodOverride(p: Profile, app: string, key: string | null, path: string[], after: ConfigCall): ProdOverride | null {
  const sets = allSets(p.facts, 'prod', app, key, path);
  const i = sets.findIndex((s) => s.call === after);
  if (i < 0) return null;
  const set = sets.slice(i + 1).find((s) => !s.call.conditional || runsWhenUnset(s.call.guards) === true || ((s.call.guards?.length ?? 0) > 0 && s.call.guards!.every(testsRequiredValue)));
  if (set) return { kind: 'set', set };
  if (after.runtime || p.runtime.deployMode !== 'release') return null;
  const provider = p.facts.projects.flatMap((m) => m.releases.flatMap((r) => r.configProviders))[0];
  return provider ? { kind: 'provider', provider } : null;
}

/** `if value = fetch!(…)` / `if fetch!(…)`: the branch is skipped only when a required value is set to nil or false. */
function testsRequiredValue(g: ConfigGuard): boolean {
  if (g.kind !== 'if' || g.when !== true || !g.cond) return false;
  const c = g.cond;
  if (c.t === 'op' && c.op === '=') return isRequiredRead(c.right) || isRequiredRead(c.left);
  return isRequiredRead(c);
}

/** `System.fetch_env!("X")`, `System.get_env("X") || raise …`, or a bang helper (`env_var_to_config!(:x)`, `Dotenvy.env!/2`). */
function isRequiredRead(t: Term): boolean {
  if (t.t === 'env') return t.required;
  return t.t === 'call' && t.name.endsWith('!') && t.args.length > 0;
}
