import type { Command } from 'commander';
import type { Estimate } from '../cost/types.js';
import { loadProject } from './context.js';
import { UsageError } from './errors.js';
import { print, useColor } from './output.js';
import { chooseTarget } from './target-option.js';

function estimateJson(e: Estimate) {
  return { target: e.target, currency: e.currency, items: e.items, monthly: e.monthly, scenarios: e.scenarios, assumptions: e.assumptions, warnings: e.warnings };
}

export function registerCost(program: Command): void {
  program
    .command('cost')
    .description('estimate the monthly cost of a target from dated, sourced price tables')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'fly, cloudrun, aws, k8s, systemd, render or gigalixir (docker, compose and github-actions have no hosting cost of their own; default: first in phoenix-ops.yaml, else fly)')
    .option('--compare', 'every priced target side by side')
    .option('--json', 'print {target, currency, items[], monthly, assumptions} (an array with --compare)')
    .action(async (dir: string, flags: { target?: string; compare?: boolean; json?: boolean }) => {
      if (flags.compare && flags.target) throw new UsageError('--target and --compare cannot be used together');
      const [{ estimateTarget, PRICED_TARGETS }, { formatCompareText, formatEstimateText }] = await Promise.all([import('../cost/estimate-target.js'), import('../cost/format.js')]);
      const { profile, config } = await loadProject(dir);
      if (flags.compare) {
        const all = PRICED_TARGETS.map((t) => estimateTarget(profile, config, t));
        print(flags.json ? JSON.stringify(all.map(estimateJson), null, 2) : formatCompareText(all));
        return;
      }
      const target = chooseTarget(flags.target, config);
      if (!PRICED_TARGETS.includes(target)) {
        // A bare image, a local compose run or CI workflows: no bill to estimate, no empty table and "$0.00".
        const { unpricedExplanation } = await import('../cost/unpriced.js');
        const reason = unpricedExplanation(target, PRICED_TARGETS, dir);
        print(flags.json ? JSON.stringify({ target, currency: 'USD', priced: false, reason, items: [], monthly: null }, null, 2) : reason);
        return;
      }
      const e = estimateTarget(profile, config, target);
      print(flags.json ? JSON.stringify(estimateJson(e), null, 2) : formatEstimateText(e, { color: useColor() }));
    });
}
