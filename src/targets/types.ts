import type { Profile } from '../scan/profile.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { TargetId } from '../model/ids.js';
import type { RenderOptions, TargetOutput } from '../model/plan.js';

import type { DeployJobBuilder } from './shared/ci-steps.js';

export type { TargetId };

/** Render options the planner adds: a way to ask another target for its CI deploy job (github-actions uses it). */
export interface TargetRenderOptions extends RenderOptions {
  deployJobFor?: (id: TargetId) => DeployJobBuilder | null;
  /**
   * Set when this target is rendered as part of another (docker inside fly): notes about the platform
   * (which env vars to pass, what the health check does) are then the including target's to write.
   */
  includedBy?: TargetId;
}

/** A deployment target: metadata plus a pure renderer (no I/O, deterministic). */
export interface Target {
  id: TargetId;
  title: string;
  description: string;
  /** Other targets whose files this one also writes (e.g. fly includes docker). */
  includes: TargetId[];
  /** Env vars the target's platform sets in every instance (the preflight counts them as provided). */
  platformEnv: readonly string[];
  /**
   * The provider region this target deploys to, valid for its provider (config.region when it is one,
   * else the provider's default); absent when the target has no region (k8s, systemd, docker…).
   */
  region?: (config: Pick<DeployConfig, 'region'>) => string;
  /** Why the target has no hosting bill of its own, for a target with no price tables (`cost --target docker` says it). */
  noHostingCost?: string;
  /**
   * The target builds the release itself and, when the project keeps a Fly-only `rel/env.sh.eex`, skips
   * its Fly part in the built release (systemd's deploy.sh): the preflight then warns instead of refusing.
   */
  guardsFlyEnvShInBuild?: boolean;
  /** The job deploy.yml runs for this target (build, push, migrate, roll out), when CI can deploy it. */
  deployJob?: DeployJobBuilder;
  render(profile: Profile, config: DeployConfig, options?: TargetRenderOptions): TargetOutput;
}
