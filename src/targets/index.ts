/** The target registry: one folder per target (`src/targets/<id>/index.ts`); a test checks this list matches the folders. */
import { target as cloudrun } from './cloudrun/index.js';
import { target as compose } from './compose/index.js';
import { target as docker } from './docker/index.js';
import { target as fly } from './fly/index.js';
import { target as githubActions } from './github-actions/index.js';
import { target as k8s } from './k8s/index.js';
import { target as systemd } from './systemd/index.js';
import type { Target, TargetId } from './types.js';

export const targets: Readonly<Record<TargetId, Target>> = {
  docker,
  fly,
  k8s,
  cloudrun,
  systemd,
  'github-actions': githubActions,
  compose,
};

export const TARGET_IDS = Object.keys(targets) as TargetId[];

export function isTargetId(id: string): id is TargetId {
  return Object.prototype.hasOwnProperty.call(targets, id);
}
