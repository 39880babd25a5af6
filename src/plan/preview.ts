/**
 * What `plan` shows and `generate` carries out: the rendered plan, what each file write would do
 * on this disk (create / update / skip…), the status of each patch, and the cost estimate.
 */
import { estimate as estimateCost } from '../cost/estimate.js';
import { assumptionsFromConfig } from '../cost/assumptions.js';
import type { Estimate } from '../cost/types.js';
import type { Profile } from '../scan/profile.js';
import type { TargetId } from '../targets/types.js';
import type { DeployConfig } from './config-types.js';
import { redactText } from '../scan/redact.js';
import { readManifest } from './manifest.js';
import { plan as renderPlan } from './planner.js';
import type { Plan } from './types.js';
import { planPatches, planWrites, type PatchAction, type WriteAction } from './writer.js';

export interface PlanPreview {
  plan: Plan;
  writes: WriteAction[];
  patches: PatchAction[];
  estimate: Estimate;
}

export async function previewPlan(projectDir: string, profile: Profile, config: DeployConfig, target: TargetId, opts: { force?: boolean } = {}): Promise<PlanPreview> {
  const plan = renderPlan(profile, config, target);
  const manifest = await readManifest(projectDir);
  // Diffs show the user's own files: secret values in them are redacted before anything prints them.
  const writes = (await planWrites(projectDir, plan.files, manifest, { force: opts.force })).map((w) => ({ ...w, diff: redactText(w.diff) }));
  const patches = (await planPatches(projectDir, plan.patches)).map((p) => ({ ...p, diff: redactText(p.diff) }));
  const estimate = estimateCost(plan.resources, assumptionsFromConfig(config.cost), target);
  return { plan, writes, patches, estimate };
}

/** The plan as JSON (`plan --json`): no file contents, no secret values (there are none to show). */
export function previewJson(p: PlanPreview) {
  return {
    target: p.plan.target,
    files: p.plan.files.map((f) => {
      const w = p.writes.find((x) => x.path === f.path);
      return { path: f.path, description: f.description, mode: (f.mode ?? 0o644).toString(8), action: w?.action ?? 'create', reason: w?.reason ?? '', diff: w?.diff ?? '' };
    }),
    patches: p.patches.map((x) => ({ id: x.id, file: x.file, description: x.description, status: x.status, diff: x.diff })),
    secrets: p.plan.secrets,
    resources: p.plan.resources,
    steps: p.plan.steps,
    notes: p.plan.notes,
    estimate: { target: p.estimate.target, currency: p.estimate.currency, items: p.estimate.items, monthly: p.estimate.monthly, assumptions: p.estimate.assumptions },
  };
}
