/** Which answer HSTS is judged on: the page's final HTTPS answer, else the health path's (never a plain-HTTP one: browsers ignore HSTS there). */
import { finalOf } from './evidence.js';
import { answered, chainProblem, type Answer, type Answered } from './queries.js';
import type { Artifacts } from './types.js';

export const ONE_YEAR_SECONDS = 31_536_000;

export function hstsResponse(a: Artifacts): Answer<Answered> {
  if (a.target.scheme !== 'https') return { na: 'the site is served over plain HTTP' };
  const chains = [a.page, a.health?.chain].filter((c) => !!c);
  for (const c of chains) {
    const f = answered(finalOf(c));
    if (!chainProblem(c, '') && f && f.request.url.startsWith('https:')) return { ok: f };
  }
  return { na: 'no HTTPS answer without a redirect loop or error to read it from' };
}

/** `max-age` of an HSTS value in seconds, or null when it has none (the header is then ignored by browsers). */
export function hstsMaxAge(value: string): number | null {
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value);
  return m ? Number(m[1]) : null;
}
