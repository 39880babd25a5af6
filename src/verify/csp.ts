/**
 * Content-Security-Policy from a response: the enforced policies (a header may carry several,
 * comma-separated; each one applies) and whether they let the page open its LiveView websocket.
 */
import { parseCspPolicy } from '../audit/facts.js';
import type { HttpResponseInfo } from './types.js';

/** Fetch directives: a policy with one of these restricts what the page loads (base-uri/frame-ancestors alone do not). */
export const FETCH_DIRECTIVES = ['default-src', 'script-src', 'script-src-elem', 'style-src', 'connect-src', 'img-src', 'object-src'];

export function enforcedPolicies(res: HttpResponseInfo | null): Map<string, string[]>[] {
  const raw = res?.headers['content-security-policy'];
  if (!raw) return [];
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map(parseCspPolicy);
}

/** The sources that govern websocket connections: connect-src, else default-src; null when neither is set (no restriction). */
export function connectSources(policy: Map<string, string[]>): { directive: string; sources: string[] } | null {
  const c = policy.get('connect-src');
  if (c) return { directive: 'connect-src', sources: c };
  const d = policy.get('default-src');
  if (d) return { directive: 'default-src', sources: d };
  return null;
}

const DEFAULT_PORT: Record<string, number> = { 'ws:': 80, 'wss:': 443, 'http:': 80, 'https:': 443 };

/**
 * True when one source lets a page at `page` connect to `socket` (a ws:/wss: URL).
 * 'self' counts (CSP Level 3 extends it to the page origin's ws/wss variants), as do `*`, `wss:`,
 * `ws:` (upgraded to wss:), and host sources with a ws/wss scheme — or no scheme, given the benefit
 * of the doubt — whose host, port and path cover the socket URL.
 */
export function sourceAllows(source: string, page: URL, socket: URL): boolean {
  const s = source.trim();
  const lower = s.toLowerCase();
  if (lower === "'none'") return false;
  if (lower === '*') return true;
  if (lower === "'self'") return page.hostname === socket.hostname && effectivePort(page) === effectivePort(socket);
  if (lower.startsWith("'")) return false;
  const schemeOnly = /^([a-z][a-z0-9+.-]*):$/.exec(lower);
  if (schemeOnly) return schemeMatches(`${schemeOnly[1]}:`, socket.protocol);
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^:/]+)(?::(\*|\d+))?(\/.*)?$/i.exec(s);
  if (!m) return false;
  const [, scheme, host, port, path] = m;
  if (scheme && !schemeMatches(`${scheme.toLowerCase()}:`, socket.protocol)) return false;
  const h = host!.toLowerCase();
  const target = socket.hostname.toLowerCase();
  if (h !== '*' && !(h.startsWith('*.') ? target.endsWith(h.slice(1)) : target === h)) return false;
  if (port !== '*') {
    const want = port ? Number(port) : DEFAULT_PORT[scheme ? `${scheme.toLowerCase()}:` : socket.protocol] ?? 443;
    const have = effectivePort(socket);
    // ws://host:80 also covers wss://host:443 after the scheme upgrade.
    if (want !== have && !(scheme?.toLowerCase() === 'ws' && !port && have === 443)) return false;
  }
  if (path && path !== '/') {
    const p = decodeURIComponent(socket.pathname);
    if (path.endsWith('/') ? !p.startsWith(path) : p !== path) return false;
  }
  return true;
}

function schemeMatches(source: string, url: string): boolean {
  if (source === url) return true;
  // CSP3 upgrades: ws: covers wss:, http: covers https:.
  return (source === 'ws:' && url === 'wss:') || (source === 'http:' && url === 'https:');
}

function effectivePort(u: URL): number {
  return u.port ? Number(u.port) : DEFAULT_PORT[u.protocol] ?? 443;
}
