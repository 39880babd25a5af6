/**
 * `report --format html`: the audit's page (score gauges, findings with excerpts) with the pipeline's
 * recommendation, next steps and cost comparison (CSS bars) before the findings, and the plan's
 * files and patches with their diffs after them.
 */
import { Eta } from 'eta';
import type { AuditResult } from '../audit/engine.js';
import type { RuleMeta } from '../audit/types.js';
import { formatUsd } from '../cost/format.js';
import { classifyDiff } from '../plan/diff.js';
import { SourceReader } from './html/excerpt.js';
import { findingsView } from './html/findings.js';
import { markdownInline } from './html/markdown.js';
import { renderPage, reportDate } from './html/page.js';
import type { PlanDiff } from './html/plan-diffs.js';
import type { ReportData } from './pipeline-report.js';

export interface PipelineHtmlInput {
  data: ReportData;
  /** The whole audit (the report data keeps only the top findings) and its catalog. */
  audit: AuditResult;
  catalog: readonly RuleMeta[];
  plan: { files: PlanDiff[]; patches: PlanDiff[] };
  /** The scanned folder, for code excerpts. */
  sourceRoot?: string;
}

const eta = new Eta({ autoEscape: true, useWith: false, autoTrim: [false, 'nl'] });

const BEFORE = `<section aria-labelledby="h-next"><h2 id="h-next">Next steps</h2>
<ol class="steps"><% it.steps.forEach(function (s) { %><li><%~ s %></li><% }) %></ol></section>
<section aria-labelledby="h-target"><h2 id="h-target">Recommended target: <%= it.d.recommendation.target %></h2>
<p><%= it.reason %>.</p>
<h3 id="cost">Monthly cost by target</h3>
<p>Estimated <strong><%= it.usd(it.d.cost.recommended.monthly) %>/month</strong> on <%= it.d.cost.recommended.target %> with <%= it.d.cost.recommended.assumptions.traffic %> traffic.</p>
<ul class="bars" aria-label="Estimated monthly cost by target, in US dollars"><% it.bars.forEach(function (b) { %><li class="<%= b.rec ? 'rec' : '' %>"><span><%= b.target %><% if (b.rec) { %> <span class="muted">(recommended)</span><% } %></span><span class="bar" aria-hidden="true"><span style="width:<%= b.pct %>%"></span></span><span class="amount"><%= it.usd(b.monthly) %></span></li>
<% }) %></ul></section>
`;

const AFTER = `<section aria-labelledby="h-plan"><h2 id="h-plan">Plan for <%= it.d.recommendation.target %></h2>
<p><%= it.files.length %> <%= it.files.length === 1 ? 'file' : 'files' %>, <%= it.patches.length %> <%= it.patches.length === 1 ? 'patch' : 'patches' %> to your files (applied only with <code>generate --apply-patches</code>)<% if (it.d.plan.secrets.length) { %>; secrets to set: <% it.d.plan.secrets.forEach(function (s, i) { %><%= i ? ', ' : '' %><code><%= s %></code><% }) %><% } %>.</p>
<% it.files.concat(it.patches).forEach(function (f) { %><details class="section"><summary><code><%= f.path %></code> <span class="muted">· <%= f.action %></span></summary>
<p><%= f.description %></p>
<% if (f.lines.length && f.action.indexOf('skip') === 0) { %><p class="muted">generate leaves this file as it is; the diff shows what <code>generate --force</code> would change.</p>
<% } %><% if (f.lines.length) { %><pre class="diff"><code><% f.lines.forEach(function (l) { %><span class="<%= l.kind %>"><%= l.line || ' ' %></span><% }) %></code></pre>
<% } else { %><p class="muted">No change to show.</p>
<% } %></details>
<% }) %><% if (it.d.plan.notes.length) { %><h3 id="plan-notes">Notes</h3>
<ul class="plain"><% it.d.plan.notes.forEach(function (n) { %><li><%~ it.md(n) %></li><% }) %></ul>
<% } %></section>
`;

const KIND_CLASS: Record<string, string> = { header: 'hdr', hunk: 'hunk', add: 'add', remove: 'del', note: 'muted', context: 'ctx' };

function withLines(d: PlanDiff) {
  return { ...d, lines: d.diff.trimEnd() === '' ? [] : classifyDiff(d.diff.trimEnd()).map((l) => ({ line: l.line, kind: KIND_CLASS[l.kind] ?? 'ctx' })) };
}

export function formatReportHtml(input: PipelineHtmlInput, opts: { title?: string } = {}): string {
  const d = input.data;
  const max = Math.max(0, ...d.cost.compare.map((x) => x.monthly));
  const bars = d.cost.compare.map((x) => ({ ...x, rec: x.target === d.recommendation.target, pct: max > 0 ? Math.round((x.monthly / max) * 1000) / 10 : 0 }));
  const pr = d.project;
  return renderPage({
    title: opts.title ?? `phoenix-ops report: ${pr.otpApp}`,
    project: pr.otpApp,
    date: reportDate(),
    score: input.audit.score,
    findings: findingsView(input.audit, input.catalog, { noun: 'rules', docsDir: 'docs/rules', source: input.sourceRoot ? new SourceReader(input.sourceRoot) : null }),
    facts: [
      { label: 'Phoenix', value: `${pr.phoenix ?? 'unknown'}${pr.umbrella ? ' (umbrella)' : ''}${pr.path !== '.' ? ` in ${pr.path}/` : ''}` },
      { label: 'Stack', value: `${pr.database} · ${pr.liveView ? 'LiveView' : 'no LiveView'} · ${pr.httpServer} · assets ${pr.assets}` },
      { label: 'PubSub / clustering', value: `${pr.pubsub} / ${pr.clustering}${pr.oban ? ' · Oban' : ''}` },
      { label: 'Health route', value: pr.health ?? 'none' },
    ],
    before: eta.renderString(BEFORE, { d, reason: d.recommendation.reason.charAt(0).toUpperCase() + d.recommendation.reason.slice(1), bars, usd: formatUsd, steps: d.nextSteps.map(markdownInline) }),
    after: eta.renderString(AFTER, { d, files: input.plan.files.map(withLines), patches: input.plan.patches.map(withLines), md: markdownInline }),
  });
}
