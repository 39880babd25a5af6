/**
 * What a Phoenix page says about itself, read with an HTML tokenizer: the CSRF meta tag the
 * LiveSocket sends back, and the LiveView container (`data-phx-session`, `data-phx-static`, `id`,
 * `data-phx-main`) whose tokens a browser joins with.
 */
import { Parser } from 'htmlparser2';
import type { HttpResponseInfo, PageMarkers } from './types.js';

export interface PageTokens {
  markers: PageMarkers;
  /** Kept out of the artifacts: only the join uses them. */
  csrfToken: string | null;
  session: string | null;
  static: string | null;
}

export function isHtml(res: HttpResponseInfo | null): boolean {
  return !!res && /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(res.headers['content-type'] ?? '');
}

export function readPage(res: HttpResponseInfo | null): PageTokens {
  const out: PageTokens = { markers: { html: isHtml(res), csrfToken: false, liveView: null }, csrfToken: null, session: null, static: null };
  if (!res || !out.markers.html) return out;
  // A holder the parser's callbacks fill (a plain `let` would be narrowed to its initial null after them).
  const found: { main: { id: string | null; session: string; static: string | null; main: boolean } | null } = { main: null };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'meta' && attrs.name === 'csrf-token' && attrs.content) out.csrfToken = attrs.content;
        const session = attrs['data-phx-session'];
        if (session === undefined) return;
        const isMain = 'data-phx-main' in attrs;
        if (!found.main || (isMain && !found.main.main)) found.main = { id: attrs.id ?? null, session, static: attrs['data-phx-static'] ?? null, main: isMain };
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(res.body);
  parser.end();
  out.markers.csrfToken = out.csrfToken !== null;
  const m = found.main;
  if (m) {
    out.markers.liveView = { id: m.id, hasSession: m.session.length > 0, main: m.main };
    out.session = m.session || null;
    out.static = m.static;
  }
  return out;
}
