import type { Command } from 'commander';
import { canAsk, loadTargetPlan, reporterFor } from './apply-shared.js';
import { EXIT, UsageError } from './errors.js';
import { colors, print, useColor } from './output.js';

interface ApplyFlags {
  target?: string;
  yes?: boolean;
  resume?: boolean;
  keepOnFailure?: boolean;
  forceUnlock?: boolean;
  json?: boolean;
  /** commander's --no-verify */
  verify: boolean;
  url?: string;
}

export function registerApply(program: Command): void {
  program
    .command('apply')
    .description("provision and deploy the target through its provider's CLI, step by step, with state, lock and rollback on failure")
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'fly, cloudrun, aws, k8s, systemd, compose (default: first in phoenix-ops.yaml, else fly)')
    .option('-y, --yes', 'do not ask before running the steps (required without a terminal, e.g. in CI)')
    .option('--resume', 'continue an apply that failed with --keep-on-failure or was interrupted, from the step it stopped at')
    .option('--keep-on-failure', "keep what this run did when a step fails (no rollback), so --resume can continue")
    .option('--force-unlock', 'clear a lock left by an apply or destroy that is no longer running')
    .option('--no-verify', 'do not run `verify` on the deployed app at the end')
    .option('--url <url>', "the deployed app's health URL, for the final verify (default: what the target says, e.g. https://<app>.fly.dev/health)")
    .option('--json', 'one JSON event per line on stdout')
    .action(async (dir: string, flags: ApplyFlags) => {
      if (flags.url !== undefined && !/^https?:\/\/[^/\s]+/.test(flags.url)) throw new UsageError(`--url must be an http:// or https:// URL, got "${flags.url}"`);
      const interactive = canAsk(flags.json);
      if (!flags.yes && !interactive) throw new UsageError('apply changes real resources and there is no terminal to ask on: rerun with --yes');
      const [lib, { explainPlaceholders }, { stdinSecrets }, { verifyDeployment }] = await Promise.all([
        import('../apply/index.js'),
        import('../apply/placeholders.js'),
        import('../report/plan-text.js'),
        import('./verify-after-apply.js'),
      ]);
      const t = await loadTargetPlan(dir, flags.target);
      const reporter = await reporterFor(flags.json);
      const c = colors(useColor());
      const prompts = interactive ? await import('@clack/prompts') : null;
      const input: import('../apply/secrets.js').SecretInput = prompts
        ? {
            async ask(name, description) {
              const v = await prompts.password({ message: `${name} (${description}); the value is sent to the provider only, never shown or saved` });
              if (prompts.isCancel(v)) throw new UsageError(`no value for ${name}; nothing more was run`);
              return v;
            },
          }
        : lib.envSecretInput();
      const confirm = flags.yes || !prompts
        ? undefined
        : async (steps: import('../model/plan.js').Step[]) => {
            print(c.bold(`apply ${t.plan.target} (${t.config.app}) will run:`));
            steps.forEach((s, i) => {
              print(`  ${i + 1}. ${s.description}: ${c.dim(explainPlaceholders(s.command.join(' ')))}`);
              const sent = stdinSecrets(s);
              if (sent.length) print(c.dim(`     on stdin: ${sent.join('; ')}`));
            });
            const ok = await prompts.confirm({ message: 'Run these steps?', initialValue: false });
            return !prompts.isCancel(ok) && ok === true;
          };
      const run = await lib.Interrupt.around((interrupt) =>
        lib.applyTarget({
          projectDir: t.projectDir,
          plan: t.plan,
          config: t.config,
          app: t.config.app,
          keptFiles: t.keptFiles,
          reporter,
          input,
          resume: flags.resume,
          keepOnFailure: flags.keepOnFailure,
          forceUnlock: flags.forceUnlock,
          interrupt,
          confirm,
          postApply: lib.postApplyHooks,
          url: flags.url,
          ...(flags.verify ? { verify: verifyDeployment({ profile: t.profile, config: t.configFile ? t.config : null }) } : {}),
        }),
      );
      if (run.cancelled) {
        print('cancelled; nothing was run');
        return;
      }
      for (const check of run.checks) print(`${check.ok ? c.green('✓') : c.red('✗')} ${check.message}`);
      if (run.outcome === 'interrupted') process.exitCode = EXIT.interrupted;
      else if (run.outcome === 'failed' || run.outcome === 'rolled-back' || run.checks.some((x) => !x.ok)) process.exitCode = EXIT.findings;
    });
}
