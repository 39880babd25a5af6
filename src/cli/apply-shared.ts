/** What apply, status and destroy share: loading the plan of one target, and the reporter for the terminal or --json. */
import type { Reporter } from '../apply/events.js';
import type { Plan } from '../model/plan.js';
import { loadProject, type ProjectContext } from './context.js';
import { colors, useColor } from './output.js';
import { chooseTarget } from './target-option.js';

export interface TargetPlan extends ProjectContext {
  plan: Plan;
  /** Files the project keeps as its own: the plan is rendered for them, as `plan` and `generate` render it. */
  keptFiles: ReadonlySet<string>;
}

/** The target's plan as `generate` rendered it: for the files the project keeps (its own Dockerfile, rel/env.sh.eex), not over them. */
export async function loadTargetPlan(dir: string, targetFlag: string | undefined): Promise<TargetPlan> {
  const ctx = await loadProject(dir);
  const target = chooseTarget(targetFlag, ctx.config);
  const [{ previewPlan }, { APPLY_TARGETS, UnsupportedTargetError }] = await Promise.all([import('../plan/preview.js'), import('../apply/index.js')]);
  if (!APPLY_TARGETS.includes(target)) throw new UnsupportedTargetError(target);
  const preview = await previewPlan(ctx.projectDir, ctx.profile, ctx.config, target);
  return { ...ctx, plan: preview.plan, keptFiles: preview.options.keptFiles ?? new Set() };
}

export async function reporterFor(json: boolean | undefined): Promise<Reporter> {
  const { jsonReporter, textReporter } = await import('../apply/progress.js');
  if (json) return jsonReporter();
  return textReporter({ spinner: !!process.stderr.isTTY && !process.env.CI, c: colors(useColor()) });
}

/** Prompts only when both ends are a terminal and the output is for people. */
export function canAsk(json: boolean | undefined): boolean {
  return !!process.stdin.isTTY && !!process.stdout.isTTY && !json;
}
