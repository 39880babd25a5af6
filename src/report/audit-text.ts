/** `audit --format text`: findings grouped by category, most severe first, with file:line and the fix. */
import type { Colors } from '../model/colors.js';
import type { AuditResult } from '../audit/engine.js';
import { CATEGORY_TITLES } from '../audit/scoring.js';
import type { Category, Finding, Severity } from '../audit/types.js';
import { evidenceLabel, isRequestEvidence } from './evidence.js';

const ICON: Record<Severity, string> = { critical: '✖', high: '✖', medium: '▲', low: '•', info: 'ℹ' };

export function severityColor(c: Colors, s: Severity): (t: string) => string {
  return s === 'critical' || s === 'high' ? c.red : s === 'medium' ? c.yellow : s === 'low' ? c.cyan : c.dim;
}

export function scoreColor(c: Colors, score: number | null): (t: string) => string {
  if (score === null) return c.dim;
  return score >= 90 ? c.green : score >= 50 ? c.yellow : c.red;
}

export function formatAuditText(result: AuditResult, c: Colors, opts: { showSuppressed?: boolean; title?: string; noun?: string } = {}): string {
  const lines: string[] = [];
  if (opts.title) lines.push(c.bold(opts.title), '');
  const groups = new Map<Category, Finding[]>();
  const shown = opts.showSuppressed ? [...result.findings, ...result.suppressed] : result.findings;
  for (const f of shown) {
    const list = groups.get(f.category) ?? [];
    list.push(f);
    groups.set(f.category, list);
  }
  for (const [cat, findings] of groups) {
    const title = CATEGORY_TITLES[cat];
    const catScore = result.categories.find((x) => x.id === cat)?.score ?? null;
    lines.push(`${c.bold(title)} ${scoreColor(c, catScore)(catScore === null ? '' : `${catScore}/100`)}`);
    for (const f of findings) {
      const color = severityColor(c, f.severity);
      const files = f.evidence.filter((e) => !isRequestEvidence(e));
      const requests = f.evidence.filter(isRequestEvidence);
      const where = files.map(evidenceLabel).join(', ');
      const sup = f.suppressed ? c.dim(` [suppressed by ${f.suppressed.by}: ${f.suppressed.reason}]`) : '';
      lines.push(`  ${color(`${ICON[f.severity]} ${f.severity.padEnd(8)}`)} ${f.title} ${c.dim(`(${f.ruleId})`)}${sup}`);
      if (where) lines.push(`    ${c.dim(where)}`);
      for (const e of requests) lines.push(`    ${c.dim(evidenceLabel(e))}`);
      lines.push(`    ${f.message}`);
      lines.push(`    ${c.green('fix:')} ${f.fix}`);
    }
    lines.push('');
  }
  if (shown.length === 0) lines.push(c.green('No findings.'), '');
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => severityColor(c, s)(`${n} ${s}`));
  lines.push(
    `Score ${scoreColor(c, result.score)(`${result.score}/100`)} · ${result.rulesRun} ${opts.noun ?? 'rules'} · ${counts.length ? counts.join(', ') : '0 findings'}` +
      (result.suppressed.length ? c.dim(` · ${result.suppressed.length} suppressed${opts.showSuppressed ? '' : ' (--show-suppressed)'}`) : ''),
  );
  const cats = result.categories.filter((x) => x.score !== null).map((x) => `${x.title} ${scoreColor(c, x.score)(String(x.score))}`);
  lines.push(c.dim(cats.join(' · ')));
  return lines.join('\n');
}
