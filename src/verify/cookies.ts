/** Set-Cookie headers of gathered responses, and which one is the Phoenix session cookie. */
import { parseSetCookie, type Cookie } from 'set-cookie-parser';
import type { FetchChain, HttpExchange } from './types.js';

export interface SeenCookie {
  cookie: Cookie;
  /** The Set-Cookie line as sent (its value replaced, never printed). */
  line: string;
  exchange: HttpExchange;
}

export function cookiesOf(chain: FetchChain | null): SeenCookie[] {
  const out: SeenCookie[] = [];
  for (const ex of chain?.hops ?? []) {
    for (const line of ex.response?.setCookie ?? []) {
      const [cookie] = parseSetCookie(line, { decodeValues: false });
      if (cookie) out.push({ cookie, line: redactCookieLine(line), exchange: ex });
    }
  }
  return out;
}

/** "name=…; path=/; HttpOnly": attributes kept, the value left out. */
export function redactCookieLine(line: string): string {
  const i = line.indexOf('=');
  const j = line.indexOf(';');
  if (i < 0) return line;
  return `${line.slice(0, i)}=…${j > i ? line.slice(j) : ''}`;
}

/**
 * Plug.Session's cookie: the name from the session options when known, else a cookie named like
 * Phoenix's `_<app>_key` or whose value is a Plug signed ("SFMyNTY." = base64 "HS256") or
 * encrypted ("QTEyOEdDTQ." = "A128GCM") token.
 */
export function sessionCookie(cookies: SeenCookie[], name: string | null): SeenCookie | null {
  const live = cookies.filter((c) => !isDeletion(c.cookie));
  if (name) return live.find((c) => c.cookie.name === name) ?? null;
  return live.find((c) => /^_\w+_key$/.test(c.cookie.name)) ?? live.find((c) => /^(SFMyNTY|QTEyOEdDTQ)\./.test(c.cookie.value)) ?? null;
}

function isDeletion(c: Cookie): boolean {
  return c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.UTC(2000, 0, 1));
}
