/**
 * `.dockerignore`: keeps build artifacts, dependencies, tests and local secrets out of the build
 * context (smaller uploads, better caching, no `.env` in a layer). Assets are rebuilt in the image,
 * so built static files are excluded too. The list is templates/dockerignore.eta.
 */
import type { DockerBuild } from './model.js';
import { dockerignore } from './templates/index.js';

export function renderDockerignore(b: DockerBuild): string {
  return dockerignore.render({ umbrella: b.umbrella });
}
