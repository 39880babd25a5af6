/**
 * `report`: the whole read-only pipeline in one object — profile summary, audit score and top
 * findings, the recommended target with its plan and cost, the other targets' costs, next steps.
 * Built once (`buildReport`), rendered by one formatter per format.
 */
import { count } from '../model/plural.js';
import type { AuditResult } from '../audit/engine.js';
import type { Finding } from '../audit/types.js';
import type { Colors } from '../model/colors.js';
import type { Estimate } from '../cost/types.js';
import { formatUsd } from '../cost/format.js';
import type { Plan } from '../model/plan.js';
import type { WriteAction } from '../plan/writer.js';
import type { Profile } from '../scan/profile.js';
import type { TargetId } from '../model/ids.js';

export interface ReportData {
  schemaVersion: 1;
  project: {
    otpApp: string;
    path: string;
    umbrella: boolean;
    phoenix: string | null;
    liveView: boolean;
    database: string;
    clustering: string;
    pubsub: string;
    oban: boolean;
    assets: string;
    httpServer: string;
    health: string | null;
    runtimeEnv: { name: string; required: boolean }[];
    warnings: number;
  };
  audit: { score: number; categories: { id: string; title: string; score: number | null }[]; counts: Record<string, number>; top: Finding[] };
  recommendation: { target: TargetId; reason: string };
  plan: {
    /** What `generate` would write on this disk now (created or updated), not every file the target renders. */
    files: { path: string; description: string }[];
    /** Files generate leaves alone (yours, or edited since phoenix-ops wrote them), with why. */
    skipped: { path: string; reason: string }[];
    /** Files already as generate would write them. */
    unchanged: number;
    /** Errors of the plan's preflight: generate writes nothing while there are any. */
    preflightErrors: number;
    patches: { id: string; file: string; description: string }[];
    secrets: string[];
    notes: string[];
  };
  cost: { recommended: Estimate; compare: { target: string; monthly: number }[] };
  nextSteps: string[];
}

export function recommendTarget(profile: Profile, configuredTarget: TargetId | null): { target: TargetId; reason: string } {
  if (configuredTarget) return { target: configuredTarget, reason: 'the first target in phoenix-ops.yaml' };
  if (profile.deployFiles.k8s.length) return { target: 'k8s', reason: `the repository already holds Kubernetes manifests (${profile.deployFiles.k8s[0]})` };
  if (profile.deployFiles.flyTomls.length) return { target: 'fly', reason: `the repository already holds ${profile.deployFiles.flyTomls[0]}` };
  const why: string[] = [];
  if (profile.liveView) why.push('long-lived LiveView websockets');
  if (profile.clustering !== 'none' || profile.liveView) why.push('BEAM clustering over a private IPv6 network');
  if (profile.database === 'sqlite') why.push('volumes for SQLite');
  else if (profile.database !== 'none') why.push(`managed ${profile.database === 'mysql' ? 'databases (MySQL via a machine)' : 'Postgres'}`);
  return { target: 'fly', reason: why.length ? `Fly.io runs releases close to users with ${why.join(', ')}` : 'Fly.io is the simplest fit for a single Phoenix release' };
}

