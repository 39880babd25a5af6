import type { Profile } from '../scan/profile.js';
import type { DeployConfig } from '../plan/config-types.js';
import type { TargetOutput } from '../plan/types.js';

export type TargetId = 'docker' | 'fly' | 'k8s' | 'cloudrun' | 'systemd' | 'github-actions' | 'compose';

/** A deployment target: metadata plus a pure renderer (no I/O, deterministic). */
export interface Target {
  id: TargetId;
  title: string;
  description: string;
  /** Other targets whose files this one also writes (e.g. fly includes docker). */
  includes: TargetId[];
  render(profile: Profile, config: DeployConfig): TargetOutput;
}
