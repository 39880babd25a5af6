/** Ids shared by every stage. The one list of deployment targets; `TargetId` is derived from it. */

/** Every deployment target id, in display order. The target registry is generated from src/targets/<id>/ and checked against this list. */
export const TARGET_IDS = ['docker', 'fly', 'k8s', 'cloudrun', 'aws', 'systemd', 'github-actions', 'compose', 'render', 'gigalixir'] as const;

export type TargetId = (typeof TARGET_IDS)[number];

export function isTargetId(id: string): id is TargetId {
  return TARGET_IDS.some((t) => t === id);
}
