/**
 * The Markdown report as GitHub shows it: rendered by a CommonMark + GFM renderer (markdown-it),
 * code shows its text as is (no `&lt;` entities inside code), table cells stay cells, every link
 * is absolute, and each severity is a collapsible section.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import { formatAuditMarkdown, GITHUB_COMMENT_LIMIT } from '../../src/report/audit-markdown.js';
import { runChecks } from '../../src/verify/engine.js';
import { scanProject } from '../helpers/project.js';
import { goodArtifacts, pageEx } from '../verify/harness.js';

const md = new MarkdownIt({ html: true });

/** The text inside every <code> element of the rendered HTML (entities as the browser shows them). */
function codeTexts(html: string): string[] {
  return [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => (m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

describe('the Markdown report rendered as GitHub renders it', () => {
  it('a verify answer with <b>|</b> shows as is in its code span, in its own cell', () => {
    const a = goodArtifacts();
    const page = pageEx(a).response;
    if (page) page.headers.server = 'nginx/1.22.1 <b>|</b>';
    const html = md.render(formatAuditMarkdown(runChecks(a), { noun: 'checks' }));
    const codes = codeTexts(html);
    expect(codes).toContain('GET https://app.example.test/ → 200 OK; server: nginx/1.22.1 <b>|</b>');
    for (const c of codes) expect(c).not.toMatch(/&lt;|&gt;/);
    // Four cells in every finding row: the pipe in the answer did not split the row.
    const rows = [...html.matchAll(/<tr>\s*<td>[\s\S]*?<\/tr>/g)].map((m) => (m[0].match(/<td[ >]/g) ?? []).length);
    expect(rows.filter((n) => n === 4).length).toBeGreaterThan(0);
    expect(rows.filter((n) => n !== 3 && n !== 4)).toEqual([]);
  });

  it('stays within GitHub\'s comment size limit: the least severe findings are cut, with a count of them', async () => {
    const r = audit(await scanProject({}));
    const [a, b] = [r.findings[0]!, r.findings[r.findings.length - 1]!];
    // 3,000 findings (a monorepo's worth): far over 65,536 characters in full.
    const many = { ...r, findings: Array.from({ length: 3000 }, (_, i) => ({ ...(i < 1500 ? a : b), message: `${(i < 1500 ? a : b).message} (#${i})` })) };
    const text = formatAuditMarkdown(many);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = (text.match(/^\| (🔴|🟠|🟡|🔵|⚪) /gm) ?? []).length;
    expect(shown).toBeGreaterThan(100);
    expect(shown).toBeLessThan(3000);
    expect(text).toContain(`**${3000 - shown} more findings not shown** (GitHub comments hold at most 65,536 characters)`);
    // The most severe come first and are kept.
    expect(text).toContain('(#0)');
    expect(text).not.toContain('(#2999)');
    expect(md.render(text)).toContain('</details>');
    // A result that fits is never cut.
    expect(formatAuditMarkdown(r)).not.toContain('not shown');
  });

  it("an audit's findings: code in messages and fixes is never entity-escaped; links are absolute; severities collapse", async () => {
    const p = await scanProject({});
    const text = formatAuditMarkdown(audit(p));
    const html = md.render(text);
    for (const c of codeTexts(html)) expect(c).not.toMatch(/&lt;|&gt;|&amp;/);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h).toMatch(/^https:\/\//);
    expect(text).toMatch(/<details open><summary>🟠 high: \d+<\/summary>/);
  });
});
