import type { Command } from 'commander';
import { loadProject } from './context.js';
import { colors, print, progress, useColor } from './output.js';
import { chooseTarget } from './target-option.js';

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('show every file, patch, secret and resource a target needs, with diffs and cost; writes nothing')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'docker, fly, k8s, cloudrun, aws, systemd, github-actions, compose (default: first in phoenix-ops.yaml, else fly)')
    .option('--json', 'print the plan as JSON')
    .option('--no-diff', 'do not print diffs')
    .option('--no-rehearse', 'do not rehearse the boot with elixir in the preflight (also: PHOENIX_OPS_NO_REHEARSE=1)')
    .option('--apply-patches', 'plan as if the patches to your files will be applied (as generate --apply-patches does)')
    .action(async (dir: string, flags: { target?: string; json?: boolean; diff: boolean; applyPatches?: boolean; rehearse?: boolean }) => {
      const [{ previewPlan }, { previewJson }, { formatPlanText }, { estimate }, { assumptionsFromConfig }, { rehearsalWanted }] = await Promise.all([
        import('../plan/preview.js'),
        import('../report/plan-json.js'),
        import('../report/plan-text.js'),
        import('../cost/estimate.js'),
        import('../cost/assumptions.js'),
        import('../plan/rehearse/preflight-boot.js'),
      ]);
      const ctx = await loadProject(dir);
      const target = chooseTarget(flags.target, ctx.config);
      progress(`rendering ${target}`);
      const preview = await previewPlan(ctx.projectDir, ctx.profile, ctx.config, target, { applyPatches: flags.applyPatches, rehearse: rehearsalWanted(flags.rehearse) });
      const cost = estimate(preview.plan.resources, assumptionsFromConfig(ctx.config.cost), target);
      if (flags.json) print(JSON.stringify(previewJson(preview, cost), null, 2));
      else {
        const color = useColor();
        print(formatPlanText(preview, cost, colors(color), { diffs: flags.diff, color }));
      }
    });
}
