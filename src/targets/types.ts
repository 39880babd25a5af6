import type { Profile } from '../scan/profile.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { TargetId } from '../model/ids.js';
import type { TargetOutput } from '../model/plan.js';

export type { TargetId };

/** A deployment target: metadata plus a pure renderer (no I/O, deterministic). */
export interface Target {
  id: TargetId;
  title: string;
  description: string;
  /** Other targets whose files this one also writes (e.g. fly includes docker). */
  includes: TargetId[];
  render(profile: Profile, config: DeployConfig): TargetOutput;
}
