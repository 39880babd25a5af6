/** `audit --format html`: a standalone page (eta template, every value auto-escaped). */
import { Eta } from 'eta';
import type { AuditResult } from '../audit/engine.js';
import { evidenceLabel } from './evidence.js';

const eta = new Eta({ autoEscape: true, useWith: false });

const TEMPLATE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %></title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d1d1f}
h1{margin-bottom:.2rem}.score{font-size:2.4rem;font-weight:700}.good{color:#0a7d32}.mid{color:#b26b00}.bad{color:#c62828}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border-bottom:1px solid #ddd;padding:.4rem .5rem;text-align:left;vertical-align:top}
.sev{font-weight:600;text-transform:uppercase;font-size:.8rem}.critical,.high{color:#c62828}.medium{color:#b26b00}.low{color:#1565c0}.info{color:#666}
code{background:#f4f4f4;padding:0 .25rem;border-radius:3px}
</style></head><body>
<h1><%= it.title %></h1>
<p class="score <%= it.scoreClass(it.r.score) %>"><%= it.r.score %>/100</p>
<p><%= it.r.findings.length %> findings from <%= it.r.rulesRun %> rules<% if (it.r.suppressed.length) { %>, <%= it.r.suppressed.length %> suppressed<% } %>.</p>
<table><thead><tr><th>Category</th><th>Score</th><th>Failed</th></tr></thead><tbody>
<% it.r.categories.filter(function(c){ return c.score !== null }).forEach(function(c){ %><tr><td><%= c.title %></td><td class="<%= it.scoreClass(c.score) %>"><%= c.score %></td><td><%= c.failed %>/<%= c.rules %></td></tr>
<% }) %></tbody></table>
<table><thead><tr><th>Severity</th><th>Finding</th><th>Where</th></tr></thead><tbody>
<% it.r.findings.forEach(function(f){ %><tr><td class="sev <%= f.severity %>"><%= f.severity %></td>
<td><strong><%= f.title %></strong> <code><%= f.ruleId %></code><br><%= f.message %><br><em>Fix:</em> <%= f.fix %></td>
<td><% f.evidence.forEach(function(e){ %><code><%= it.label(e) %></code><br><% }) %></td></tr>
<% }) %></tbody></table>
</body></html>
`;

export function formatAuditHtml(result: AuditResult, opts: { title?: string } = {}): string {
  return eta.renderString(TEMPLATE, {
    r: result,
    title: opts.title ?? 'phoenix-ops audit',
    label: evidenceLabel,
    scoreClass: (s: number | null) => (s === null ? '' : s >= 90 ? 'good' : s >= 50 ? 'mid' : 'bad'),
  });
}
