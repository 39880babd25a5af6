/** `audit --format markdown`: a compact PR comment — score, category table, findings with fixes. */
import type { AuditResult } from '../audit/engine.js';
import type { Severity } from '../audit/types.js';
import { docsUrl } from '../model/links.js';
import { evidenceLabel } from './evidence.js';
import { count } from '../model/plural.js';

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

/** GitHub refuses a comment body over 65,536 characters: the comment is cut to fit, with a count of what was left out. */
export const GITHUB_COMMENT_LIMIT = 65_536;

type MarkdownOptions = { title?: string; showSuppressed?: boolean; noun?: string; limit?: number };

export function formatAuditMarkdown(result: AuditResult, opts: MarkdownOptions = {}): string {
  const list = opts.showSuppressed ? [...result.findings, ...result.suppressed] : result.findings;
  const limit = opts.limit ?? GITHUB_COMMENT_LIMIT;
  const full = render(result, list, list.length, opts);
  if (full.length <= limit) return full;
  // Most severe first: keep the longest prefix of the findings that fits (binary search on its length).
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(result, list.slice(0, mid), list.length, opts).length <= limit) lo = mid;
    else hi = mid - 1;
  }
  return render(result, list.slice(0, lo), list.length, opts);
}

function render(result: AuditResult, shown: readonly Finding[], total: number, opts: MarkdownOptions): string {
  const out: string[] = [];
  out.push(`## ${opts.title ?? 'phoenix-ops audit'}: ${result.score}/100`, '');
  const counts = SEVERITIES.map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`);
  out.push(`${count(result.findings.length, 'finding')} (${counts.join(', ')}) from ${result.rulesRun} ${opts.noun ?? 'rules'}${result.suppressed.length ? `; ${result.suppressed.length} suppressed` : ''}.`, '');
  out.push('| Category | Score | Failed rules |', '|---|---:|---:|');
  for (const c of result.categories.filter((x) => x.score !== null)) out.push(`| ${c.title} | ${c.score} | ${c.failed}/${c.rules} |`);
  out.push('');
  if (total === 0) {
    out.push('No findings. ✅');
    return out.join('\n') + '\n';
  }
  out.push(...severitySections(shown));
  if (shown.length < total) {
    out.push(`**${count(total - shown.length, 'more finding')} not shown** (GitHub comments hold at most ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')} characters): run \`phoenix-ops audit\` or open the SARIF results for all of them.`, '');
  }
  out.push('<details><summary>How to fix</summary>', '');
  const seen = new Set<string>();
  for (const f of shown) {
    if (seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    out.push(`- **${f.ruleId}** — ${esc(f.fix)}`);
  }
  out.push('', '</details>');
  return out.join('\n') + '\n';
}