export function buildReport(input: {
  profile: Profile;
  audit: AuditResult;
  recommendation: { target: TargetId; reason: string };
  plan: Plan;
  /** What generate would do with each file on this disk (previewPlan); without it every rendered file counts as written. */
  writes?: readonly Pick<WriteAction, 'path' | 'action' | 'reason'>[];
  preflightErrors?: number;
  estimate: Estimate;
  compare: Estimate[];
  hasConfig: boolean;
  dir: string;
}): ReportData {
  const { profile: p, audit: a } = input;
  const counts: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of a.findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const t = input.recommendation.target;
  const arg = input.dir === '.' ? '' : ` ${input.dir}`;
  const next: string[] = [];
  const blocking = a.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
  const first = blocking[0];
  if (first) next.push(`Fix the ${count(blocking.length, 'critical/high finding')} (\`phoenix-ops audit${arg}\`), starting with ${first.ruleId}.`);
  if (!input.hasConfig) next.push(`Write the editable deployment config: \`phoenix-ops init${arg} --target ${t}\`.`);
  next.push(`Review files, patches and secrets: \`phoenix-ops plan${arg} --target ${t}\`.`);
  next.push(`Write them: \`phoenix-ops generate${arg} --target ${t}\`${input.plan.patches.length ? ' (add --apply-patches to accept the patches)' : ''}.`);
  if (input.plan.secrets.length) next.push(`Set the secrets on the platform: ${input.plan.secrets.map((s) => s.name).join(', ')}.`);
  return {
    schemaVersion: 1,
    project: {
      otpApp: p.web.otpApp,
      path: p.projectPath,
      umbrella: p.umbrella,
      phoenix: p.versions.phoenix,
      liveView: p.liveView,
      database: p.database,
      clustering: p.clustering,
      pubsub: p.pubsub,
      oban: p.oban,
      assets: p.assets,
      httpServer: p.httpServer,
      health: p.health?.path ?? null,
      runtimeEnv: p.runtimeConfig.env.filter((e) => !e.dynamic).map((e) => ({ name: e.name, required: e.required })),
      warnings: p.warnings.length,
    },
    audit: { score: a.score, categories: a.categories.map((c) => ({ id: c.id, title: c.title, score: c.score })), counts, top: a.findings.slice(0, 5) },
    recommendation: input.recommendation,
    plan: {
      ...planWrites(input),
      patches: input.plan.patches.map((x) => ({ id: x.id, file: x.file, description: x.description })),
      secrets: input.plan.secrets.map((s) => s.name),
      notes: input.plan.notes,
    },
    cost: { recommended: input.estimate, compare: input.compare.map((e) => ({ target: e.target, monthly: e.monthly })) },
    nextSteps: next,
  };
}

/** The files generate would write, skip and leave unchanged: what `report` counts. */
function planWrites(input: { plan: Plan; writes?: readonly Pick<WriteAction, 'path' | 'action' | 'reason'>[]; preflightErrors?: number }): Pick<ReportData['plan'], 'files' | 'skipped' | 'unchanged' | 'preflightErrors'> {
  const preflightErrors = input.preflightErrors ?? 0;
  const writes = input.writes ?? input.plan.files.map((f) => ({ path: f.path, action: 'create' as const, reason: '' }));
  const written = new Set(preflightErrors ? [] : writes.filter((w) => w.action === 'create' || w.action === 'update' || w.action === 'overwrite-forced').map((w) => w.path));
  return {
    files: input.plan.files.filter((f) => written.has(f.path)).map((f) => ({ path: f.path, description: f.description })),
    skipped: writes.filter((w) => w.action === 'skip-user-edited' || w.action === 'skip-not-owned').map((w) => ({ path: w.path, reason: w.reason })),
    unchanged: writes.filter((w) => w.action === 'unchanged').length,
    preflightErrors,
  };
}

/** "7 files to generate, 2 up to date, 1 left as you wrote it", or why generate would write nothing. */
export function generateSummary(p: ReportData['plan']): string {
  if (p.preflightErrors) return `nothing to generate yet: the plan's preflight finds ${count(p.preflightErrors, 'error')} (\`phoenix-ops plan\` lists them)`;
  const parts = [`${count(p.files.length, 'file')} to generate`];
  if (p.unchanged) parts.push(`${p.unchanged} up to date`);
  if (p.skipped.length) parts.push(`${p.skipped.length} left as you wrote ${p.skipped.length === 1 ? 'it' : 'them'}`);
  return parts.join(', ');
}

