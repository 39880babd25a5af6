/** Docker Compose: the production release run locally with its database, Redis and migrations. */
import type { Target } from '../types.js';
import { COMPOSE_PLATFORM_ENV } from './model.js';
import { renderCompose } from './render.js';

export const target = {
  id: 'compose',
  title: 'Docker Compose (production-like local run)',
  description:
    'compose.yaml (compose.release.yaml beside a Compose file of the project\'s own) building the release image, with Postgres/MySQL and Redis behind health checks, a one-shot migrate service the app waits for, an app health check, and secrets as required placeholders.',
  includes: ['docker'],
  platformEnv: COMPOSE_PLATFORM_ENV,
  noHostingCost: 'compose runs the production release on a machine you already have (docker compose up): there is no hosting bill to estimate.',
  render: renderCompose,
} satisfies Target;
