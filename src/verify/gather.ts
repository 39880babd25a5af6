/**
 * The gatherer: every request of a verify run, made once, in order (TLS, plain HTTP, the page,
 * health and latency, readiness, the LiveView socket, then the opt-in rate-limit burst last so a
 * limiter it trips cannot skew the other answers). The result is plain data for the checks.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { parseSetCookie } from 'set-cookie-parser';
import { BoundedClient, networkError } from './http-client.js';
import { readPage } from './page-markers.js';
import { probeUpgrade, type JoinRequest } from './socket-probe.js';
import { targetOf } from './target.js';
import { probeTls } from './tls-probe.js';
import type { Artifacts, Expectations, FetchChain, HealthArtifact, HttpExchange, NetworkError, ProbedPath, RateLimitArtifact, SocketArtifact, Target, TlsArtifact } from './types.js';
import { VerifyError } from './types.js';

export interface GatherOptions {
  timeoutMs: number;
  maxRequests: number;
  /** Port plain HTTP is probed on (default 80). */
  httpPort?: number;
  /** Extra trusted CA certificates (PEM). */
  ca?: string[];
  /** Path of a sign-in endpoint for the rate-limit burst; no burst without it. */
  rateLimitProbe?: string;
  now?: () => Date;
  /** Replaces the DNS lookup (tests: a failing resolver without network traffic). */
  lookup?: (host: string) => Promise<unknown>;
}

/** Tried in order when neither the profile nor an option names the health path. */
export const HEALTH_GUESSES = ['/health', '/healthz'];
/** Tried when nothing is known about the app (no profile). */
export const READINESS_GUESSES = ['/ready', '/readyz'];
export const LATENCY_SAMPLES = 10;
export const RATE_LIMIT_MAX_REQUESTS = 30;
export const RATE_LIMIT_MAX_MS = 10_000;
export const FOREIGN_ORIGIN = 'https://phoenix-ops-verify.invalid';

export async function gather(target: Target, expect: Expectations, o: GatherOptions): Promise<Artifacts> {
  const client = new BoundedClient({ timeoutMs: o.timeoutMs, maxRequests: o.maxRequests, ca: o.ca });
  const gatheredAt = (o.now ?? (() => new Date()))().toISOString();
  await resolveHost(target.host, o.lookup ?? ((h) => lookup(h)));

  let tls: TlsArtifact | null = null;
  let httpEntry: FetchChain | null = null;
  if (target.scheme === 'http') {
    httpEntry = await client.follow(new URL(target.url));
    const first = httpEntry.hops[0];
    if (first?.error) throw connectionError(first.error, target.host, target.port);
    // A plain-HTTP URL that redirects to HTTPS on the same host: verify the HTTPS site.
    const https = httpEntry.hops.map((h) => new URL(h.request.url)).find((u) => u.protocol === 'https:');
    const next = https ?? nextHttps(httpEntry);
    if (next) target = { ...targetOf(next), httpUrl: target.url };
  }
  if (target.scheme === 'https') {
    if (!client.take()) throw new VerifyError('network', 'the request budget is spent before the TLS handshake');
    const probe = await probeTls({ host: target.host, port: target.port, timeoutMs: o.timeoutMs, ca: o.ca });
    if (!probe.tls) throw connectionError(probe.error ?? { code: 'ERROR', message: 'no TLS session' }, target.host, target.port, true);
    client.take();
    tls = probe.tls;
    httpEntry ??= await client.follow(new URL(target.httpUrl));
  }

  const page = await client.follow(new URL(target.url));
  const pageFirst = page.hops[0];
  if (pageFirst?.error && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(pageFirst.error.code)) {
    throw connectionError(pageFirst.error, target.host, target.port);
  }
  const pageFinal = page.hops[page.hops.length - 1]?.response ?? null;
  const tokens = readPage(pageFinal);

  const health = await gatherHealth(client, target, expect);
  const readiness = await gatherReadiness(client, target, expect);
  const socket = await gatherSocket(client, target, expect, page, tokens, o.timeoutMs);
  const rateLimit = o.rateLimitProbe ? await gatherRateLimit(client, target, o.rateLimitProbe, page, tokens.csrfToken) : null;

  return {
    target,
    gatheredAt,
    expect,
    tls,
    httpEntry,
    page,
    markers: tokens.markers,
    health: health.found,
    healthGuesses: health.tried,
    readiness,
    socket,
    rateLimit,
    budget: { max: o.maxRequests, used: client.used, exhausted: client.exhausted },
  };
}

