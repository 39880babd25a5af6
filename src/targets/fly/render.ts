/**
 * The fly target's renderer: Fly.io Machines running the docker target's image. Renders fly.toml, the Fly
 * resources (machines, volume, Postgres, Redis, Tigris, egress) and the flyctl steps; the planner
 * adds the docker target's files (Dockerfile, release scripts, rel/env.sh.eex, which also makes
 * clustering work on Fly).
 */
import { count } from '../../model/plural.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions, TargetOutput } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { flyContext } from './model.js';
import { renderFlyToml } from './fly-toml.js';
import { flyResources, flySecrets, flySteps } from './provision.js';

export function renderFly(profile: Profile, config: DeployConfig, options: RenderOptions = {}): TargetOutput {
  const c = flyContext(profile, config, options);
  return {
    files: [{ path: 'fly.toml', content: renderFlyToml(c), description: `Fly.io app ${c.f.app}: ${count(c.count, 'machine')} in ${config.region}, HTTP service on ${c.f.port}, health check ${c.f.healthPath ? `at ${c.f.healthPath}` : 'over TCP'}` }],
    patches: [],
    resources: flyResources(c),
    secrets: flySecrets(c),
    steps: flySteps(c),
    notes: c.notes,
  };
}
