import type { Command } from 'commander';
import { loadProject } from './context.js';
import { EXIT, UsageError } from './errors.js';
import { colors, print, printErr, progress, useColor } from './output.js';
import { chooseTarget } from './target-option.js';

export function registerRehearse(program: Command): void {
  program
    .command('rehearse')
    .description('boot the app\'s config the way the target will, with your own elixir: config.exs with the build\'s env, runtime.exs with the target\'s')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'docker, fly, k8s, cloudrun, aws, systemd, github-actions, compose, render or gigalixir (default: first in phoenix-ops.yaml, else fly)')
    .option('--json', 'print the rehearsal as JSON')
    .action(async (dir: string, flags: { target?: string; json?: boolean }) => {
      const [{ previewPlan }, { rehearse }, { formatRehearsalText }] = await Promise.all([import('../plan/preview.js'), import('../plan/rehearse/rehearse.js'), import('../report/rehearsal-text.js')]);
      const ctx = await loadProject(dir);
      const target = chooseTarget(flags.target, ctx.config);
      if (target === 'github-actions') throw new UsageError('github-actions runs the tests, not the app: rehearse a target that runs it (fly, k8s, cloudrun, systemd, compose, docker)');
      progress(`rendering ${target}`);
      const preview = await previewPlan(ctx.projectDir, ctx.profile, ctx.config, target, {});
      progress('rehearsing the boot with elixir');
      const r = await rehearse({ projectDir: ctx.projectDir, profile: ctx.profile, config: ctx.config, target, plan: preview.plan, keptFiles: preview.options.keptFiles });
      if (flags.json) print(JSON.stringify(r, null, 2));
      else print(formatRehearsalText(r, colors(useColor())));
      if (r.status === 'skipped') printErr(`phoenix-ops: ${r.skipped ?? 'the boot rehearsal could not run'}`);
      process.exitCode = r.status === 'failed' ? EXIT.findings : r.status === 'skipped' ? EXIT.usage : EXIT.ok;
    });
}
