/**
 * The bounded HTTP client of verify: every request has a deadline, a body limit and a User-Agent
 * naming phoenix-ops, counts against the run's request budget, and redirects are followed only on
 * the same host. Certificates are not enforced here (the TLS probe judges them), so a site with a
 * bad certificate is still checked, and nothing but GET/HEAD is sent except the explicit
 * rate-limit probe.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { REPOSITORY_URL } from '../model/links.js';
import { VERSION } from '../model/version.js';
import type { FetchChain, HttpExchange, HttpMethod, HttpResponseInfo, NetworkError } from './types.js';

export const USER_AGENT = `phoenix-ops/${VERSION} (verify; +${REPOSITORY_URL})`;
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_REDIRECTS = 5;

export interface ClientOptions {
  timeoutMs: number;
  maxRequests: number;
  /** Extra trusted CA certificates (PEM), added to the system roots. */
  ca?: string[];
  maxBodyBytes?: number;
}

/** Host without IPv6 brackets, as net/tls want it. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** SNI name: never an IP address (TLS forbids it). */
export function sniName(host: string): string | undefined {
  return isIP(host) ? undefined : host;
}

/** A thrown value as the artifacts record it: Node's error code (ECONNREFUSED…) and the first line of its message. */
export function networkError(e: unknown): NetworkError {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : 'ERROR';
  const message = e instanceof Error ? e.message : String(e);
  return { code, message: message.split('\n')[0] ?? '' };
}

export class BoundedClient {
  used = 0;
  exhausted = false;
  readonly opts: Required<Omit<ClientOptions, 'ca'>> & { ca?: string[] };

  constructor(opts: ClientOptions) {
    this.opts = { maxBodyBytes: MAX_BODY_BYTES, ...opts };
  }

  /** Takes one request from the budget; false (and `exhausted`) when none is left. */
  take(): boolean {
    if (this.used >= this.opts.maxRequests) {
      this.exhausted = true;
      return false;
    }
    this.used++;
    return true;
  }

  get remaining(): number {
    return this.opts.maxRequests - this.used;
  }

  /** TLS options shared by every https request and websocket upgrade. */
  tlsOptions(host: string): { rejectUnauthorized: false; servername?: string; ca?: string[] } {
    const servername = sniName(host);
    return { rejectUnauthorized: false, ...(servername ? { servername } : {}), ...(this.opts.ca ? { ca: this.opts.ca } : {}) };
  }

  /** One request (no redirect following). Returns null when the budget is spent. */
  async request(method: HttpMethod, url: URL, headers: Record<string, string> = {}, body?: string): Promise<HttpExchange | null> {
    if (!this.take()) return null;
    const started = performance.now();
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const exchange: HttpExchange = { request: { method, url: url.href, headers: lower }, response: null, error: null, ms: 0 };
    const host = bareHost(url.hostname);
    const mod = url.protocol === 'https:' ? https : http;
    const sendHeaders: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: 'text/html,application/json;q=0.9,*/*;q=0.8',
      'accept-encoding': 'identity',
      ...lower,
      ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    };
    await new Promise<void>((resolve) => {
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        exchange.ms = Math.round((performance.now() - started) * 10) / 10;
        resolve();
      };
      const req = mod.request(
        {
          method,
          hostname: host,
          port: url.port || (url.protocol === 'https:' ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          headers: sendHeaders,
          agent: false,
          ...(url.protocol === 'https:' ? this.tlsOptions(host) : {}),
        },
        (res) =>
          readResponse(res, method, this.opts.maxBodyBytes, (response) => {
            exchange.response = response;
            finish();
          }),
      );
      const timer = setTimeout(() => {
        if (!exchange.response) exchange.error = { code: 'ETIMEDOUT', message: `no complete answer within ${this.opts.timeoutMs / 1000} s` };
        req.destroy();
        finish();
      }, this.opts.timeoutMs);
      req.on('error', (e) => {
        if (!exchange.response && !exchange.error) exchange.error = networkError(e);
        finish();
      });
      req.end(body);
    });
    return exchange;
  }

  /** GET (or HEAD) and follow redirects on the same host, at most MAX_REDIRECTS, stopping on a loop. */
  async follow(url: URL, opts: { method?: HttpMethod; headers?: Record<string, string> } = {}): Promise<FetchChain> {
    const hops: HttpExchange[] = [];
    const seen = new Set<string>();
    let current = url;
    const host = bareHost(url.hostname).toLowerCase();
    for (;;) {
      seen.add(current.href);
      const ex = await this.request(opts.method ?? 'GET', current, opts.headers);
      if (!ex) return { hops, end: 'budget' };
      hops.push(ex);
      const next = redirectTarget(ex);
      if (!next) return { hops, end: 'done' };
      if (bareHost(next.hostname).toLowerCase() !== host) return { hops, end: 'other-host' };
      if (seen.has(next.href)) return { hops, end: 'loop' };
      if (hops.length > MAX_REDIRECTS) return { hops, end: 'too-many-redirects' };
      current = next;
    }
  }
}

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The Location of a redirect answer, resolved against the request URL; null for anything else. */
export function redirectTarget(ex: HttpExchange): URL | null {
  const r = ex.response;
  if (!r || !REDIRECT_STATUSES.has(r.status) || !r.headers.location) return null;
  try {
    return new URL(r.headers.location, ex.request.url);
  } catch {
    return null;
  }
}

/**
 * Reads an answer: its status, its headers (repeated ones joined with ", ", Set-Cookie apart) and at most
 * `limit` bytes of body; `done` is called when the body ends, errors or is cut at the limit (maybe more
 * than once: the caller settles on the first).
 */
function readResponse(res: http.IncomingMessage, method: HttpMethod, limit: number, done: (response: HttpResponseInfo) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (k === 'set-cookie' || v === undefined) continue;
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const end = () =>
    done({
      status: res.statusCode ?? 0,
      statusText: res.statusMessage ?? '',
      headers,
      setCookie: res.headers['set-cookie'] ?? [],
      body: Buffer.concat(chunks).toString('utf8'),
      bodyTruncated: truncated,
    });
  if (method === 'HEAD') {
    res.resume();
    res.on('end', end);
    res.on('error', end);
    return;
  }
  res.on('data', (chunk: Buffer) => {
    if (truncated) return;
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      size = limit;
      truncated = true;
      end();
      res.destroy();
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  res.on('end', end);
  res.on('error', end);
  res.on('aborted', end);
}
