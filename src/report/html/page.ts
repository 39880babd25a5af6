/**
 * One page for the three HTML reports (audit, verify, report): header with project, tool version, date
 * and score gauges that link to their category's findings; the findings by category and severity; the
 * passed, not-applicable and suppressed rules or checks in collapsed sections; the sections a report
 * adds before and after the findings (already rendered). eta escapes every value; only HTML this
 * package rendered itself (Markdown through markdown-it without raw HTML, the added sections) goes in raw.
 */
import { Eta } from 'eta';
import { VERSION } from '../../model/version.js';
import { SEVERITIES } from '../../audit/types.js';
import { STYLE, SCRIPT } from './assets.js';
import type { FindingView, FindingsView } from './findings.js';

export interface HtmlPage {
  title: string;
  project: string;
  /** What `project` names: a project (audit, report) or a site (verify). */
  subject?: 'Project' | 'Site';
  /** When the report was made (SOURCE_DATE_EPOCH when set, for reproducible output). */
  date: Date;
  score: number;
  findings: FindingsView;
  /** Label/value pairs under the header (verify's measurements, the report's project). */
  facts: { label: string; value: string }[];
  /** Rendered sections before and after the findings. */
  before?: string;
  after?: string;
}

const eta = new Eta({ autoEscape: true, useWith: false, autoTrim: [false, 'nl'] });

