import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadProject } from './context.js';
import { UsageError } from './errors.js';
import { print } from './output.js';
import { chooseTarget } from './target-option.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write phoenix-ops.yaml, the editable deployment config, from what the scan found')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'default target: docker, fly, k8s, cloudrun, aws, systemd, github-actions, compose')
    .option('--force', 'overwrite an existing phoenix-ops.yaml')
    .option('--stdout', 'print the file instead of writing it')
    .action(async (dir: string, flags: { target?: string; force?: boolean; stdout?: boolean }) => {
      const [{ writeFileAtomic }, { CONFIG_FILE_NAMES }, { renderInitConfig }] = await Promise.all([import('../plan/atomic.js'), import('../plan/config.js'), import('../plan/init-config.js')]);
      const ctx = await loadProject(dir);
      const target = chooseTarget(flags.target, ctx.config);
      // The target asked for first; the other targets of an existing phoenix-ops.yaml stay (none are added).
      const config = { ...ctx.config, targets: [target, ...(ctx.configFile ? ctx.config.targets.filter((t) => t !== target) : [])] };
      const text = renderInitConfig(ctx.profile, config);
      if (flags.stdout) {
        print(text);
        return;
      }
      const path = join(ctx.projectDir, CONFIG_FILE_NAMES[0]);
      if ((existsSync(path) || ctx.configFile) && !flags.force) {
        throw new UsageError(`${ctx.configFile ?? path} already exists; edit it, or pass --force to replace it`);
      }
      await writeFileAtomic(path, text);
      print(`wrote ${path} (target ${target}); next: phoenix-ops plan ${dir}`);
    });
}
