import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import type { Rule } from '../../src/audit/rule.js';
import { colors } from '../../src/cli/output.js';
import { formatAuditHtml } from '../../src/report/audit-html.js';
import { auditJson } from '../../src/report/audit-json.js';
import { formatAuditMarkdown } from '../../src/report/audit-markdown.js';
import { formatAuditText } from '../../src/report/audit-text.js';
import { buildSarif } from '../../src/report/sarif.js';
import { scanProject } from '../helpers/project.js';

const rule = (id: string, severity: Rule['severity'], message: string): Rule => ({
  id,
  title: `Title of ${id}`,
  category: 'web-security',
  severity,
  description: 'Why this matters in production.',
  fix: 'Do the <right> thing.',
  equivalents: ['sobelow:Config.CSP'],
  requires: [],
  messages: { only: message },
  check: () => [{ messageId: 'only', evidence: [{ file: 'lib/hello_phoenix_web/router.ex', line: 12 }] }],
});

async function result() {
  const profile = await scanProject();
  const rules = [rule('first-rule', 'high', 'a <script> in "quotes" | pipe'), rule('second-rule', 'low', 'minor thing')];
  return { rules, r: audit(profile, { rules }) };
}

describe('audit output formats', () => {
  it('json follows the documented contract', async () => {
    const { r } = await result();
    const j = auditJson(r);
    expect(Object.keys(j)).toEqual(['schemaVersion', 'score', 'categories', 'findings', 'suppressedCount', 'notApplicable']);
    expect(j.findings[0]).toEqual({
      ruleId: 'first-rule',
      severity: 'high',
      category: 'web-security',
      title: 'Title of first-rule',
      message: 'a <script> in "quotes" | pipe',
      messageId: 'only',
      evidence: [{ file: 'lib/hello_phoenix_web/router.ex', line: 12 }],
      fix: 'Do the <right> thing.',
      docs: 'docs/rules/first-rule.md',
      docsUrl: 'https://github.com/phoenix-ops/phoenix-ops/blob/main/docs/rules/first-rule.md',
      equivalents: ['sobelow:Config.CSP'],
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
  it('sarif 2.1.0 has rules with help and results with startLine', async () => {
    const { r, rules } = await result();
    const s = buildSarif(r, rules);
    expect(s.version).toBe('2.1.0');
    const run = s.runs[0]!;
    expect(run.tool.driver.name).toBe('phoenix-ops');
    expect(run.tool.driver.rules!.map((x) => x.id)).toEqual(['first-rule', 'second-rule']);
    expect(run.tool.driver.rules![0]!.help!.text).toContain('How to fix');
    expect(run.results![0]).toMatchObject({
      ruleId: 'first-rule',
      ruleIndex: 0,
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'lib/hello_phoenix_web/router.ex' }, region: { startLine: 12 } } }],
    });
    expect(run.results![1]!.level).toBe('note');
    expect(Object.keys(run.results![0]!.partialFingerprints!)).toEqual(['phoenixOps/v1']);
  });
  it('markdown escapes table pipes and html', async () => {
    const { r } = await result();
    const md = formatAuditMarkdown(r);
    expect(md).toMatch(/^## phoenix-ops audit: \d+\/100/);
    expect(md).toContain('a &lt;script&gt; in "quotes" \\| pipe');
    expect(md).toContain('`lib/hello_phoenix_web/router.ex:12`');
  });
  it('markdown links are absolute (a PR comment has no page to be relative to), derived from package.json', async () => {
    const { r } = await result();
    const md = formatAuditMarkdown(r);
    const links = [...md.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l).toMatch(/^https:\/\/github\.com\/phoenix-ops\/phoenix-ops\/blob\/main\/docs\/rules\/[a-z-]+\.md$/);
  });
  it('html escapes every value', async () => {
    const { r } = await result();
    const html = formatAuditHtml(r);
    expect(html).toContain('a &lt;script&gt; in &quot;quotes&quot; | pipe');
    // The page's own inline script is the only one.
    expect(html.split('<script>').length - 1).toBe(1);
  });
  it('text has no escape codes without color and groups by category', async () => {
    const { r } = await result();
    const t = formatAuditText(r, colors(false));
    expect(t).not.toMatch(/\x1b\[/);
    expect(t).toContain('Web security');
    expect(t).toContain('lib/hello_phoenix_web/router.ex:12');
    expect(formatAuditText(r, colors(true))).toMatch(/\x1b\[/);
  });
});

describe('every link in every audit output format is absolute', () => {
  it('text, json, markdown, sarif and html: links are https:// addresses (html may also link within the page)', async () => {
    const { rules } = await import('../../src/audit/rules/index.js');
    const r = audit(await scanProject());
    expect(r.findings.length).toBeGreaterThan(0);
    const relativeDoc = /(^|[\s("'=])\.{0,2}\/?docs\/(rules|verify)\/[a-z0-9-]+\.md/m;
    // text: no link at all may be a package path.
    expect(formatAuditText(r, colors(false))).not.toMatch(relativeDoc);
    // json: every finding's docsUrl is absolute; `docs` is the documented package path, not a link.
    for (const f of auditJson(r).findings) expect(f.docsUrl).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/docs\/rules\/[a-z0-9-]+\.md$/);
    // markdown: every link target.
    const md = formatAuditMarkdown(r);
    const mdLinks = [...md.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(mdLinks.length).toBeGreaterThan(0);
    for (const l of mdLinks) expect(l).toMatch(/^https:\/\//);
    // sarif: every URI that is a link (helpUri, informationUri); file locations are relative to %SRCROOT% by design.
    const sarif = JSON.stringify(buildSarif(r, rules));
    const uris = [...sarif.matchAll(/"(helpUri|informationUri)":"([^"]+)"/g)].map((m) => m[2]!);
    expect(uris.length).toBeGreaterThan(0);
    for (const u of uris) expect(u).toMatch(/^https:\/\//);
    // html: every href is absolute or an anchor in the same page.
    const hrefs = [...formatAuditHtml(r).matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    for (const h of hrefs) expect(h).toMatch(/^(https:\/\/|#)/);
  });
});
