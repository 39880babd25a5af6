/** What `verify` measured besides findings, in one line: TLS, certificate, health latency, LiveView, requests used. */
import type { VerifyResult } from '../verify/engine.js';

export function verifySummary(r: VerifyResult): string {
  const parts: string[] = [];
  if (r.tls) parts.push(`${r.tls.protocol ?? 'TLS'}${r.tls.daysToExpiry !== null ? `, certificate ${r.tls.daysToExpiry < 0 ? `expired ${-r.tls.daysToExpiry} days ago` : `valid ${r.tls.daysToExpiry} more days`}` : ''}`);
  else parts.push('plain HTTP');
  if (r.latency) parts.push(`health ${r.latency.path} p50 ${r.latency.p50Ms} ms, p95 ${r.latency.p95Ms} ms (${r.latency.samples} requests)`);
  parts.push(r.liveView === true ? 'LiveView' : r.liveView === false ? 'no LiveView' : 'LiveView not found');
  parts.push(`${r.requests.used}/${r.requests.max} requests`);
  parts.push(r.expectations === 'profile' ? 'expectations from the project' : 'no project (discovered from the site)');
  return parts.join(' · ');
}
