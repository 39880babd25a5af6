import type { Profile } from '../scan/profile.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { TargetId } from '../model/ids.js';
import type { RenderOptions, TargetOutput } from '../model/plan.js';

export type { TargetId };

/** A deployment target: metadata plus a pure renderer (no I/O, deterministic). */
export interface Target {
  id: TargetId;
  title: string;
  description: string;
  /** Other targets whose files this one also writes (e.g. fly includes docker). */
  includes: TargetId[];
  /** Env vars the target's platform sets in every instance (the preflight counts them as provided). */
  platformEnv: readonly string[];
  render(profile: Profile, config: DeployConfig, options?: RenderOptions): TargetOutput;
}
