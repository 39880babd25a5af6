/**
 * Content-Security-Policy values as data, for every stage that reads one: the scan (is a policy
 * explicit), the audit (does the prod policy let LiveView open its socket) and verify (does the policy
 * the site serves). One parser, one directive fallback, one source matcher.
 */

/** A policy: directive name → its source list (names and keywords lowercased as browsers compare them). */
export type CspPolicy = ReadonlyMap<string, readonly string[]>;

/** A CSP header value as directive → source list; the first occurrence of a directive wins, as in browsers. */
export function parseCspPolicy(policy: string): CspPolicy {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!out.has(key)) out.set(key, sources);
  }
  return out;
}

/** The policies of a header value: several may be sent comma-separated, and each one applies. */
export function parseCspHeader(value: string): CspPolicy[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map(parseCspPolicy);
}

/** Fetch directives: a policy with one of these restricts what the page loads (base-uri/frame-ancestors alone do not). */
export const FETCH_DIRECTIVES = ['default-src', 'script-src', 'script-src-elem', 'style-src', 'connect-src', 'img-src', 'object-src'];

/** Directives that restrict nothing a page loads: the Phoenix 1.8 generator's default policy has only these. */
const NOT_RESTRICTING = new Set(['base-uri', 'frame-ancestors', 'report-uri', 'report-to']);

/** True when the policy has a directive beyond base-uri/frame-ancestors/reporting (an explicit policy). */
export function isExplicitCsp(policy: string): boolean {
  return [...parseCspPolicy(policy).keys()].some((d) => !NOT_RESTRICTING.has(d));
}

/** The sources that govern connections (fetch, websockets): connect-src, else default-src; null when neither is set (no restriction). */
export function connectSources(policy: CspPolicy): { directive: 'connect-src' | 'default-src'; sources: readonly string[] } | null {
  const c = policy.get('connect-src');
  if (c) return { directive: 'connect-src', sources: c };
  const d = policy.get('default-src');
  if (d) return { directive: 'default-src', sources: d };
  return null;
}

/** A plug that sets a CSP itself, by its name (a library such as PlugContentSecurityPolicy, or a project plug named like it). */
export function isCspPlugName(name: string): boolean {
  return /csp|content_?security/i.test(name);
}

/** A websocket a page opens (the LiveView socket), as CSP matching needs it. */
export interface SocketTarget {
  scheme: 'ws:' | 'wss:';
  /** Host name, lowercase; null when not known (the audit, with a host read from PHX_HOST at deploy time): then any host but a local one matches. */
  host: string | null;
  port: number;
  /** Percent-decoded path, e.g. /live/websocket. */
  path: string;
  /** The page's scheme: what a scheme-less host source means. */
  pageScheme: 'http:' | 'https:';
  /** The socket is on the page's own host and port (what 'self' covers). */
  sameOrigin: boolean;
}

const DEFAULT_PORT: Readonly<Record<string, number>> = { 'ws:': 80, 'wss:': 443, 'http:': 80, 'https:': 443 };
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

/**
 * Whether a page may open `socket` under one source expression of connect-src (CSP Level 3,
 * https://www.w3.org/TR/CSP3/#match-url-to-source-expression, §6.7.2.8, with §6.7.2.9 "scheme-part match"):
 *
 * - `*` matches (step 1: the request of a websocket has an HTTP(S) URL — Fetch's "WebSocket opening
 *   handshake" maps ws:/wss: to http:/https:).
 * - `'self'` matches a socket on the page's own host and port, wss: included (step 4: 'self' allows the
 *   secure-scheme upgrade of the protected resource's origin); other keywords, nonces and hashes do not.
 * - A scheme source matches its own scheme, and `ws:` also `wss:` (§6.7.2.9: explicitly insecure
 *   expressions allow their secure upgrade). `https:`/`http:` sources are not taken to cover sockets:
 *   browsers check the ws(s) URL against them before that mapping, so a policy relying on it breaks.
 * - A host source with a scheme needs that scheme to match the same way. A host source WITHOUT a scheme
 *   takes the page's scheme (step 3.2: "origin's scheme" must scheme-part match the URL's): from an
 *   https: page it matches wss: (the socket's request is https:), from an http: page ws: and, upgraded,
 *   wss:. So `connect-src example.com` allows wss://example.com/live/websocket from https://example.com.
 * - Then the host (`*`, `*.example.com` suffix, or exact), the port (none: the scheme's default; `*`;
 *   or that number — `ws://host` with no port also covers wss on 443, the upgrade) and, when given, the
 *   path (a trailing `/` is a prefix, otherwise exact).
 */
export function sourceAllowsSocket(source: string, socket: SocketTarget): boolean {
  const s = source.trim();
  const lower = s.toLowerCase();
  if (lower === '*') return true;
  if (lower === "'self'") return socket.sameOrigin;
  if (lower.startsWith("'")) return false;
  const schemeOnly = /^([a-z][a-z0-9+.-]*):$/.exec(lower);
  if (schemeOnly) return schemeMatches(`${schemeOnly[1]}:`, socket.scheme);
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^:/]+)(?::(\*|\d+))?(\/.*)?$/i.exec(s);
  if (!m) return false;
  const [, scheme, host = '', port, path] = m;
  const sourceScheme = scheme ? `${scheme.toLowerCase()}:` : null;
  if (sourceScheme ? !schemeMatches(sourceScheme, socket.scheme) : !pageSchemeMatches(socket.pageScheme, socket.scheme)) return false;
  return hostMatches(host.toLowerCase(), socket.host) && portMatches(port, sourceScheme, socket) && pathMatches(path, socket.path);
}

/** §6.7.2.9 for socket schemes: the same scheme, or ws: upgraded to wss:. */
function schemeMatches(source: string, socket: 'ws:' | 'wss:'): boolean {
  return source === socket || (source === 'ws:' && socket === 'wss:');
}

/** A scheme-less source from a page of this scheme: https: → wss:; http: → ws: and wss:. */
function pageSchemeMatches(page: 'http:' | 'https:', socket: 'ws:' | 'wss:'): boolean {
  return page === 'http:' || socket === 'wss:';
}

function hostMatches(pattern: string, host: string | null): boolean {
  if (host === null) return pattern === '*' || pattern.startsWith('*.') || !LOCAL_HOSTS.has(pattern);
  if (pattern === '*') return true;
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

function portMatches(port: string | undefined, sourceScheme: string | null, socket: SocketTarget): boolean {
  if (port === '*') return true;
  const isDefault = socket.port === DEFAULT_PORT[socket.scheme];
  if (port === undefined) return isDefault || (sourceScheme !== null && socket.port === DEFAULT_PORT[sourceScheme]);
  return Number(port) === socket.port;
}

function pathMatches(path: string | undefined, socketPath: string): boolean {
  if (!path || path === '/') return true;
  return path.endsWith('/') ? socketPath.startsWith(path) : socketPath === path;
}

/** The directive of a policy that blocks the socket (with its sources), or null when the policy allows it or does not restrict connections. */
export function socketBlockedBy(policy: CspPolicy, socket: SocketTarget): { directive: 'connect-src' | 'default-src'; sources: readonly string[] } | null {
  const c = connectSources(policy);
  if (!c || c.sources.some((s) => sourceAllowsSocket(s, socket))) return null;
  return c;
}
