/** `audit --format markdown`: a compact PR comment — score, category table, findings with fixes. */
import type { AuditResult } from '../audit/engine.js';
import type { Severity } from '../audit/types.js';
import { docsUrl } from '../model/links.js';
import { evidenceLabel } from './evidence.js';

const BADGE: Record<Severity, string> = { critical: '🔴 critical', high: '🟠 high', medium: '🟡 medium', low: '🔵 low', info: '⚪ info' };

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatAuditMarkdown(result: AuditResult, opts: { title?: string; showSuppressed?: boolean; noun?: string } = {}): string {
  const out: string[] = [];
  out.push(`## ${opts.title ?? 'phoenix-ops audit'}: ${result.score}/100`, '');
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`);
  out.push(`${result.findings.length} findings (${counts.join(', ')}) from ${result.rulesRun} ${opts.noun ?? 'rules'}${result.suppressed.length ? `; ${result.suppressed.length} suppressed` : ''}.`, '');
  out.push('| Category | Score | Failed rules |', '|---|---:|---:|');
  for (const c of result.categories.filter((x) => x.score !== null)) out.push(`| ${c.title} | ${c.score} | ${c.failed}/${c.rules} |`);
  out.push('');
  const list = opts.showSuppressed ? [...result.findings, ...result.suppressed] : result.findings;
  if (list.length) {
    out.push('| Severity | Rule | Where | Finding |', '|---|---|---|---|');
    for (const f of list) {
      const where = f.evidence.map((e) => `\`${esc(evidenceLabel(e)).replace(/`/g, "'")}\``).join(' ');
      out.push(`| ${BADGE[f.severity]} | [\`${f.ruleId}\`](${docsUrl(f.docs)}) | ${where} | ${esc(f.message)}${f.suppressed ? ' _(suppressed)_' : ''} |`);
    }
    out.push('', '<details><summary>How to fix</summary>', '');
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
