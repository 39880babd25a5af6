/** The audit reporters render verify's request evidence (the request and the deciding answer) instead of file:line, and file evidence as before. */
import { describe, expect, it } from 'vitest';
import { colors } from '../../src/cli/output.js';
import { formatAuditHtml } from '../../src/report/audit-html.js';
import { auditJson } from '../../src/report/audit-json.js';
import { formatAuditMarkdown } from '../../src/report/audit-markdown.js';
import { formatAuditText } from '../../src/report/audit-text.js';
import { buildSarif } from '../../src/report/sarif.js';
import { checks } from '../../src/verify/checks/index.js';
import { runChecks } from '../../src/verify/engine.js';
import { goodArtifacts, pageEx } from '../verify/harness.js';

function result() {
  const a = goodArtifacts();
  pageEx(a).response!.headers['strict-transport-security'] = 'max-age=60';
  pageEx(a).response!.headers.server = 'nginx/1.22.1 <b>|</b>';
  return runChecks(a);
}

describe('request evidence in every format', () => {
  it('text prints the request and the answer, no ":0" lines', () => {
    const t = formatAuditText(result(), colors(false), { noun: 'checks' });
    expect(t).toContain('GET https://app.example.test/ → 200 OK; strict-transport-security: max-age=60');
    expect(t).not.toMatch(/https:\/\/app\.example\.test\/:0/);
    expect(t).toMatch(/Score \d+\/100 · 27 checks/);
  });

  it('json keeps file/line and adds request/response', () => {
    const j = auditJson(result());
    const f = j.findings.find((x) => x.ruleId === 'hsts-max-age-short')!;
    expect(f.evidence).toEqual([{ file: 'https://app.example.test/', line: 0, request: 'GET https://app.example.test/', response: '200 OK; strict-transport-security: max-age=60' }]);
  });

  it('markdown keeps the answer as is inside its code span (only the table pipe escaped)', () => {
    const md = formatAuditMarkdown(result(), { title: 'phoenix-ops verify of https://app.example.test/', noun: 'checks' });
    expect(md).toContain('`GET https://app.example.test/ → 200 OK; server: nginx/1.22.1 <b>\\|</b>`');
    expect(md).toMatch(/from 27 checks/);
  });

  it('html escapes it', () => {
    const html = formatAuditHtml(result());
    expect(html).toContain('server: nginx/1.22.1 &lt;b&gt;|&lt;/b&gt;');
    expect(html).not.toContain('<b>|</b>');
  });

  it('sarif locates at the URL (a logical location, not a file), without a region, with docs under docs/verify', () => {
    const s = buildSarif(result(), checks, { docsDir: 'docs/verify' });
    const run = s.runs[0]!;
    const res = run.results!.find((r) => r.ruleId === 'hsts-max-age-short')!;
    expect(res.locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: 'https://app.example.test/', kind: 'resource' }], message: { text: 'GET https://app.example.test/ → 200 OK; strict-transport-security: max-age=60' } }]);
    expect(run.tool.driver.rules!.find((r) => r.id === 'hsts-max-age-short')!.helpUri).toMatch(/\/docs\/verify\/hsts-max-age-short\.md$/);
  });
});
