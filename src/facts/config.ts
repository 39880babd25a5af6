/** Questions about the config calls that apply in prod. */
import { allSets, type SetValue } from '../scan/config-query.js';
import type { ConfigCall, Profile } from '../scan/profile.js';

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