async function resolveHost(host: string, resolve: (host: string) => Promise<unknown>): Promise<void> {
  if (isIP(host)) return;
  try {
    await resolve(host);
  } catch (e) {
    const code = networkError(e).code;
    throw new VerifyError('dns', `cannot resolve host "${host}" (${code})`);
  }
}

function connectionError(e: NetworkError, host: string, port: number, tlsStep = false): VerifyError {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new VerifyError('refused', `connection refused by ${where}`);
    case 'ETIMEDOUT':
      return new VerifyError('timeout', `${where} did not answer in time (${e.message})`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new VerifyError('dns', `cannot resolve host "${host}" (${e.code})`);
    case 'ECONNRESET':
      return new VerifyError('network', `${where} closed the connection${tlsStep ? ' during the TLS handshake' : ''}`);
    default:
      return tlsStep ? new VerifyError('tls', `TLS handshake with ${where} failed: ${e.message}`) : new VerifyError('network', `${where}: ${e.message}`);
  }
}

/** The https URL a plain-HTTP chain redirects to on the same host (when the chain stopped there). */
function nextHttps(chain: FetchChain): URL | null {
  const last = chain.hops[chain.hops.length - 1];
  const loc = last?.response?.headers.location;
  if (!loc || !last) return null;
  try {
    const u = new URL(loc, last.request.url);
    return u.protocol === 'https:' && u.hostname === new URL(last.request.url).hostname ? u : null;
  } catch {
    return null;
  }
}

const at = (target: Target, path: string) => new URL(path, target.origin);
const finalOf = (c: FetchChain) => c.hops[c.hops.length - 1] ?? null;

async function gatherHealth(client: BoundedClient, target: Target, expect: Expectations): Promise<{ found: HealthArtifact | null; tried: string[] }> {
  const tried: string[] = [];
  const candidates = expect.healthPath ? [expect.healthPath] : HEALTH_GUESSES.map((path) => ({ path, from: 'guess' as const }));
  for (const c of candidates) {
    const chain = await client.follow(at(target, c.path));
    const status = finalOf(chain)?.response?.status ?? 0;
    // A guessed path counts when it answers like a health route (2xx, a redirect, or 5xx "unhealthy"), not 4xx.
    if (c.from === 'guess' && (status < 200 || (status >= 400 && status < 500))) {
      tried.push(c.path);
      continue;
    }
    const found: HealthArtifact = { ...c, chain, samples: [] };
    const first = chain.hops[0];
    if (chain.hops.length === 1 && first?.response && first.response.status >= 200 && first.response.status < 300) {
      found.samples.push(first.ms);
      for (let i = 1; i < LATENCY_SAMPLES; i++) {
        const ex = await client.request('GET', at(target, c.path));
        if (!ex) break;
        found.samples.push(ex.ms);
      }
    }
    return { found, tried };
  }
  return { found: null, tried };
}

async function gatherReadiness(client: BoundedClient, target: Target, expect: Expectations): Promise<ProbedPath | null> {
  const candidates = expect.readinessPath ? [expect.readinessPath] : expect.source === 'none' ? READINESS_GUESSES.map((path) => ({ path, from: 'guess' as const })) : [];
  for (const c of candidates) {
    if (expect.healthPath?.path === c.path) continue;
    const chain = await client.follow(at(target, c.path));
    const status = finalOf(chain)?.response?.status ?? 0;
    if (c.from === 'guess' && !((status >= 200 && status < 300) || status >= 500)) continue;
    return { ...c, chain };
  }
  return null;
}

/** `name=value` pairs of the cookies the page set, as a browser sends them back. */
function cookieHeader(page: FetchChain): string | undefined {
  const jar = new Map<string, string>();
  for (const hop of page.hops) for (const c of parseSetCookie(hop.response?.setCookie ?? [], { decodeValues: false })) jar.set(c.name, c.value);
  return jar.size ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
}

