/** Questions several checks ask of the artifacts, answered once so every check reads them the same way. */
import { finalOf } from './evidence.js';
import { isHtml } from './page-markers.js';
import type { Artifacts, FetchChain, HttpExchange, HttpResponseInfo } from './types.js';

export type Answer<T> = { ok: T } | { na: string };

/** An exchange that got a response. */
export type Answered = HttpExchange & { response: HttpResponseInfo };

/** The exchange with its response, or null when it got none (a network error). */
export function answered(ex: HttpExchange | null | undefined): Answered | null {
  const response = ex?.response;
  return ex && response ? { ...ex, response } : null;
}

/** Why a chain gave no usable final answer, or null when it did. */
export function chainProblem(chain: FetchChain, what: string): string | null {
  const f = finalOf(chain);
  switch (chain.end) {
    case 'loop':
    case 'too-many-redirects':
      return `${what} redirects in a loop (see redirect-loop)`;
    case 'budget':
      return 'the request budget ran out (raise --max-requests)';
    case 'other-host':
      return `${what} redirects to another host (${f?.response?.headers.location ?? '?'}), which verify does not follow`;
    default:
      if (!f?.response) return `${what} got no answer (${f?.error?.code ?? 'error'})`;
      return null;
  }
}

/** The page's final answer when it is usable for header checks (not a 5xx, not a loop). */
export function pageAnswer(a: Artifacts): Answer<Answered> {
  const problem = chainProblem(a.page, 'the page');
  const ex = answered(finalOf(a.page));
  if (problem || !ex) return { na: problem ?? 'the page got no answer' };
  if (ex.response.status >= 500) return { na: `the page answered ${ex.response.status} (see page-not-served)` };
  return { ok: ex };
}

/** The page's final answer when it is an HTML document (CSP, framing and referrer rules are about documents). */
export function htmlPage(a: Artifacts): Answer<Answered> {
  const p = pageAnswer(a);
  if ('na' in p) return p;
  if (!isHtml(p.ok.response)) return { na: `the page is ${p.ok.response.headers['content-type'] ?? 'without a content type'}, not HTML` };
  return p;
}

/** True when the app uses LiveView (from the profile, else from the page's markers); null when unknown. */
export function usesLiveView(a: Artifacts): boolean | null {
  if (a.expect.liveView !== null) return a.expect.liveView;
  return a.markers.liveView ? true : null;
}

/** Every chain gathered, with a name for messages. */
export function allChains(a: Artifacts): { name: string; chain: FetchChain }[] {
  const out: { name: string; chain: FetchChain }[] = [];
  if (a.httpEntry) out.push({ name: 'the plain-HTTP URL', chain: a.httpEntry });
  out.push({ name: 'the page', chain: a.page });
  if (a.health) out.push({ name: `the health path ${a.health.path}`, chain: a.health.chain });
  if (a.readiness) out.push({ name: `the readiness path ${a.readiness.path}`, chain: a.readiness.chain });
  return out;
}

/** Nearest-rank percentile of durations (ms). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

/** One line of a body for a message: whitespace folded, at most `max` characters. */
export function bodyExcerpt(body: string, max = 120): string {
  const t = body.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
}
