/**
 * The caching wrapper of the facts layer (Lighthouse's `computed/` artifacts): a derived fact is a pure
 * function of one gathered object — the Profile, a parsed Dockerfile, a fly.toml — computed the first
 * time a stage asks and then answered from a WeakMap keyed by that object, so the audit's rules, the
 * targets and the preflight share one answer per run and nothing holds a profile alive after it.
 *
 * The objects are never changed after the scan (a test that needs another profile spreads a new one),
 * and what a fact returns is shared by every caller: it is typed readonly where it is a list.
 */

/** A fact of one object, computed once per object. */
export function computed<K extends object, T>(derive: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, { value: T }>();
  return (key) => {
    const hit = cache.get(key);
    if (hit) return hit.value;
    const value = derive(key);
    cache.set(key, { value });
    return value;
  };
}

/** A fact of one object and a name (an env var, a dependency, a config path), computed once per pair. */
export function computedBy<K extends object, A, T>(derive: (key: K, arg: A) => T, argKey: (arg: A) => string = String): (key: K, arg: A) => T {
  const cache = new WeakMap<K, Map<string, { value: T }>>();
  return (key, arg) => {
    let byArg = cache.get(key);
    if (!byArg) {
      byArg = new Map();
      cache.set(key, byArg);
    }
    const k = argKey(arg);
    const hit = byArg.get(k);
    if (hit) return hit.value;
    const value = derive(key, arg);
    byArg.set(k, { value });
    return value;
  };
}
