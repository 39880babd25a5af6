/**
 * The one reporter interface (ESLint's formatters, Lighthouse's report renderers): `report(subject,
 * format, options)` renders a result of `audit`, of `verify` or of the whole read-only pipeline in any
 * format it has. Every command prints through it; no stage branches on output format. Each format's
 * module loads only when asked for (the HTML template engine is not read for a text report).
 */
import pc from 'picocolors';
import type { AuditResult } from '../audit/engine.js';
import type { RuleMeta } from '../audit/types.js';
import type { Colors } from '../model/colors.js';
import type { VerifyResult } from '../verify/engine.js';
import type { PipelineHtmlInput } from './pipeline-html.js';
import type { ReportData } from './pipeline-report.js';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'html';

/** What is reported: the result, with the catalog it came from (SARIF lists every rule or check). */
export type Reportable =
  | { kind: 'audit'; result: AuditResult; catalog: readonly RuleMeta[] }
  | { kind: 'verify'; result: VerifyResult; catalog: readonly RuleMeta[] }
  | { kind: 'pipeline'; result: ReportData; /** What only the HTML report shows: the whole audit, the plan's diffs. */ html?: Omit<PipelineHtmlInput, 'data'> };

export interface ReportOptions {
  /** Text only: the color functions (none by default). */
  colors?: Colors;
  /** Also list the findings suppressed by phoenix-ops.yaml or inline comments (text, json, markdown). */
  showSuppressed?: boolean;
  /** Heading of text, markdown and html reports. */
  title?: string;
  /** SARIF: the audited folder's path from the repository root, so file URIs are repository-relative. */
  sourcePrefix?: string;
  /** HTML: the project's name for the header. */
  project?: string;
  /** HTML: the scanned folder evidence paths are relative to (code excerpts are read from it). */
  sourceRoot?: string;
}

type Render<S> = (subject: S, o: Required<Pick<ReportOptions, 'colors' | 'showSuppressed'>> & Pick<ReportOptions, 'title' | 'sourcePrefix' | 'project' | 'sourceRoot'>) => Promise<string>;
type Renderers<S> = Partial<Record<ReportFormat, Render<S>>>;

const AUDIT: Renderers<Extract<Reportable, { kind: 'audit' }>> = {
  text: async ({ result: r }, o) => (await import('./audit-text.js')).formatAuditText(r, o.colors, { showSuppressed: o.showSuppressed, title: o.title }),
  json: async ({ result: r }, o) => (await import('./audit-json.js')).formatAuditJson(r, { showSuppressed: o.showSuppressed }),
  sarif: async ({ result: r, catalog }, o) => (await import('./sarif.js')).formatSarif(r, catalog, { sourcePrefix: o.sourcePrefix ?? '' }),
  markdown: async ({ result: r }, o) => (await import('./audit-markdown.js')).formatAuditMarkdown(r, { showSuppressed: o.showSuppressed, title: o.title }),
  html: async ({ result: r, catalog }, o) => (await import('./audit-html.js')).formatAuditHtml(r, { title: o.title, catalog, project: o.project, sourceRoot: o.sourceRoot }),
};

const VERIFY: Renderers<Extract<Reportable, { kind: 'verify' }>> = {
  text: async ({ result: r }, o) => {
    const [{ formatAuditText }, { verifySummary }] = await Promise.all([import('./audit-text.js'), import('./verify-text.js')]);
    return `${formatAuditText(r, o.colors, { title: o.title, showSuppressed: o.showSuppressed, noun: 'checks' })}\n${o.colors.dim(verifySummary(r))}`;
  },
  json: async ({ result: r }, o) => (await import('./verify-json.js')).formatVerifyJson(r, { showSuppressed: o.showSuppressed }),
  sarif: async ({ result: r, catalog }) => (await import('./sarif.js')).formatSarif(r, catalog, { docsDir: 'docs/verify' }),
  markdown: async ({ result: r }, o) => {
    const [{ formatAuditMarkdown }, { verifySummary }] = await Promise.all([import('./audit-markdown.js'), import('./verify-text.js')]);
    return `${formatAuditMarkdown(r, { title: o.title, showSuppressed: o.showSuppressed, noun: 'checks' })}\n${verifySummary(r)}\n`;
  },
  html: async ({ result: r, catalog }, o) => (await import('./verify-html.js')).formatVerifyHtml(r, { title: o.title, catalog }),
};

const PIPELINE: Renderers<Extract<Reportable, { kind: 'pipeline' }>> = {
  text: async ({ result: r }, o) => (await import('./pipeline-report.js')).formatReportText(r, o.colors),
  json: async ({ result: r }) => JSON.stringify(r, null, 2),
  markdown: async ({ result: r }) => (await import('./pipeline-report.js')).formatReportMarkdown(r),
  html: async ({ result: data, html }, o) => {
    if (!html) throw new Error('the html report of the pipeline needs the whole audit and the plan (pass `html`)');
    return (await import('./pipeline-html.js')).formatReportHtml({ data, ...html }, { title: o.title });
  },
};

/** The formats a kind of result has. */
export function reportFormats(kind: Reportable['kind']): ReportFormat[] {
  const table = kind === 'audit' ? AUDIT : kind === 'verify' ? VERIFY : PIPELINE;
  return (['text', 'json', 'sarif', 'markdown', 'html'] as const).filter((f) => table[f] !== undefined);
}

export async function report(subject: Reportable, format: ReportFormat, options: ReportOptions = {}): Promise<string> {
  const o = { colors: options.colors ?? pc.createColors(false), showSuppressed: options.showSuppressed ?? false, title: options.title, sourcePrefix: options.sourcePrefix, project: options.project, sourceRoot: options.sourceRoot };
  const unsupported = () => Object.assign(new Error(`the ${subject.kind} report has no ${format} format (formats: ${reportFormats(subject.kind).join(', ')})`), { name: 'UsageError' });
  switch (subject.kind) {
    case 'audit': {
      const render = AUDIT[format];
      if (!render) throw unsupported();
      return render(subject, o);
    }
    case 'verify': {
      const render = VERIFY[format];
      if (!render) throw unsupported();
      return render(subject, o);
    }
    case 'pipeline': {
      const render = PIPELINE[format];
      if (!render) throw unsupported();
      return render(subject, o);
    }
  }
}
