/**
 * The port the endpoint listens on in prod: a literal in the config (`http: [port: 4000]`), an env var
 * the platform sets (`port: String.to_integer(System.get_env("PORT") || "4000")`), or — when the config
 * names no port — Phoenix's default 4000. Platform files must route to that port. The scan's `runtime`
 * facts decide first (they follow the config where it really goes: `||` chains, helpers, `init/2`);
 * the config's last prod setting is the fallback for profiles without them.
 */
import type { Profile } from '../scan/profile.js';
import { lastSet } from '../scan/config-query.js';
import { computed } from './computed.js';
import { envRoles } from './required-env.js';
import { runtimeWiring } from './runtime-wiring.js';

export type ListenPort = { kind: 'fixed'; port: number } | { kind: 'env'; name: string } | { kind: 'default'; port: 4000 };

export const listenPort = computed((profile: Profile): ListenPort => {
  const wiring = runtimeWiring(profile);
  const portVar = wiring.portVars.at(-1);
  if (profile.runtime?.portEnv && portVar) return { kind: 'env', name: portVar };
  if (wiring.fixedPort !== null) return { kind: 'fixed', port: wiring.fixedPort };
  const endpoint = profile.web?.endpointModule;
  if (endpoint && profile.facts?.config) {
    const app = profile.facts.endpoints?.find((e) => e.module === endpoint)?.otpApp ?? profile.web.otpApp;
    const set = lastSet(profile.facts, 'prod', app, endpoint, ['http', 'port']);
    if (set && set.value.t === 'int') return { kind: 'fixed', port: set.value.v };
  }
  if (profile.facts) {
    for (const [name, role] of envRoles(profile)) if (role === 'port') return { kind: 'env', name };
  }
  return { kind: 'default', port: 4000 };
});
