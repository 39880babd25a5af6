/**
 * Compile-time config lookups for conditions in code: `Application.compile_env(:app, :key)` in a
 * module body reads what config.exs and `<env>.exs` set for that environment (runtime.exs does not
 * exist yet at compile time).
 */
import { lastSet } from './config-query.js';
import type { ConfigResolver } from './elixir/env-condition.js';
import type { ConfigCall } from './profile.js';

export function configResolver(calls: readonly ConfigCall[]): ConfigResolver {
  const set = { config: calls };
  return (app, key, env) => {
    // `config :app, key: value` and `config :app, :key, value` set the same thing: the later call wins.
    const inList = lastSet(set, env, app, null, [key], 'build');
    const own = lastSet(set, env, app, key, [], 'build');
    const hit = inList && own ? (calls.indexOf(own.call) > calls.indexOf(inList.call) ? own : inList) : (inList ?? own);
    return hit ? { value: hit.value, runtime: false } : undefined;
  };
}
