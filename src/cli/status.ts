import type { Command } from 'commander';
import { loadTargetPlan } from './apply-shared.js';
import { EXIT, UsageError } from './errors.js';
import { colors, print, useColor } from './output.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('what apply created for the target, checked live against the provider, plus the app\'s health URL')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'fly, cloudrun, aws, k8s, systemd, compose (default: first in phoenix-ops.yaml, else fly)')
    .option('--url <url>', 'health URL to check instead of the one derived from phoenix-ops.yaml')
    .option('--json', 'print the status as JSON')
    .action(async (dir: string, flags: { target?: string; url?: string; json?: boolean }) => {
      const { statusOf } = await import('../apply/index.js');
      const t = await loadTargetPlan(dir, flags.target);
      if (flags.url && !/^https?:\/\//.test(flags.url)) throw new UsageError(`--url must start with http:// or https:// (got "${flags.url}")`);
      const report = await statusOf({ projectDir: t.projectDir, plan: t.plan, config: t.config, app: t.config.app, healthUrl: flags.url ?? null });
      if (!report.state) throw new UsageError(`nothing applied for ${t.plan.target} yet (no .phoenix-ops/state/${t.plan.target}.json): run phoenix-ops apply --target ${t.plan.target}`);
      if (flags.json) {
        print(JSON.stringify(report, null, 2));
      } else {
        const c = colors(useColor());
        const st = report.state;
        print(c.bold(`${report.target} (${st.app}): last apply ${st.status} at ${st.updatedAt}`));
        for (const s of st.steps) {
          const origin = s.origin === 'created' ? 'created by phoenix-ops' : s.origin === 'pre-existing' ? 'was there before' : '';
          print(`  ${s.status.padEnd(15)} ${s.description}${origin ? c.dim(` (${origin})`) : ''}`);
        }
        print(c.bold('live'));
        for (const l of report.live) print(`  ${l.ok ? c.green('✓') : c.red('✗')} ${l.name}: ${l.detail}`);
        if (report.health) print(`  ${report.health.ok ? c.green('✓') : c.red('✗')} health ${report.health.url}: ${report.health.detail}`);
      }
      if (!report.ok) process.exitCode = EXIT.findings;
    });
}
