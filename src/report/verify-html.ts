/** `verify --format html`: the audit's page with what the run measured (TLS, latency, requests) and the requests made. */
import { Eta } from 'eta';
import type { RuleMeta } from '../audit/types.js';
import type { VerifyResult } from '../verify/engine.js';
import { findingsView } from './html/findings.js';
import { renderPage, reportDate } from './html/page.js';

const eta = new Eta({ autoEscape: true, useWith: false, autoTrim: [false, 'nl'] });

const REQUESTS = `<section aria-labelledby="h-requests"><h2 id="h-requests">Requests made (<%= it.r.requests.used %> of at most <%= it.r.requests.max %>)</h2>
<details class="section" id="requests"><summary>Every request, in order</summary><ol class="requests">
<% it.r.requestLog.forEach(function (q) { %><li><code><%= q.request %></code> → <%= q.outcome %><% if (q.ms !== null) { %> <span class="muted">· <%= q.ms %> ms</span><% } %><% if (q.times > 1) { %> <span class="muted">· ×<%= q.times %></span><% } %></li>
<% }) %></ol></details></section>
`;

export function verifyFacts(r: VerifyResult): { label: string; value: string }[] {
  const facts: { label: string; value: string }[] = [];
  if (r.tls) {
    const cert = r.tls.daysToExpiry === null ? '' : r.tls.daysToExpiry < 0 ? `, certificate expired ${-r.tls.daysToExpiry} days ago` : `, certificate valid ${r.tls.daysToExpiry} more days`;
    facts.push({ label: 'TLS', value: `${r.tls.protocol ?? 'unknown protocol'}${cert}` });
  } else facts.push({ label: 'TLS', value: 'none (plain HTTP)' });
  facts.push({ label: 'Health latency', value: r.latency ? `${r.latency.path}: p50 ${r.latency.p50Ms} ms, p95 ${r.latency.p95Ms} ms over ${r.latency.samples} requests` : 'not measured (no health route answered 2xx)' });
  facts.push({ label: 'LiveView', value: r.liveView === true ? 'yes' : r.liveView === false ? 'no' : 'not found' });
  facts.push({ label: 'Requests', value: `${r.requests.used} of at most ${r.requests.max}` });
  facts.push({ label: 'Expectations', value: r.expectations === 'profile' ? 'from the project' : 'none (discovered from the site)' });
  return facts;
}

export function formatVerifyHtml(r: VerifyResult, opts: { title?: string; catalog?: readonly RuleMeta[] } = {}): string {
  return renderPage({
    title: opts.title ?? `phoenix-ops verify of ${r.url}`,
    project: r.url,
    subject: 'Site',
    date: reportDate(r.checkedAt),
    score: r.score,
    findings: findingsView(r, opts.catalog ?? [], { noun: 'checks', docsDir: 'docs/verify', source: null }),
    facts: verifyFacts(r),
    after: eta.renderString(REQUESTS, { r: { ...r, requestLog: r.requestLog ?? [] } }),
  });
}
