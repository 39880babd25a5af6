/**
 * A small Node server that answers like a Phoenix 1.7 app behind a TLS-terminating proxy, for the
 * live verify tests. Each behaviour mirrors what the Phoenix piece does:
 * - Plug.SSL (`force_ssl: [rewrite_on: [:x_forwarded_proto]]`): 301 to https for requests the
 *   proxy marks `x-forwarded-proto: http`, `strict-transport-security: max-age=31536000` on HTTPS;
 *   without `rewrite_on` the app sees every proxied request as http and redirects forever;
 * - `put_secure_browser_headers` (Phoenix 1.7's five headers, plus a CSP when given);
 * - Plug.Session's cookie (`_hello_phoenix_key=SFMyNTY.…; path=/; HttpOnly` + configured flags);
 * - the root layout's `<meta name="csrf-token">` and the LiveView container
 *   (`id="phx-…" data-phx-main data-phx-session data-phx-static`);
 * - Phoenix.Socket.Transport's check_origin (403 on a refused Origin, no Origin accepted) and the
 *   V2 channel protocol's `phx_join` → `phx_reply` for `lv:<id>`;
 * - a Hammer-style limit on POST /users/log_in answering 429 with a JSON body.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export interface StubOptions {
  /** The public HTTPS port (the proxy's), for Plug.SSL's redirect. */
  httpsPort: number;
  /** 'proxy': rewrite_on x-forwarded-proto; 'ignore-proxy': no rewrite_on (loops); 'off': no force_ssl; 'temporary': a 302 instead of 301. */
  forceSsl?: 'proxy' | 'ignore-proxy' | 'off' | 'temporary';
  /** HSTS value on HTTPS answers; null for none. */
  hsts?: string | null;
  /** put_secure_browser_headers in the browser pipeline. */
  secureHeaders?: boolean;
  csp?: string | null;
  /** Attributes after `path=/` on the session cookie. */
  cookieFlags?: string;
  /** check_origin: the url host compared with the Origin's host, or false. */
  checkOrigin?: string | false;
  healthRedirect?: boolean;
  healthStatus?: number;
  readiness?: 'ok' | 'down';
  /** Sign-in attempts allowed before 429; null for no limit. */
  rateLimit?: number | null;
  joinReply?: 'ok' | 'stale';
  pageStatus?: number;
}

export interface Stub {
  port: number;
  close(): Promise<void>;
  /** What the stub saw (for asserting the tool's manners). */
  seen: { method: string; url: string; userAgent: string; origin: string | null }[];
}

const SECURE_HEADERS: Record<string, string> = {
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
};

const b64 = (s: string) => Buffer.from(s).toString('base64url');

