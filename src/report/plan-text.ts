/** Human output of `plan`: files and what would happen to each, patches as diffs, secrets, resources, cost. */
import type { Colors } from '../model/colors.js';
import { count } from '../model/plural.js';
import { formatEstimateText } from '../cost/format.js';
import { colorizeDiff } from '../plan/diff.js';
import type { Estimate } from '../cost/types.js';
import type { PlanPreview } from '../plan/preview.js';
import type { Step } from '../model/plan.js';
import { explainPlaceholder, explainPlaceholders, placeholderRefs } from '../apply/placeholders.js';
import { CHECKED_INVARIANTS, type PreflightIssue } from '../plan/preflight.js';
import { writeActionLabel } from './write-action.js';

/** Preflight issues, errors first, each with what to do. */
export function formatPreflightText(issues: readonly PreflightIssue[], c: Colors): string[] {
  if (issues.length === 0) return [c.green(`Preflight: every check passed (${Object.values(CHECKED_INVARIANTS).join(', ')}).`)];
  const errors = issues.filter((i) => i.severity === 'error').length;
  const out = [c.bold(`Preflight: ${count(errors, 'error')}, ${count(issues.length - errors, 'warning')}`)];
  for (const i of [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))) {
    const tag = i.severity === 'error' ? c.red('error') : c.yellow('warning');
    out.push(`  ${tag} [${i.invariant}]${i.file ? ` ${i.file}:` : ''} ${i.message} ${c.dim(`→ ${i.fix}`)}`);
  }
  return out;
}

export function formatPlanText(p: PlanPreview, estimate: Estimate, c: Colors, opts: { diffs?: boolean; color: boolean }): string {
  const out: string[] = [];
  out.push(c.bold(`Plan for target ${p.plan.target}`), '');
  out.push(c.bold('Files'));
  for (const w of p.writes) {
    const f = p.plan.files.find((x) => x.path === w.path);
    const label = writeActionLabel(w.action);
    const color = w.action === 'create' || w.action === 'update' ? c.green : w.action.startsWith('skip') ? c.yellow : w.action === 'overwrite-forced' ? c.red : c.dim;
    out.push(`  ${color(label.padEnd(12))} ${w.path}${f?.mode === 0o755 ? c.dim(' (755)') : ''} ${c.dim(`— ${f?.description ?? ''}`)}`);
    if (opts.diffs && w.diff && w.action !== 'create') out.push(indent(colorizeDiff(w.diff, opts.color), 4));
  }
  if (p.patches.length) {
    out.push('', c.bold('Patches to your files') + c.dim(' (applied only with generate --apply-patches)'));
    for (const x of p.patches) {
      out.push(`  ${x.status === 'applies' ? c.green('applies') : x.status === 'already-applied' ? c.dim('done') : c.yellow('stale')} ${x.id}: ${x.description} ${c.dim(`(${x.file})`)}`);
      if (opts.diffs && x.diff) out.push(indent(colorizeDiff(x.diff, opts.color), 4));
    }
  }
  if (p.plan.secrets.length) {
    out.push('', c.bold('Secrets to set') + c.dim(' (names only; values never go in files)'));
    for (const s of p.plan.secrets) {
      const how = s.generate
        ? c.dim(` — ${explainPlaceholder({ kind: 'generate', name: s.generate, token: '' }).slice(1, -1)}`)
        : s.source
          ? c.dim(` — from ${s.source}`)
          : '';
      out.push(`  ${s.name} ${c.dim(`(${s.description})`)}${how}`);
    }
  }
  if (p.plan.resources.length) {
    out.push('', c.bold('Resources'));
    for (const r of p.plan.resources) out.push(`  ${r.kind.padEnd(18)} ${r.description}`);
  }
  if (p.plan.steps.length) {
    out.push('', c.bold('Provisioning steps') + c.dim(' (phoenix-ops apply)'));
    p.plan.steps.forEach((s, i) => {
      out.push(`  ${i + 1}. ${s.description}: ${c.dim(explainPlaceholders(s.command.join(' ')))}`);
      const sent = stdinSecrets(s);
      if (sent.length) out.push(c.dim(`     on stdin, never on the command line: ${sent.join('; ')}`));
    });
  }
  if (p.plan.notes.length) {
    out.push('', c.bold('Notes'));
    for (const n of p.plan.notes) out.push(`  • ${n}`);
  }
  out.push('', ...formatPreflightText(p.preflight, c));
  out.push('', formatEstimateText(estimate, { color: opts.color }));
  return out.join('\n');
}

/** "SECRET_KEY_BASE: <a 64-byte random value generated at apply time>" for each value a step sends on stdin. */
export function stdinSecrets(step: Step): string[] {
  if (!step.stdin) return [];
  const pairs: string[] = [];
  for (const [, name, placeholder = ''] of step.stdin.matchAll(/"?([A-Za-z_][A-Za-z0-9_]*)"?\s*[=:]\s*"?(\{\{[^}]+\}\})/g)) pairs.push(`${name}: ${explainPlaceholders(placeholder)}`);
  if (pairs.length) return pairs;
  const refs = placeholderRefs(step.stdin);
  return refs.map((r, i) => `${step.secrets?.[i] ?? 'value'}: ${explainPlaceholder(r)}`);
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
