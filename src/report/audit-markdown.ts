/** `audit --format markdown`: a compact PR comment — score, category table, findings with fixes. */
import type { AuditResult } from '../audit/engine.js';
import type { Severity } from '../audit/types.js';
import { docsUrl } from '../model/links.js';
import { evidenceLabel } from './evidence.js';

const BADGE: Record<Severity, string> = { critical: '🔴 critical', high: '🟠 high', medium: '🟡 medium', low: '🔵 low', info: '⚪ info' };
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/**
 * Text for a GFM table cell: `|` escaped everywhere (GFM splits cells on it even inside code);
 * `<`/`>` as entities outside code spans only (inside a code span an entity would show literally).
 */
function esc(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** A code span holding `s` as is: fenced with more backticks than it contains, `|` escaped for the table. */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|')}${pad}${fence}`;
}

type Finding = AuditResult['findings'][number];

function findingRow(f: Finding): string {
  const where = f.evidence.map((e) => code(evidenceLabel(e))).join(' ');
  return `| ${BADGE[f.severity]} | [\`${f.ruleId}\`](${docsUrl(f.docs)}) | ${where} | ${esc(f.message)}${f.suppressed ? ' _(suppressed)_' : ''} |`;
}

/** One collapsible section per severity; critical and high open. */
function severitySections(list: readonly Finding[]): string[] {
  const out: string[] = [];
  for (const sev of SEVERITIES) {
    const of = list.filter((f) => f.severity === sev);
    if (!of.length) continue;
    const open = sev === 'critical' || sev === 'high' ? ' open' : '';
    out.push(`<details${open}><summary>${BADGE[sev]}: ${of.length}</summary>`, '', '| Severity | Rule | Where | Finding |', '|---|---|---|---|');
    out.push(...of.map(findingRow), '', '</details>', '');
  }
  return out;
}

export function formatAuditMarkdown(result: AuditResult, opts: { title?: string; showSuppressed?: boolean; noun?: string } = {}): string {
  const out: string[] = [];
  out.push(`## ${opts.title ?? 'phoenix-ops audit'}: ${result.score}/100`, '');
  const counts = SEVERITIES.map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`);
  out.push(`${result.findings.length} findings (${counts.join(', ')}) from ${result.rulesRun} ${opts.noun ?? 'rules'}${result.suppressed.length ? `; ${result.suppressed.length} suppressed` : ''}.`, '');
  out.push('| Category | Score | Failed rules |', '|---|---:|---:|');
  for (const c of result.categories.filter((x) => x.score !== null)) out.push(`| ${c.title} | ${c.score} | ${c.failed}/${c.rules} |`);
  out.push('');
  const list = opts.showSuppressed ? [...result.findings, ...result.suppressed] : result.findings;
  if (list.length) {
    out.push(...severitySections(list));
    out.push('<details><summary>How to fix</summary>', '');
    const seen = new Set<string>();
    for (const f of list) {
      if (seen.has(f.ruleId)) continue;
      seen.add(f.ruleId);
      out.push(`- **${f.ruleId}** — ${esc(f.fix)}`);
    }
    out.push('', '</details>');
  } else {
    out.push('No findings. ✅');
  }
  return out.join('\n') + '\n';
}
