/** `audit --format html`: one self-contained page (./html/page.ts) over the audit's result. */
import type { AuditResult } from '../audit/engine.js';
import type { RuleMeta } from '../audit/types.js';
import { SourceReader } from './html/excerpt.js';
import { findingsView } from './html/findings.js';
import { renderPage, reportDate } from './html/page.js';

export interface HtmlReportOptions {
  title?: string;
  /** The project's name for the header. */
  project?: string;
  /** The rule catalog (titles of the passed and not-applicable rules). */
  catalog?: readonly RuleMeta[];
  /** The scanned folder evidence paths are relative to: code excerpts are read from it. */
  sourceRoot?: string;
}

export function formatAuditHtml(result: AuditResult, opts: HtmlReportOptions = {}): string {
  const findings = findingsView(result, opts.catalog ?? [], { noun: 'rules', docsDir: 'docs/rules', source: opts.sourceRoot ? new SourceReader(opts.sourceRoot) : null });
  return renderPage({
    title: opts.title ?? 'phoenix-ops audit',
    project: opts.project ?? '(unnamed project)',
    date: reportDate(),
    score: result.score,
    findings,
    facts: [],
  });
}
