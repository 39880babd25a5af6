/** Price a target for a project: render its plan, then estimate the plan's resources with the config's assumptions. */
import type { DeployConfig } from '../model/deploy-config.js';
import { plan } from '../plan/planner.js';
import type { Profile } from '../scan/profile.js';
import type { TargetId } from '../model/ids.js';
import { assumptionsFromConfig } from './assumptions.js';
import { estimate } from './estimate.js';
import type { Estimate } from './types.js';

import { orderedPricings } from './pricings.js';

/** Targets that provision something and so have a price (a cost.ts in their folder), in `cost --compare` order. */
export const PRICED_TARGETS: readonly TargetId[] = orderedPricings.map((e) => e.target);

export function estimateTarget(profile: Profile, config: DeployConfig, target: TargetId): Estimate {
  return estimate(plan(profile, config, target).resources, assumptionsFromConfig(config.cost), target);
}
