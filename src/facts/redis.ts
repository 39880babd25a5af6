/**
 * Whether the deployment needs Redis: phoenix-ops.yaml's choice, or — when `auto` — whether the app
 * talks to it in prod (a Redis PubSub adapter, a Redis client or Redis-backed library among the prod
 * deps, or a REDIS_URL its runtime config reads). One answer for init, the planner and every target.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile } from '../scan/profile.js';
import { hasProdDep } from './project.js';
import { computed } from './computed.js';

/** Deps that mean the app talks to Redis (exact names; a substring match on "redis" misfires). */
export const REDIS_DEPS = ['redix', 'phoenix_pubsub_redis', 'exq', 'hammer_backend_redis', 'verk', 'rihanna_redis', 'cachex_redis', 'redis_mutex', 'eredis'] as const;

/** Why the app uses Redis, or null when it does not. */
export const redisUse = computed((profile: Profile): string | null => {
  if (profile.pubsub === 'redis') return 'the PubSub adapter is Redis';
  const dep = REDIS_DEPS.find((d) => hasProdDep(profile, d));
  if (dep) return `${dep} is a prod dependency`;
  if (profile.runtimeConfig.env.some((v) => v.name === 'REDIS_URL')) return 'the runtime config reads REDIS_URL';
  return null;
});

export function needsRedis(profile: Profile, config: Pick<DeployConfig, 'redis'>): boolean {
  return config.redis.enabled === 'auto' ? redisUse(profile) !== null : config.redis.enabled;
}
