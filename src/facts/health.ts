/**
 * What a platform's health check can ask for: a path the app serves now, a path the health-route
 * patch adds (only when that patch is applied), or nothing over HTTP — then the check is a TCP
 * connect to the port, which proves the endpoint listens without asking for a route that does not exist.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile } from '../scan/profile.js';

export type HealthCheck =
  | { kind: 'http'; path: string; via: 'served' | 'patch' }
  | { kind: 'tcp'; /** The path a patch would add. */ wanted: string; /** Why, as a clause a note puts after "because" (it does not say what the check does). */ reason: string };

/** What a note on a TCP check ends with: how to get an HTTP check instead. */
export const TCP_CHECK_HINT = 'apply the patch with --apply-patches for an HTTP check';

/** The patch id that adds the health route (targets/docker/health.ts). */
export const HEALTH_PATCH_ID = 'health-route';

export function healthCheck(profile: Profile, config: DeployConfig, acceptedPatches: ReadonlySet<string>): HealthCheck {
  const served = profile.health?.path ?? null;
  const wanted = config.health.path;
  if (served !== null && (served === wanted || !acceptedPatches.has(HEALTH_PATCH_ID))) return { kind: 'http', path: served, via: 'served' };
  if (acceptedPatches.has(HEALTH_PATCH_ID) && profile.facts.routers.length > 0) return { kind: 'http', path: wanted, via: 'patch' };
  return {
    kind: 'tcp',
    wanted,
    reason: `the app serves no health route and the patch adding ${wanted} is not applied`,
  };
}