export function formatReportText(r: ReportData, c: Colors): string {
  const out: string[] = [];
  const pr = r.project;
  out.push(c.bold(`phoenix-ops report: ${pr.otpApp}`) + (pr.path !== '.' ? c.dim(` (in ${pr.path}/)`) : ''), '');
  out.push(c.bold('Project'));
  out.push(`  Phoenix ${pr.phoenix ?? '?'}${pr.umbrella ? ' umbrella' : ''} · ${pr.database} · ${pr.liveView ? 'LiveView' : 'no LiveView'} · ${pr.httpServer} · assets ${pr.assets}`);
  out.push(`  PubSub ${pr.pubsub} · clustering ${pr.clustering}${pr.oban ? ' · Oban' : ''} · health ${pr.health ?? c.yellow('none')}`);
  const req = pr.runtimeEnv.filter((e) => e.required).map((e) => e.name);
  if (req.length) out.push(`  Required at boot: ${req.join(', ')}`);
  out.push('', c.bold(`Audit: ${r.audit.score}/100`) + c.dim(` (${Object.entries(r.audit.counts).filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(', ') || 'no findings'})`));
  for (const f of r.audit.top) out.push(`  ${f.severity.padEnd(8)} ${f.title} ${c.dim(`${f.ruleId} · ${f.evidence[0] ? `${f.evidence[0].file}:${f.evidence[0].line}` : ''}`)}`);
  out.push('', c.bold(`Recommended target: ${r.recommendation.target}`) + c.dim(` — ${r.recommendation.reason}`));
  out.push(`  ${generateSummary(r.plan)}; ${count(r.plan.patches.length, 'patch', 'patches')} to review; secrets: ${r.plan.secrets.join(', ') || 'none'}`);
  for (const n of r.plan.notes.slice(0, 4)) out.push(c.dim(`  • ${n}`));
  out.push('', c.bold(`Estimated cost: ${formatUsd(r.cost.recommended.monthly)}/month`) + c.dim(` on ${r.cost.recommended.target}, ${r.cost.recommended.assumptions.traffic} traffic`));
  out.push(`  ${r.cost.compare.map((x) => `${x.target} ${formatUsd(x.monthly)}`).join(' · ')}`);
  out.push('', c.bold('Next steps'));
  r.nextSteps.forEach((s, i) => out.push(`  ${i + 1}. ${s}`));
  return out.join('\n');
}

export function formatReportMarkdown(r: ReportData): string {
  const out: string[] = [];
  const pr = r.project;
  out.push(`# phoenix-ops report: ${pr.otpApp}`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Phoenix | ${pr.phoenix ?? '?'}${pr.umbrella ? ' (umbrella)' : ''} |`, `| Database | ${pr.database} |`, `| LiveView | ${pr.liveView ? 'yes' : 'no'} |`);
  out.push(`| PubSub / clustering | ${pr.pubsub} / ${pr.clustering} |`, `| Health route | ${pr.health ?? 'none'} |`, '');
  out.push(`## Audit: ${r.audit.score}/100`, '');
  for (const f of r.audit.top) out.push(`- **${f.severity}** ${f.title} (\`${f.ruleId}\`, \`${f.evidence[0] ? `${f.evidence[0].file}:${f.evidence[0].line}` : ''}\`)`);
  out.push('', `## Recommended target: ${r.recommendation.target}`, '', r.recommendation.reason + '.', '');
  out.push(`${generateSummary(r.plan)[0]?.toUpperCase()}${generateSummary(r.plan).slice(1)}; secrets: ${r.plan.secrets.map((s) => `\`${s}\``).join(', ') || 'none'}.`, '');
  out.push(`## Cost`, '', '| Target | Monthly (USD) |', '|---|---:|');
  for (const x of r.cost.compare) out.push(`| ${x.target}${x.target === r.recommendation.target ? ' (recommended)' : ''} | ${formatUsd(x.monthly)} |`);
  out.push('', '## Next steps', '');
  r.nextSteps.forEach((s, i) => out.push(`${i + 1}. ${s}`));
  return out.join('\n') + '\n';
}
