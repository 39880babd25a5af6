/**
 * Target `render`: a Render Blueprint (render.yaml) running the docker target's image as a web service,
 * with Render Postgres, Key Value and a disk as the app needs. Metadata only; see model.ts and render.ts.
 */
import type { Target } from '../types.js';
import { RENDER_PLATFORM_ENV } from './model.js';
import { renderRender } from './render.js';

export { renderRender };

export const target = {
  id: 'render',
  title: 'Render',
  description: 'A render.yaml Blueprint: a Docker web service with a health check and pre-deploy migrations, Render Postgres, Key Value and a persistent disk as needed.',
  includes: ['docker'],
  platformEnv: RENDER_PLATFORM_ENV,
  render: renderRender,
} satisfies Target;
