import { count } from '../model/plural.js';
import type { Command } from 'commander';
import { loadProject } from './context.js';
import { PreflightFailed, UsageError } from './errors.js';
import { colors, print, printErr, useColor } from './output.js';
import { chooseTarget } from './target-option.js';

interface GenerateFlags {
  target?: string;
  yes?: boolean;
  force?: boolean;
  dryRun?: boolean;
  applyPatches?: boolean;
  diff?: boolean;
  rehearse?: boolean;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write the target\'s files safely: never overwrites a file you edited or that phoenix-ops did not write, unless --force')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--target <target>', 'docker, fly, k8s, cloudrun, aws, systemd, github-actions, compose (default: first in phoenix-ops.yaml, else fly)')
    .option('-y, --yes', 'do not ask; write what is safe (also the behaviour when stdin is not a terminal)')
    .option('--force', 'overwrite files you edited or that phoenix-ops did not write')
    .option('--dry-run', 'show what would be written, write nothing')
    .option('--no-rehearse', 'do not rehearse the boot with elixir in the preflight (also: PHOENIX_OPS_NO_REHEARSE=1)')
    .option('--apply-patches', 'also apply the patches to your own files (router, runtime.exs…) that still apply')
    .option('--diff', 'also show the diff of each file left alone (yours, or edited since phoenix-ops wrote it)')
    .action(async (dir: string, flags: GenerateFlags) => {
      const [{ colorizeDiff }, { previewPlan }, { applyPatches, applyWrites }, { preflightErrors }, { formatPreflightText }, { rehearsalWanted }] = await Promise.all([
        import('../plan/diff.js'),
        import('../plan/preview.js'),
        import('../plan/writer.js'),
        import('../plan/preflight.js'),
        import('../report/plan-text.js'),
        import('../plan/rehearse/preflight-boot.js'),
      ]);
      const ctx = await loadProject(dir);
      const target = chooseTarget(flags.target, ctx.config);
      const color = useColor();
      const c = colors(color);
      const interactive = !!process.stdin.isTTY && !!process.stdout.isTTY && !flags.yes && !flags.dryRun;
      const prompts = interactive ? await import('@clack/prompts') : null;
      // Patches are decided before rendering: probes ask for the health route only when its patch will be applied.
      let choice: boolean | ReadonlySet<string> = !!flags.applyPatches;
      if (prompts && !flags.applyPatches) {
        const first = await previewPlan(ctx.projectDir, ctx.profile, ctx.config, target, { force: flags.force });
        const picked = new Set<string>();
        for (const p of first.patches.filter((x) => x.status === 'applies')) {
          print(colorizeDiff(p.diff, color));
          const ok = await prompts.confirm({ message: `Apply patch "${p.description}" to ${p.file}?`, initialValue: false });
          if (prompts.isCancel(ok)) break;
          if (ok) picked.add(p.id);
        }
        choice = picked;
      }
      const preview = await previewPlan(ctx.projectDir, ctx.profile, ctx.config, target, { force: flags.force, applyPatches: choice, rehearse: rehearsalWanted(flags.rehearse) });
      // The plan checks its own result first: a deployment that cannot come up is not written (unless --force).
      const errors = preflightErrors(preview.preflight);
      if (preview.preflight.length) printErr(formatPreflightText(preview.preflight, c).join('\n'));
      if (errors.length && !flags.force) {
        throw new PreflightFailed(`preflight found ${count(errors.length, 'error')} in the ${target} plan (listed above); nothing written. Fix ${errors.length === 1 ? 'it' : 'them'}, or rerun with --force to write anyway`);
      }
      const toWrite = preview.writes.filter((w) => w.action === 'create' || w.action === 'update' || w.action === 'overwrite-forced');
      if (prompts && toWrite.length) {
        const ok = await prompts.confirm({ message: `Write ${count(toWrite.length, 'file')} for ${target} into ${ctx.projectDir}?` });
        if (prompts.isCancel(ok) || !ok) throw new UsageError('cancelled; nothing written');
      }
      const result = await applyWrites(ctx.projectDir, preview.writes, preview.plan.files, { dryRun: flags.dryRun, target });
      const verb = flags.dryRun ? 'would ' : '';
      for (const w of preview.writes) {
        if (w.action === 'unchanged') continue;
        if (w.action.startsWith('skip')) {
          // One line each; the diff of what phoenix-ops would have written only on request (--diff).
          print(`${c.yellow('skipped')} ${w.path}: ${w.reason}`);
          if (w.diff && flags.diff) print(colorizeDiff(w.diff, color));
        } else print(`${c.green(`${verb}${w.action === 'create' ? 'create' : 'write'}`)} ${w.path}`);
      }
      for (const path of result.conflicts) print(`${c.yellow('left alone')} ${path}: changed on disk while planning`);
      const applicable = preview.patches.filter((p) => p.status === 'applies');
      const accepted: string[] | 'all' = choice === true ? 'all' : choice === false ? [] : [...choice];
      if (accepted === 'all' || accepted.length) {
        const pr = await applyPatches(ctx.projectDir, preview.plan.patches, { accept: accepted, dryRun: flags.dryRun });
        for (const id of pr.applied) print(`${c.green(`${verb}patch`)} ${id}`);
        for (const id of pr.stale) print(`${c.yellow('stale patch')} ${id}: the file changed since the scan; run plan again`);
      } else if (applicable.length) {
        print(c.dim(`${count(applicable.length, 'patch', 'patches')} to your files not applied: review ${applicable.length === 1 ? 'it' : 'them'} with \`phoenix-ops plan\`, then rerun with --apply-patches`));
      }
      const skippedHint = result.skipped && !flags.diff && preview.writes.some((w) => w.action.startsWith('skip') && w.diff) ? ' (--diff shows what phoenix-ops would have written)' : '';
      const summary = `${flags.dryRun ? 'dry run: ' : ''}${result.created} created, ${result.updated + result.overwritten} updated, ${result.unchanged} unchanged, ${result.skipped} skipped${skippedHint}`;
      print(summary);
      if (preview.plan.secrets.length && !flags.dryRun) print(c.dim(`secrets to set before deploying: ${preview.plan.secrets.map((s) => s.name).join(', ')}`));
    });
}
