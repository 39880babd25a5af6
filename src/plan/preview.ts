/**
 * What `plan` shows and `generate` carries out: the rendered plan, what each file write would do on this
 * disk (create / update / skip…), the status of each patch, and the preflight over the result.
 *
 * Rendering takes two facts only the disk and the user know: which patches will be applied (a health route
 * a patch adds is probed only then) and which files the writer keeps as the user wrote them (platform files
 * then follow a kept Dockerfile's port and paths). So the plan is rendered, the writes decided, and the plan
 * rendered again for the files that will be kept.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { TargetId } from '../model/ids.js';
import type { Plan, RenderOptions } from '../model/plan.js';
import type { Profile } from '../scan/profile.js';
import { redactText } from '../scan/redact.js';
import { targets } from '../targets/index.js';
import { ENV_SH_PATCH_ID } from './env-sh-portable.js';
import { readManifest } from './manifest.js';
import { plan as renderPlan } from './planner.js';
import { preflight, type PreflightIssue } from './preflight.js';
import { bootIssues } from './rehearse/preflight-boot.js';
import { rehearse } from './rehearse/rehearse.js';
import { planPatches, planWrites, type PatchAction, type WriteAction } from './writer.js';

export interface PlanPreview {
  plan: Plan;
  writes: WriteAction[];
  patches: PatchAction[];
  preflight: PreflightIssue[];
  /** The choices the plan was rendered with. */
  options: RenderOptions;
}

export interface PreviewOptions {
  force?: boolean;
  /** Render as if the patches will be applied: every one (`--apply-patches`), or the ids the user accepted. */
  applyPatches?: boolean | ReadonlySet<string>;
  /** Rehearse the boot with `elixir` (when on PATH) and add what fails to the preflight. */
  rehearse?: boolean;
}

export async function previewPlan(projectDir: string, profile: Profile, config: DeployConfig, target: TargetId, opts: PreviewOptions = {}): Promise<PlanPreview> {
  const options: RenderOptions = {};
  let plan = renderPlan(profile, config, target, options);
  if (opts.applyPatches && plan.patches.length) {
    options.acceptedPatches = opts.applyPatches === true ? new Set(plan.patches.map((p) => p.id)) : opts.applyPatches;
    plan = renderPlan(profile, config, target, options);
  }
  const manifest = await readManifest(projectDir);
  let rawWrites = await planWrites(projectDir, plan.files, manifest, { force: opts.force });
  const kept = rawWrites.filter((w) => w.action === 'skip-not-owned' || w.action === 'skip-user-edited').map((w) => w.path);
  // The first render assumed a project's own env.sh.eex is kept (the patch that guards it depends on it): with --force it is not.
  if (kept.length || plan.patches.some((p) => p.id === ENV_SH_PATCH_ID)) {
    options.keptFiles = new Set(kept);
    plan = renderPlan(profile, config, target, options);
    rawWrites = await planWrites(projectDir, plan.files, manifest, { force: opts.force });
  }
  // Diffs show the user's own files: secret values in them are redacted before anything prints them.
  const writes = rawWrites.map((w) => ({ ...w, diff: redactText(w.diff) }));
  const patches = (await planPatches(projectDir, plan.patches)).map((p) => ({ ...p, diff: redactText(p.diff) }));
  const applied = new Set(patches.filter((p) => p.status === 'applies' && options.acceptedPatches?.has(p.id)).map((p) => p.id));
  const issues = preflight({ profile, plan, acceptedPatches: applied, platformEnv: targets[target].platformEnv, keptFiles: options.keptFiles, config });
  if (opts.rehearse && target !== 'github-actions') issues.push(...bootIssues(await rehearse({ projectDir, profile, config, target, plan, keptFiles: options.keptFiles })));
  return { plan, writes, patches, preflight: issues, options };
}
