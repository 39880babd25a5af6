/** Evidence of a live check: the request that was sent and the response line or header that decided. */
import type { FindingEvidence } from '../audit/types.js';
import type { FetchChain, HttpExchange, HttpResponseInfo, UpgradeAttempt } from './types.js';

/** The last exchange of a chain (the answer that was not followed further). */
export function finalOf(chain: FetchChain | null | undefined): HttpExchange | null {
  return chain?.hops[chain.hops.length - 1] ?? null;
}

/** "200 OK", or the network error. */
export function statusLine(ex: HttpExchange): string {
  if (ex.response) return `${ex.response.status}${ex.response.statusText ? ` ${ex.response.statusText}` : ''}`;
  return `no answer: ${ex.error?.code ?? 'error'}${ex.error?.message ? ` (${ex.error.message})` : ''}`;
}

export function header(res: HttpResponseInfo | null | undefined, name: string): string | null {
  return res?.headers[name.toLowerCase()] ?? null;
}

export function requestLine(ex: HttpExchange): string {
  const origin = ex.request.headers.origin;
  return `${ex.request.method} ${ex.request.url}${origin && ex.request.method === 'GET' ? ` (Origin: ${origin})` : ''}`;
}

/** Evidence for an exchange: the status, then `detail` (a header line such as "location: …" or "no strict-transport-security header"). */
export function exchangeEvidence(ex: HttpExchange, detail?: string): FindingEvidence {
  return { file: ex.request.url, line: 0, request: requestLine(ex), response: detail ? `${statusLine(ex)}; ${detail}` : statusLine(ex) };
}

/** Evidence for a response header: "name: value", or "no name header". */
export function headerEvidence(ex: HttpExchange, name: string): FindingEvidence {
  const v = header(ex.response, name);
  return exchangeEvidence(ex, v === null ? `no ${name} header` : `${name}: ${v}`);
}

export function upgradeEvidence(u: UpgradeAttempt, detail?: string): FindingEvidence {
  const answer = u.status !== null ? `${u.status}${u.statusText ? ` ${u.statusText}` : ''}` : `no answer: ${u.error?.code ?? 'error'}${u.error?.message ? ` (${u.error.message})` : ''}`;
  return { file: u.url, line: 0, request: `GET ${u.url} (Upgrade: websocket, Origin: ${u.origin})`, response: detail ? `${answer}; ${detail}` : answer };
}

export function plainEvidence(url: string, request: string, response: string): FindingEvidence {
  return { file: url, line: 0, request, response };
}
