/**
 * `plan(profile, config, target)`: renders a target and the targets it includes into one Plan.
 * Pure: no I/O. What the plan would do to the disk is decided by the writer (planWrites/planPatches).
 */
import type { Profile } from '../scan/profile.js';
import { targets } from '../targets/index.js';
import type { TargetRenderOptions } from '../targets/types.js';
import type { TargetId } from '../model/ids.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { GeneratedFile, Patch, Plan, RenderOptions } from '../model/plan.js';
import { portableEnvShPatch } from './env-sh-portable.js';

export function plan(profile: Profile, config: DeployConfig, targetId: TargetId, renderOptions: RenderOptions = {}): Plan {
  const target = targets[targetId];
  // github-actions asks the deploy target for its CI job through this lookup (targets never import each other's internals).
  const options: TargetRenderOptions = { ...renderOptions, deployJobFor: (id: TargetId) => targets[id]?.deployJob ?? null };
  const included = target.includes.map((id) => ({ id, out: targets[id].render(profile, config, { ...options, includedBy: targetId }) }));
  const own = target.render(profile, config, options);
  const parts = [...included, { id: targetId, out: own }];
  const files = new Map<string, GeneratedFile>();
  const patches = new Map<string, Patch>();
  const secrets = new Map<string, Plan['secrets'][number]>();
  const notes: string[] = [];
  for (const { out } of parts) {
    for (const f of out.files) files.set(f.path, f);
    for (const p of out.patches) patches.set(p.id, p);
    // The target's own spec wins (fly says DATABASE_URL comes from `fly mpg attach`), in first-seen order.
    // An included target does not know the platform: what the platform sets in every instance is no secret to set.
    for (const s of out.secrets) if (!target.platformEnv.includes(s.name)) secrets.set(s.name, s);
    for (const n of out.notes) if (!notes.includes(n)) notes.push(n);
  }
  // A kept Fly-only rel/env.sh.eex is the user's file on any target: the planner, not a target, offers its fix.
  const envSh = portableEnvShPatch(profile, targetId, [...files.values()], renderOptions.keptFiles);
  if (envSh) patches.set(envSh.id, envSh);
  // Resources and provisioning steps are the target's own: an included docker target builds nothing on Fly.
  const resources = own.resources.length || target.includes.length === 0 ? own.resources : parts.flatMap((p) => p.out.resources);
  return {
    target: targetId,
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    patches: [...patches.values()],
    resources,
    secrets: [...secrets.values()],
    steps: own.steps,
    notes,
  };
}
