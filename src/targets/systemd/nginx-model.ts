/**
 * What the nginx site in front of the release needs, decided from the profile and phoenix-ops.yaml: the
 * domain and certbot's certificate paths, the socket paths that upgrade to websockets, the auth routes
 * nginx rate-limits, and the largest request body the app's Plug.Parsers accepts.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Evidence, PlugRef, Profile } from '../../scan/profile.js';
import type { Term } from '../../scan/term.js';
import { authRoutes } from '../../facts/auth-routes.js';
import { literalInt } from '../../facts/terms.js';
import { endpointOf, routerOf } from '../../facts/web.js';

/** Plug.Parsers' `:length` when the app sets none (hexdocs.pm/plug/Plug.Parsers.html). */
export const PLUG_PARSERS_DEFAULT_LENGTH = 8_000_000;
/** A domain nobody owns (RFC 2606), written where phoenix-ops.yaml has no `host`. */
export const DOMAIN_PLACEHOLDER = 'your-domain.example';
/** Where certbot's webroot plugin writes the HTTP-01 tokens and nginx serves them. */
export const ACME_WEBROOT = '/var/www/letsencrypt';

export interface NginxSite {
  domain: string;
  domainPlaceholder: boolean;
  /** certbot's folder for the domain: fullchain.pem and privkey.pem. */
  certDir: string;
  webroot: string;
  upstreamPort: number;
  /** Prefixes of websocket (and longpoll) requests: `/live/`, `/socket/`. */
  socketPaths: string[];
  /** The nginx location of each: a prefix (`/live/`), or a regex for a path with params (`~ "^/chat/[^/]+/"`). */
  socketLocations: string[];
  /** An nginx regex matching the auth routes, or null when the router has none. */
  authPattern: string | null;
  authPaths: string[];
  /** client_max_body_size in bytes (0: unlimited, as the app's `length: :infinity`). */
  bodyBytes: number;
  /** Where the body limit comes from, for the plan. */
  bodySource: string;
  /** Names in nginx's http{} context, unique per app so two sites on one server do not clash. */
  zone: string;
  tlsCache: string;
  upgradeVar: string;
  /** The site file in the project and on the server. */
  localPath: string;
  serverPath: string;
}

/** Sockets only compiled in dev (`if code_reloading?`). */
const DEV_SOCKETS = new Set(['Phoenix.LiveReloader.Socket']);

function socketPaths(profile: Profile): string[] {
  const declared = (endpointOf(profile)?.sockets ?? []).filter((s) => !DEV_SOCKETS.has(s.module)).map((s) => s.path);
  const paths = new Set(profile.liveView || declared.includes('/live') ? ['/live'] : []);
  for (const p of declared) if (p.startsWith('/') && p !== '/') paths.add(p.replace(/\/+$/, ''));
  return [...paths].sort().map((p) => `${p}/`);
}

const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/users/log_in` → `/users/log_in`, `/:locale/users/log_in` → `/[^/]+/users/log_in` (segments with params match any one segment). */
function pathPattern(path: string, prefix: boolean): string {
  const segments = path.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? '[^/]+' : regexEscape(s)));
  return `/${segments.join('/')}${prefix ? '(/.*)?' : '/?'}`;
}

function authPattern(profile: Profile): { pattern: string | null; paths: string[] } {
  const routes = authRoutes(profile).filter(({ route }) => !route.path.split('/').some((s) => s.startsWith('*')));
  const patterns = [...new Set(routes.map(({ route }) => pathPattern(route.path, route.verb === 'resources')))].sort();
  const paths = [...new Set(routes.map(({ route }) => route.path))].sort();
  return { pattern: patterns.length ? `^(${patterns.join('|')})$` : null, paths };
}

/** The `length:` values of a Plug.Parsers call: the top-level one and those of `{:multipart, length: …}` tuples. */
function lengths(opts: Term | null): Term[] {
  if (!opts || opts.t !== 'kw') return [];
  const out = opts.pairs.filter((p) => p.key === 'length').map((p) => p.value);
  const parsers = opts.pairs.find((p) => p.key === 'parsers')?.value;
  for (const item of parsers?.t === 'list' ? parsers.items : []) {
    const popts = item.t === 'tuple' ? item.items[1] : undefined;
    if (popts?.t === 'kw') out.push(...popts.pairs.filter((p) => p.key === 'length').map((p) => p.value));
  }
  return out;
}

/** The largest body Plug.Parsers reads (endpoint and router pipelines), so nginx neither cuts uploads short nor lets larger ones through. */
function bodyLimit(profile: Profile): { bytes: number; source: string } {
  const plugs: PlugRef[] = [...(endpointOf(profile)?.plugs ?? []), ...(routerOf(profile)?.pipelines ?? []).flatMap((p) => p.plugs)].filter((p) => p.name === 'Plug.Parsers' && p.prod !== false);
  let bytes = PLUG_PARSERS_DEFAULT_LENGTH;
  let where: Evidence | null = null;
  for (const plug of plugs) {
    for (const t of lengths(plug.opts)) {
      if (t.t === 'atom' && t.v === 'infinity') return { bytes: 0, source: `length: :infinity (${plug.evidence.file}:${t.line})` };
      const n = literalInt(t);
      if (n !== null && (where === null || n > bytes)) [bytes, where] = [n, { file: plug.evidence.file, line: t.line }];
    }
  }
  return { bytes, source: where ? `Plug.Parsers length: ${bytes} (${where.file}:${where.line})` : `Plug.Parsers' default length (${bytes} bytes)` };
}

export function nginxSite(profile: Profile, config: DeployConfig, app: string, port: number): NginxSite {
  const domain = config.host ?? DOMAIN_PLACEHOLDER;
  const auth = authPattern(profile);
  const body = bodyLimit(profile);
  const id = app.replace(/[^A-Za-z0-9]/g, '_');
  const sockets = socketPaths(profile);
  return {
    domain,
    domainPlaceholder: config.host === null,
    certDir: `/etc/letsencrypt/live/${domain}`,
    webroot: ACME_WEBROOT,
    upstreamPort: port,
    socketPaths: sockets,
    socketLocations: sockets.map((p) => (p.split('/').some((seg) => seg.startsWith(':')) ? `~ "^${pathPattern(p, false).replace(/\/\?$/, '/')}"` : p)),
    authPattern: auth.pattern,
    authPaths: auth.paths,
    bodyBytes: body.bytes,
    bodySource: body.source,
    zone: `${id}_auth`,
    tlsCache: `${id}_tls`,
    upgradeVar: `$${id}_connection_upgrade`,
    localPath: `deploy/systemd/${app}.nginx.conf`,
    serverPath: `/etc/nginx/conf.d/${app}.conf`,
  };
}
