import { Option, type Command } from 'commander';
import { loadProject } from './context.js';
import { colors, print, progress, useColor } from './output.js';

export async function runReport(dir: string, format: 'text' | 'markdown' | 'json' | 'html'): Promise<void> {
  const [{ audit }, { previewPlan }, { preflightErrors }, { estimateTarget, PRICED_TARGETS }, { assumptionsFromConfig }, { estimate }, pipeline, { report }] = await Promise.all([
    import('../audit/engine.js'),
    import('../plan/preview.js'),
    import('../plan/preflight.js'),
    import('../cost/estimate-target.js'),
    import('../cost/assumptions.js'),
    import('../cost/estimate.js'),
    import('../report/pipeline-report.js'),
    import('../report/index.js'),
  ]);
  const ctx = await loadProject(dir);
  progress('auditing');
  const result = audit(ctx.profile, { deploy: ctx.config, configFile: ctx.configFile });
  const rec = pipeline.recommendTarget(ctx.profile, ctx.configFile ? ctx.config.targets[0] ?? null : null);
  progress(`planning ${rec.target}`);
  // What generate would do on this disk: files it would skip or leave unchanged, and a preflight that blocks it, do not count.
  const preview = await previewPlan(ctx.projectDir, ctx.profile, ctx.config, rec.target);
  const p = preview.plan;
  const est = estimate(p.resources, assumptionsFromConfig(ctx.config.cost), rec.target);
  const compare = PRICED_TARGETS.map((t) => (t === rec.target ? est : estimateTarget(ctx.profile, ctx.config, t)));
  const data = pipeline.buildReport({ profile: ctx.profile, audit: result, recommendation: rec, plan: p, writes: preview.writes, preflightErrors: preflightErrors(preview.preflight).length, estimate: est, compare, hasConfig: !!ctx.configFile, dir });
  print(await report({ kind: 'pipeline', result: data, ...(format === 'html' ? { html: await htmlExtras(ctx, result, preview) } : {}) }, format, { colors: colors(useColor()) }));
}

/** What only the HTML report shows: the whole audit with its catalog, and the plan's files and patches as diffs on this disk. */
async function htmlExtras(ctx: Awaited<ReturnType<typeof loadProject>>, result: import('../audit/engine.js').AuditResult, preview: Awaited<ReturnType<typeof import('../plan/preview.js').previewPlan>>) {
  const [{ planDiffs }, { rules }] = await Promise.all([import('../report/html/plan-diffs.js'), import('../audit/rules/index.js')]);
  return { audit: result, catalog: rules, plan: planDiffs(preview), sourceRoot: ctx.profile.root };
}

export function registerReport(program: Command): void {
  program
    .command('report', { isDefault: true })
    .description('the whole read-only pipeline: profile, audit score and top findings, recommended target, plan and cost (the default command)')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json', 'html']).default('text'))
    .option('--json', 'same as --format json')
    .action(async (dir: string, flags: { format: 'text' | 'markdown' | 'json' | 'html'; json?: boolean }) => {
      await runReport(dir, flags.json ? 'json' : flags.format);
    });
}
