/** The one reporter interface: report(subject, format) renders audit, verify and pipeline results in each of their formats. */
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import { rules } from '../../src/audit/rules/index.js';
import { colors } from '../../src/cli/output.js';
import { formatAuditHtml } from '../../src/report/audit-html.js';
import { formatAuditJson } from '../../src/report/audit-json.js';
import { formatAuditMarkdown } from '../../src/report/audit-markdown.js';
import { formatAuditText } from '../../src/report/audit-text.js';
import { report, reportFormats } from '../../src/report/index.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatVerifyJson } from '../../src/report/verify-json.js';
import { verifySummary } from '../../src/report/verify-text.js';
import { checks } from '../../src/verify/checks/index.js';
import { runChecks } from '../../src/verify/engine.js';
import { goodArtifacts, pageEx } from '../verify/harness.js';
import { scanProject } from '../helpers/project.js';

describe('report(subject, format)', () => {
  it('renders an audit in every format as its formatter does', async () => {
    const result = audit(await scanProject());
    const subject = { kind: 'audit' as const, result, catalog: rules };
    const c = colors(false);
    const title = 'phoenix-ops audit of hello_phoenix';
    expect(await report(subject, 'text', { colors: c, title })).toBe(formatAuditText(result, c, { title, showSuppressed: false }));
    expect(await report(subject, 'json', { showSuppressed: true })).toBe(formatAuditJson(result, { showSuppressed: true }));
    expect(await report(subject, 'sarif')).toBe(formatSarif(result, rules));
    expect(await report(subject, 'markdown', { title })).toBe(formatAuditMarkdown(result, { title, showSuppressed: false }));
    process.env.SOURCE_DATE_EPOCH = '1780000000';
    try {
      expect(await report(subject, 'html', { title })).toBe(formatAuditHtml(result, { title, catalog: rules }));
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });
  it('renders a verify result with what it measured', async () => {
    const a = goodArtifacts();
    delete pageEx(a).response!.headers['x-content-type-options'];
    const result = runChecks(a);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['nosniff-header-missing']);
    const subject = { kind: 'verify' as const, result, catalog: checks };
    const c = colors(false);
    expect(await report(subject, 'text', { colors: c, title: 't' })).toBe(`${formatAuditText(result, c, { title: 't', noun: 'checks', showSuppressed: false })}\n${verifySummary(result)}`);
    expect(await report(subject, 'markdown', { title: 't' })).toBe(`${formatAuditMarkdown(result, { title: 't', noun: 'checks', showSuppressed: false })}\n${verifySummary(result)}\n`);
    expect(await report(subject, 'json')).toBe(formatVerifyJson(result));
    expect(JSON.parse(await report(subject, 'sarif')).runs[0].tool.driver.rules[0].helpUri).toMatch(/docs\/verify\//);
  });
  it('a format a kind of result does not have is a usage error', async () => {
    expect(reportFormats('pipeline')).toEqual(['text', 'json', 'markdown', 'html']);
    expect(reportFormats('audit')).toEqual(['text', 'json', 'sarif', 'markdown', 'html']);
    const data = { schemaVersion: 1 } as never;
    await expect(report({ kind: 'pipeline', result: data }, 'sarif')).rejects.toMatchObject({ name: 'UsageError', message: 'the pipeline report has no sarif format (formats: text, json, markdown, html)' });
    expect(await report({ kind: 'pipeline', result: data }, 'json')).toBe('{\n  "schemaVersion": 1\n}');
  });
});
