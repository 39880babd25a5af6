/**
 * What a cross-site page could do with a socket whose origin check is off. A browser sends the
 * user's cookies with a websocket handshake to any origin, but Phoenix hands a socket's `connect`
 * only what its `connect_info` asks for: the cookie session (`connect_info: [session: …]`, and every
 * LiveView socket) only when the `_csrf_token` param matches it, which a foreign page cannot know.
 * So a socket authenticates from ambient credentials only through a custom `{M, F, A}` connect_info
 * (called with the conn, cookies included); otherwise only what the page itself sends (params: a
 * `Phoenix.Token`, a JWT) reaches `connect`, and a foreign page has none of the user's.
 */
import type { SocketRef } from '../scan/profile.js';
import { kwGet, type Term } from '../scan/term.js';

/**
 * - `csrf-session`: the cookie session reaches `connect` only with a valid CSRF token (LiveView, `session:`);
 * - `params`: nothing the browser sends by itself reaches `connect`;
 * - `custom`: a `{M, F, A}` connect_info receives the conn (cookies) before any check;
 * - `unknown`: the socket options could not be read.
 */
export type SocketCredentials = 'csrf-session' | 'params' | 'custom' | 'unknown';

const TRANSPORTS = ['websocket', 'longpoll'] as const;

/** How the socket's `connect` learns who the user is, from its transports' `connect_info`. */
export function socketCredentials(s: SocketRef): SocketCredentials {
  if (s.opts !== null && s.opts.t !== 'kw' && s.opts.t !== 'list') return 'unknown';
  let result: SocketCredentials = s.module === 'Phoenix.LiveView.Socket' ? 'csrf-session' : 'params';
  for (const transport of TRANSPORTS) {
    const opts = kwGet(s.opts, transport);
    if (opts === undefined || opts.t === 'bool') continue;
    if (opts.t !== 'kw' && opts.t !== 'list') return 'unknown';
    const info = kwGet(opts, 'connect_info');
    if (info === undefined) continue;
    const kind = connectInfoCredentials(info);
    if (kind === 'custom' || kind === 'unknown') return kind;
    if (kind === 'csrf-session') result = 'csrf-session';
  }
  return result;
}

function connectInfoCredentials(info: Term): SocketCredentials {
  if (info.t === 'kw') return info.pairs.some((p) => p.key === 'session') ? 'csrf-session' : 'params';
  if (info.t !== 'list') return 'unknown';
  let result: SocketCredentials = 'params';
  for (const item of info.items) {
    if (item.t === 'atom') continue;
    if (item.t === 'kw') {
      if (item.pairs.some((p) => p.key === 'session')) result = 'csrf-session';
      continue;
    }
    // `{MyAppWeb.SocketAuth, :from_cookie, []}`: the app's own function of the conn.
    if (item.t === 'tuple' && item.items[0]?.t === 'alias') return 'custom';
    if (item.t === 'tuple' && item.items[0]?.t === 'atom' && item.items[0].v === 'session') {
      result = 'csrf-session';
      continue;
    }
    return 'unknown';
  }
  return result;
}

/** How an origin check is off in prod: written `false`, or read from env with a default that turns it off. */
export type OriginOff = { how: 'literal' } | { how: 'env-default'; env: string };

/**
 * Whether a prod `check_origin` value disables the check: `false`, or, with its env var unset, a
 * value that comes out false: `System.get_env("CHECK_ORIGIN", "false")` piped into a parser,
 * `System.get_env("CHECK_ORIGIN", "false") == "true"`, `… || false`.
 */
export function originCheckOff(t: Term | undefined): OriginOff | null {
  if (!t) return null;
  if (t.t === 'bool') return t.v ? null : { how: 'literal' };
  const env = envOf(t);
  if (!env) return null;
  return valueWhenUnset(t) === false ? { how: 'env-default', env } : null;
}

type Value = string | boolean | null | undefined;

/** The value with every env var unset (`undefined`: cannot tell). */
function valueWhenUnset(t: Term): Value {
  switch (t.t) {
    case 'bool':
      return t.v;
    case 'nil':
      return null;
    case 'string':
      return t.interpolated ? undefined : t.v;
    case 'env':
      return t.default ? valueWhenUnset(t.default) : null;
    case 'op':
      return opWhenUnset(t.op, t.left, t.right);
    case 'call': {
      // A parser of the env value (`parse_check_origin!/1`): "false" parses to false.
      const arg = t.args[0];
      return arg && arg.t === 'env' && valueWhenUnset(arg) === 'false' ? false : undefined;
    }
    default:
      return undefined;
  }
}

function opWhenUnset(op: string, leftT: Term, rightT: Term): Value {
  const left = valueWhenUnset(leftT);
  if (op === '|>') return left === 'false' && rightT.t === 'call' ? false : undefined;
  if (op === '||') return left === undefined ? undefined : left === false || left === null ? valueWhenUnset(rightT) : left;
  const right = valueWhenUnset(rightT);
  if (left === undefined || right === undefined) return undefined;
  if (op === '==' || op === '===') return left === right;
  if (op === '!=' || op === '!==') return left !== right;
  return undefined;
}

function envOf(t: Term): string | null {
  if (t.t === 'env') return t.name;
  if (t.t === 'op') return envOf(t.left) ?? envOf(t.right);
  if (t.t === 'call') return t.args.map(envOf).find((n) => n !== null) ?? null;
  return null;
}
