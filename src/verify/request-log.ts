/**
 * The requests a verify run made, in the order of the artifacts, for people reading a report: each
 * HTTP exchange of every chain (plain-HTTP entry, page, health, readiness, the rate-limit burst), the
 * websocket upgrades, and the health latency samples beyond the first. Consecutive identical
 * requests with the same answer are counted once (a burst of 30 POSTs is one line).
 */
import type { Artifacts, FetchChain, HttpExchange, UpgradeAttempt } from './types.js';

export interface LoggedRequest {
  /** "GET https://example.com/health" */
  request: string;
  /** "200 OK", "ECONNREFUSED", "101 Switching Protocols"… */
  outcome: string;
  /** How many times in a row it was sent with that outcome. */
  times: number;
  /** Wall time of the first one, in ms (null for websocket upgrades). */
  ms: number | null;
}

function exchange(x: HttpExchange): Omit<LoggedRequest, 'times'> {
  const outcome = x.response ? `${x.response.status} ${x.response.statusText}`.trim() : (x.error?.code ?? 'no answer');
  return { request: `${x.request.method} ${x.request.url}`, outcome, ms: Math.round(x.ms) };
}

function upgrade(u: UpgradeAttempt, label: string): Omit<LoggedRequest, 'times'> {
  const outcome = u.status === null ? (u.error?.code ?? 'no answer') : `${u.status} ${u.statusText}`.trim();
  return { request: `GET ${u.url} (websocket upgrade, ${label})`, outcome, ms: null };
}

export function requestLog(a: Artifacts): LoggedRequest[] {
  const chain = (c: FetchChain | null | undefined) => (c ? c.hops.map(exchange) : []);
  const raw: Omit<LoggedRequest, 'times'>[] = [...chain(a.httpEntry), ...chain(a.page), ...chain(a.health?.chain)];
  const extraSamples = Math.max(0, (a.health?.samples.length ?? 0) - 1);
  const first = a.health?.chain.hops.at(-1);
  if (first && extraSamples > 0) for (const ms of (a.health?.samples ?? []).slice(1)) raw.push({ ...exchange(first), ms: Math.round(ms) });
  raw.push(...chain(a.readiness?.chain));
  if (a.socket) {
    raw.push(upgrade(a.socket.own, `Origin ${a.socket.own.origin}`));
    if (a.socket.foreign) raw.push(upgrade(a.socket.foreign, `foreign Origin ${a.socket.foreign.origin}`));
  }
  raw.push(...(a.rateLimit?.attempts ?? []).map(exchange));
  const out: LoggedRequest[] = [];
  for (const r of raw) {
    const last = out.at(-1);
    if (last && last.request === r.request && last.outcome === r.outcome) last.times++;
    else out.push({ ...r, times: 1 });
  }
  return out;
}
