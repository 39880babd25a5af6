import type { Command } from 'commander';
import { canAsk, loadTargetPlan, reporterFor } from './apply-shared.js';
import { EXIT, UsageError } from './errors.js';
import { print } from './output.js';

interface DestroyFlags {
  target?: string;
  yes?: boolean;
  includeData?: boolean;
  forceUnlock?: boolean;
  json?: boolean;
}

export function registerDestroy(program: Command): void {
  program
    .command('destroy')
    .description('remove, in reverse order, what apply created (never what was there before); keeps volumes and databases unless --include-data')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'fly, cloudrun, aws, k8s, systemd, compose (default: first in phoenix-ops.yaml, else fly)')
    .option('-y, --yes', 'do not ask to type the app name (required without a terminal)')
    .option('--include-data', 'also remove volumes, databases and buckets (their data is lost)')
    .option('--force-unlock', 'clear a lock left by an apply or destroy that is no longer running')
    .option('--json', 'one JSON event per line on stdout')
    .action(async (dir: string, flags: DestroyFlags) => {
      const interactive = canAsk(flags.json);
      const { destroyTarget, readState } = await import('../apply/index.js');
      const t = await loadTargetPlan(dir, flags.target);
      if (!(await readState(t.projectDir, t.plan.target))) {
        // Nothing applied is not an error: the end state destroy asks for already holds.
        const message = `nothing applied for ${t.plan.target} (no .phoenix-ops/state/${t.plan.target}.json): nothing to destroy`;
        print(flags.json ? JSON.stringify({ type: 'run-finished', command: 'destroy', status: 'nothing', elapsedMs: 0, message }) : message);
        return;
      }
      if (!flags.yes && !interactive) throw new UsageError('destroy removes real resources and there is no terminal to ask on: rerun with --yes');
      const app = t.config.app;
      const prompts = interactive && !flags.yes ? await import('@clack/prompts') : null;
      const confirm = prompts
        ? async () => {
            const typed = await prompts.text({ message: `Type the app name (${app}) to remove what phoenix-ops created for ${t.plan.target}${flags.includeData ? ', data included' : ''}` });
            return !prompts.isCancel(typed) && typed === app;
          }
        : undefined;
      const reporter = await reporterFor(flags.json);
      const r = await destroyTarget({ projectDir: t.projectDir, plan: t.plan, config: t.config, app, reporter, includeData: flags.includeData, forceUnlock: flags.forceUnlock, confirm });
      if (r.cancelled) {
        print('cancelled: the name did not match; nothing was removed');
        return;
      }
      if (r.outcome === 'nothing' && !r.state) print(`nothing applied for ${t.plan.target}: nothing to destroy`);
      if (r.outcome === 'failed') process.exitCode = EXIT.findings;
    });
}