/** `SOURCE_DATE_EPOCH` (seconds) when set, else `fallback` (a run's own time), else now. */
export function reportDate(fallback?: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const d = fallback ? new Date(fallback) : new Date();
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

export function scoreClass(score: number): string {
  return score >= 90 ? 'good' : score >= 50 ? 'mid' : 'bad';
}

/** A circular gauge (SVG, circumference 100 so the arc length is the score) with the number inside. */
export function ring(score: number): string {
  const s = Math.max(0, Math.min(100, Math.round(score)));
  return `<span class="g-ring"><svg viewBox="0 0 36 36" aria-hidden="true" focusable="false"><circle class="track" cx="18" cy="18" r="15.9155"/>${s > 0 ? `<circle class="arc" cx="18" cy="18" r="15.9155" stroke-dasharray="${s} 100"/>` : ''}</svg><span class="g-num">${s}<span class="sr">/100</span></span></span>`;
}

const FINDING = `<details class="finding s-<%= it.f.severity %>" id="<%= it.f.anchor %>"><summary><span class="badge b-<%= it.f.severity %>"><%= it.f.severity %></span> <span class="f-title"><%~ it.f.titleHtml %></span> <code><%= it.f.ruleId %></code><% if (it.f.evidence[0]) { %><span class="f-where"><%= it.f.evidence[0].label %></span><% } %></summary>
<div class="f-body"><p><%~ it.f.messageHtml %></p>
<% if (it.f.suppressed) { %><p class="muted">Suppressed by <%= it.f.suppressed %></p>
<% } %><% it.f.evidence.forEach(function (e) { %><% if (e.excerpt || it.f.evidence.length > 1) { %><p class="f-where">Evidence: <code><%= e.label %></code></p>
<% } %><% if (e.excerpt) { %><pre class="code"><code class="excerpt"><% e.excerpt.forEach(function (l) { %><span class="ln<%= l.marked ? ' mark' : '' %>" data-n="<%= l.n %>"><span><% if (l.marked) { %><span class="sr">evidence line: </span><% } %><%= l.text || ' ' %></span></span><% }) %></code></pre>
<% } %><% }) %><p><strong>How to fix</strong></p>
<%~ it.f.fixHtml %>
<p><a href="<%= it.f.docsUrl %>">Documentation: <%= it.f.ruleId %></a><% if (it.f.equivalents.length) { %> <span class="muted">· also covered by <%= it.f.equivalents.join(', ') %></span><% } %></p>
</div></details>
`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.p.title %></title>
<style><%~ it.style %></style></head><body>
<a class="skip" href="#findings">Skip to the findings</a>
<header class="top"><div class="wrap">
<h1><%= it.p.title %></h1>
<p class="meta"><span><%= it.p.subject || 'Project' %>: <strong><%= it.p.project %></strong></span><span>phoenix-ops <%= it.version %></span><span>Generated <time datetime="<%= it.iso %>"><%= it.dateText %></time></span></p>
<ul class="gauges" aria-label="Scores">
<li><span class="gauge total <%= it.cls(it.p.score) %>"><%~ it.ring(it.p.score) %><span class="g-label"><strong>Overall</strong></span></span></li>
<% it.cats.forEach(function (c) { %><li><a class="gauge <%= it.cls(c.score) %>" href="#<%= c.anchor %>"><%~ it.ring(c.score) %><span class="g-label"><%= c.title %></span><span class="g-sub"><%= c.failed %>/<%= c.rules %> <span class="sr"><%= it.f.noun %></span> failed</span></a></li>
<% }) %></ul>
<% if (it.p.facts.length) { %><dl class="facts"><% it.p.facts.forEach(function (x) { %><dt><%= x.label %></dt><dd><%= x.value %></dd><% }) %></dl>
<% } %></div></header>
<main class="wrap">
<%~ it.p.before || '' %>
<section id="findings" aria-labelledby="h-findings"><h2 id="h-findings">Findings</h2>
<p><%= it.total %> <%= it.total === 1 ? 'finding' : 'findings' %> from <%= it.ran %> <%= it.f.noun %><% if (it.f.suppressed.length) { %>, <%= it.f.suppressed.length %> suppressed<% } %>.</p>
<ul class="counts" aria-label="Findings by severity"><% it.sevs.forEach(function (s) { %><li><span class="badge b-<%= it.f.counts[s] ? s : 'zero' %>"><%= it.f.counts[s] %> <%= s %></span></li><% }) %></ul>
<form id="severity-filter" class="filter" hidden><fieldset><legend>Show severities</legend>
<% it.sevs.forEach(function (s) { %><label><input type="checkbox" name="severity" value="<%= s %>" checked> <%= s %> (<%= it.f.counts[s] %>)</label><% }) %>
</fieldset></form>
<% it.f.categories.forEach(function (c) { %><section class="category" id="<%= c.anchor %>" data-category aria-labelledby="h-<%= c.anchor %>"><h3 id="h-<%= c.anchor %>"><%= c.title %> <span class="muted">· <%= c.score %>/100</span></h3>
<% if (!c.groups.length) { %><p class="ok">Nothing failed: <%= c.rules === 1 ? 'the one ' + it.f.noun.slice(0, -1) + ' passed' : 'all ' + c.rules + ' ' + it.f.noun + ' passed' %> or <%= c.rules === 1 ? 'was' : 'were' %> mitigated.</p>
<% } %><% c.groups.forEach(function (g) { %><div class="sev-group" id="<%= g.anchor %>" data-severity="<%= g.severity %>"><h4><%= g.severity %> (<%= g.findings.length %>)</h4>
<% g.findings.forEach(function (f) { %><%~ it.finding(f) %><% }) %></div>
<% }) %></section>
<% }) %></section>
<section aria-labelledby="h-other"><h2 id="h-other">Other <%= it.f.noun %></h2>
<% if (it.f.suppressed.length) { %><details class="section" id="suppressed"><summary>Suppressed findings (<%= it.f.suppressed.length %>)</summary>
<% it.f.suppressed.forEach(function (f) { %><%~ it.finding(f) %><% }) %></details>
<% } %><details class="section" id="passed"><summary>Passed <%= it.f.noun %> (<%= it.f.passed.length %>)</summary><ul class="rules">
<% it.f.passed.forEach(function (r) { %><li><a href="<%= r.docsUrl %>"><%= r.id %></a> <span class="muted">(<%= r.category %>)</span> — looked for: <%= r.title %></li>
<% }) %></ul></details>
<details class="section" id="not-applicable"><summary>Not applicable (<%= it.f.notApplicable.length %>)</summary><ul class="rules">
<% it.f.notApplicable.forEach(function (r) { %><li><a href="<%= r.docsUrl %>"><%= r.id %></a> — <%= r.reason %></li>
<% }) %></ul></details>
</section>
<%~ it.p.after || '' %>
</main>
<footer class="wrap">Made by phoenix-ops <%= it.version %> on <%= it.dateText %>. This file is self-contained: it loads nothing from the network.</footer>
<script><%~ it.script %></script>
</body></html>
`;

export function renderFinding(f: FindingView): string {
  return eta.renderString(FINDING, { f });
}

export function renderPage(p: HtmlPage): string {
  const iso = p.date.toISOString();
  return eta.renderString(PAGE, {
    p,
    f: p.findings,
    cats: p.findings.categories.filter((c) => c.score !== null),
    sevs: SEVERITIES,
    total: SEVERITIES.reduce((n, s) => n + p.findings.counts[s], 0),
    ran: p.findings.ran,
    version: VERSION,
    iso,
    dateText: `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`,
    style: STYLE,
    script: SCRIPT,
    cls: scoreClass,
    ring,
    finding: renderFinding,
  });
}
