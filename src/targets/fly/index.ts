/**
 * Target `fly`: Fly.io Machines running the docker target's image (fly.toml, Fly resources, flyctl steps).
 * Metadata only; see model.ts, render.ts and provision.ts.
 */
import type { Target } from '../types.js';
import { flyDeployJob } from './ci-deploy.js';
import { FLY_PLATFORM_ENV, flyRegion } from './model.js';
import { renderFly } from './render.js';

export { renderFly };

export const target = {
  id: 'fly',
  title: 'Fly.io',
  description: 'Fly Machines running the release image: fly.toml with health checks and migrations, Managed Postgres, Upstash Redis, Tigris and volumes as needed.',
  includes: ['docker'],
  platformEnv: FLY_PLATFORM_ENV,
  region: flyRegion,
  deployJob: (_profile, _config, ctx) => flyDeployJob(ctx),
  render: renderFly,
} satisfies Target;