export function startStub(opts: StubOptions): Promise<Stub> {
  const o = {
    forceSsl: 'proxy' as const,
    hsts: 'max-age=31536000',
    secureHeaders: true,
    csp: "default-src 'self'; connect-src 'self'; img-src 'self' data:",
    cookieFlags: '; secure; HttpOnly; SameSite=Lax',
    checkOrigin: '127.0.0.1' as string | false,
    healthRedirect: false,
    healthStatus: 200,
    readiness: 'ok' as const,
    rateLimit: 5 as number | null,
    joinReply: 'ok' as const,
    pageStatus: 200,
    ...opts,
  };
  const csrf = randomBytes(18).toString('base64url');
  const session = `SFMyNTY.${b64(JSON.stringify({ id: 'phx-F_verify', session: {} }))}.${randomBytes(16).toString('base64url')}`;
  const staticToken = `SFMyNTY.${b64(JSON.stringify({ flash: {} }))}.${randomBytes(16).toString('base64url')}`;
  const cookieValue = `SFMyNTY.${b64(JSON.stringify({ _csrf_token: csrf }))}.${randomBytes(16).toString('base64url')}`;
  let signIns = 0;
  const seen: Stub['seen'] = [];

  /** Plug.SSL: the redirect for a request the app considers plain HTTP, or null. */
  const sslRedirect = (req: IncomingMessage): string | null => {
    if (o.forceSsl === 'off') return null;
    const proto = req.headers['x-forwarded-proto'];
    const http = o.forceSsl === 'ignore-proxy' ? true : proto === 'http';
    if (!http) return null;
    const host = (req.headers.host ?? '127.0.0.1').replace(/:\d+$/, '');
    return `https://${host}:${o.httpsPort}${req.url ?? '/'}`;
  };
  const isHttps = (req: IncomingMessage) => o.forceSsl !== 'ignore-proxy' && req.headers['x-forwarded-proto'] === 'https';

  const send = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string | string[]> = {}) => {
    if (o.hsts && isHttps(req)) res.setHeader('strict-transport-security', o.hsts);
    res.writeHead(status, { 'content-type': type, 'cache-control': 'max-age=0, private, must-revalidate', 'x-request-id': randomBytes(8).toString('hex'), ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const page = () =>
    [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta name="csrf-token" content="${csrf}">`,
      '<title>HelloPhoenix</title>',
      '<script defer phx-track-static type="text/javascript" src="/assets/app-1f2e3d.js"></script>',
      '</head>',
      '<body>',
      `<div id="phx-F_verify" data-phx-main data-phx-session="${session}" data-phx-static="${staticToken}">`,
      '<main><h1>Welcome</h1></main>',
      '</div>',
      '</body>',
      '</html>',
    ].join('\n');

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', userAgent: req.headers['user-agent'] ?? '', origin: (req.headers.origin as string) ?? null });
    const redirect = sslRedirect(req);
    if (redirect) {
      res.writeHead(o.forceSsl === 'temporary' ? 302 : 301, { location: redirect, 'content-length': '0' });
      return res.end();
    }
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/') {
      if (o.pageStatus >= 500) return send(req, res, o.pageStatus, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>');
      const headers: Record<string, string | string[]> = { 'set-cookie': [`_hello_phoenix_key=${cookieValue}; path=/${o.cookieFlags}`] };
      if (o.secureHeaders) Object.assign(headers, SECURE_HEADERS);
      if (o.csp) headers['content-security-policy'] = o.csp;
      return send(req, res, o.pageStatus, 'text/html; charset=utf-8', page(), headers);
    }
    if (req.method === 'GET' && path === '/health' && o.healthRedirect) {
      res.writeHead(301, { location: '/health/', 'content-length': '0' });
      return res.end();
    }
    if (req.method === 'GET' && (path === '/health' || (path === '/health/' && o.healthRedirect))) {
      return send(req, res, o.healthStatus, 'application/json', o.healthStatus < 300 ? '{"status":"ok"}' : '{"status":"unavailable"}');
    }
    if (req.method === 'GET' && path === '/ready') {
      return o.readiness === 'ok'
        ? send(req, res, 200, 'application/json', '{"status":"ok","database":"ok"}')
        : send(req, res, 503, 'application/json', '{"status":"error","database":"connection refused"}');
    }
    if (req.method === 'POST' && path === '/users/log_in') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (body += d));
      req.on('end', () => {
        signIns++;
        if (o.rateLimit !== null && signIns > o.rateLimit) return send(req, res, 429, 'application/json', '{"error":"too many requests"}');
        const token = new URLSearchParams(body).get('_csrf_token');
        const cookie = req.headers.cookie ?? '';
        // Plug.CSRFProtection: the token must match the one in the session cookie.
        if (token !== csrf || !cookie.includes(`_hello_phoenix_key=${cookieValue}`)) return send(req, res, 403, 'text/html', '<h1>Forbidden</h1>');
        return send(req, res, 200, 'text/html; charset=utf-8', '<p class="alert">Invalid email or password</p>', o.secureHeaders ? SECURE_HEADERS : {});
      });
      return;
    }
    send(req, res, 404, 'text/html; charset=utf-8', '<h1>Not Found</h1>');
  };

  const server: Server = createServer(handler);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    seen.push({ method: 'UPGRADE', url: req.url ?? '', userAgent: req.headers['user-agent'] ?? '', origin: (req.headers.origin as string) ?? null });
    const refuse = (status: string, extra = '') => {
      socket.end(`HTTP/1.1 ${status}\r\ncontent-length: 0\r\nconnection: close\r\n${extra}\r\n`);
    };
    const redirect = sslRedirect(req);
    if (redirect) return refuse('301 Moved Permanently', `location: ${redirect}\r\n`);
    if ((req.url ?? '').split('?')[0] !== '/live/websocket') return refuse('404 Not Found');
    const origin = req.headers.origin;
    if (origin && o.checkOrigin !== false) {
      let host = '';
      try {
        host = new URL(origin).hostname;
      } catch {
        // a malformed Origin is refused
      }
      if (host !== o.checkOrigin) return refuse('403 Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data) => {
        let msg: unknown;
        try {
          msg = JSON.parse(data.toString());
        } catch {
          return;
        }
        if (!Array.isArray(msg) || msg[3] !== 'phx_join') return;
        const [joinRef, ref, topic, , payload] = msg as [string, string, string, string, { session?: string; params?: { _csrf_token?: string } }];
        const valid = topic === 'lv:phx-F_verify' && payload?.session === session && payload?.params?._csrf_token === csrf && o.joinReply === 'ok';
        const reply = valid ? { status: 'ok', response: { rendered: { '0': 'Welcome', s: ['<main><h1>', '</h1></main>'] } } } : { status: 'error', response: { reason: 'stale' } };
        ws.send(JSON.stringify([joinRef, ref, topic, 'phx_reply', reply]));
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        seen,
        close: () =>
          new Promise<void>((r) => {
            for (const c of wss.clients) c.terminate();
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
