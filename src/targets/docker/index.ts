/**
 * Target `docker`: a release image any container platform can run (Dockerfile, .dockerignore, release
 * overlay scripts, rel/env.sh.eex, a release module when an Ecto app lacks one, the health route patch).
 * Other targets include it. Metadata only; see model.ts and render.ts.
 */
import { generatedDockerfile } from '../../facts/dockerfile.js';
import type { Target } from '../types.js';
import { dockerDeployJob } from './ci-deploy.js';
import { DOCKER_PLATFORM_ENV } from './model.js';
import { renderDocker } from './render.js';

export { renderDocker };

export const target = {
  id: 'docker',
  title: 'Docker image',
  description: 'A multi-stage Dockerfile building a Mix release on hexpm/elixir and running it on Debian slim as nobody, with release scripts and migrations.',
  includes: [],
  platformEnv: DOCKER_PLATFORM_ENV,
  noHostingCost: 'A bare Docker image has no hosting cost of its own: it costs what the platform that runs it charges.',
  deployJob: (profile, _config, ctx) => dockerDeployJob(ctx, generatedDockerfile(profile)),
  render: renderDocker,
} satisfies Target;