async function gatherSocket(
  client: BoundedClient,
  target: Target,
  expect: Expectations,
  page: FetchChain,
  tokens: ReturnType<typeof readPage>,
  timeoutMs: number,
): Promise<SocketArtifact | null> {
  if (expect.liveView === false) return null;
  const base = new URL(`${expect.socketPath}/websocket`, target.origin);
  base.protocol = target.scheme === 'https' ? 'wss:' : 'ws:';
  base.search = '?vsn=2.0.0';
  const tlsOpts = client.tlsOptions(target.host);
  const lv = tokens.markers.liveView;
  const pageUrl = finalOf(page)?.request.url ?? target.url;
  const join: JoinRequest | undefined =
    lv?.id && tokens.session && tokens.csrfToken ? { id: lv.id, session: tokens.session, static: tokens.static, csrfToken: tokens.csrfToken, pageUrl } : undefined;
  const joinSkipped = join ? null : !lv ? 'the page has no LiveView container (data-phx-session)' : !tokens.csrfToken ? 'the page gives no CSRF token (meta csrf-token)' : 'the LiveView container has no id';
  if (!client.take()) return null;
  // The browser's LiveSocket puts the CSRF token in the socket URL; the artifact keeps the URL without it.
  const ownUrl = new URL(base.href);
  if (join) ownUrl.search = `?_csrf_token=${encodeURIComponent(join.csrfToken)}&vsn=2.0.0`;
  const own = await probeUpgrade({ url: ownUrl.href, origin: target.origin, timeoutMs, tls: tlsOpts, cookie: cookieHeader(page), join });
  own.upgrade.url = base.href;
  const known = expect.liveView === true || !!lv;
  let foreign = null;
  if ((own.upgrade.status === 101 || known) && client.take()) {
    foreign = (await probeUpgrade({ url: base.href, origin: FOREIGN_ORIGIN, timeoutMs, tls: tlsOpts })).upgrade;
  }
  return { path: expect.socketPath, own: own.upgrade, foreign, join: own.join, joinSkipped: own.upgrade.status === 101 ? joinSkipped : 'the upgrade was refused' };
}

async function gatherRateLimit(client: BoundedClient, target: Target, path: string, page: FetchChain, csrf: string | null): Promise<RateLimitArtifact> {
  const url = at(target, path);
  const cookie = cookieHeader(page);
  // No credentials: a form with only the CSRF token (so CSRF protection lets it reach the limiter), or an empty JSON object.
  const body = csrf ? `_csrf_token=${encodeURIComponent(csrf)}` : '{}';
  const contentType = csrf ? 'application/x-www-form-urlencoded' : 'application/json';
  const headers: Record<string, string> = {
    'content-type': contentType,
    origin: target.origin,
    ...(cookie ? { cookie } : {}),
  };
  const attempts: HttpExchange[] = [];
  const started = performance.now();
  let stoppedBy: RateLimitArtifact['stoppedBy'] = 'count';
  while (attempts.length < RATE_LIMIT_MAX_REQUESTS) {
    if (performance.now() - started > RATE_LIMIT_MAX_MS) {
      stoppedBy = 'time';
      break;
    }
    const ex = await client.request('POST', url, headers, body);
    if (!ex) {
      stoppedBy = 'budget';
      break;
    }
    // Cookie values and the token stay out of the record.
    ex.request.headers = { 'content-type': contentType, origin: target.origin };
    attempts.push(ex);
    if (ex.error) {
      stoppedBy = 'error';
      break;
    }
    if (ex.response?.status === 429) {
      stoppedBy = '429';
      break;
    }
    // A redirect or "no such route" on the first attempt: not a sign-in endpoint; no point in a burst.
    const status = ex.response?.status ?? 0;
    if (attempts.length === 1 && ((status >= 300 && status < 400) || status === 404 || status === 405)) {
      stoppedBy = 'unusable';
      break;
    }
  }
  return { path, method: 'POST', attempts, ms: Math.round(performance.now() - started), stoppedBy, maxRequests: RATE_LIMIT_MAX_REQUESTS, maxMs: RATE_LIMIT_MAX_MS };
}
