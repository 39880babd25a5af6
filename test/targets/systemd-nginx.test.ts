/**
 * The systemd target's nginx site, run by Debian's real nginx: `nginx -t` on the generated file (certbot's
 * paths swapped for a self-signed certificate made here with openssl, everything in a temp prefix), then
 * live requests through nginx on loopback ports to a small Node upstream standing in for the release:
 * HTTP→HTTPS redirect and the ACME challenge on the port-80 server; X-Forwarded-* headers, websocket
 * upgrades on every socket path, the auth rate limit (429), the body limit (413), digested-asset caching,
 * gzip and HSTS on the TLS server. The runtime.exs patch that binds the release to PHX_IP is evaluated by
 * Elixir's own Config.Reader.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { defaultConfig } from '../../src/plan/config.js';
import { target } from '../../src/targets/systemd/index.js';
import { freePorts, nginxConfigTest, PortInUseError, startNginxHttp, type Nginx } from '../helpers/nginx.js';
import { makeProject, replace, scanProject } from '../helpers/project.js';

const DOMAIN = 'shop.example.com';
const APP = 'hello-phoenix';
const CONF = `deploy/systemd/${APP}.nginx.conf`;

let tmp: string;
let upstream: Server;
let upstreamPort: number;
let out: TargetOutput;
let conf: string;
let nginx: Nginx;
let ports: { http: number; https: number };
/** Headers of the last request (or upgrade) the upstream received. */
let seen: IncomingHttpHeaders = {};
/** Upgraded sockets leave the HTTP server's bookkeeping: closed by hand at the end. */
const tunnels: Socket[] = [];

/** Replaces text that must be in the generated file (a missing one fails the test instead of testing something else). */
function swap(text: string, from: string, to: string): string {
  expect(text, `generated site lacks ${from}`).toContain(from);
  return text.split(from).join(to);
}

/** The generated site with certbot's paths, the webroot and the public ports swapped for the test's. */
function forTest(text: string, certDir: string, webroot: string, http: number, https: number): string {
  let t = swap(text, `/etc/letsencrypt/live/${DOMAIN}`, certDir);
  t = swap(t, 'root /var/www/letsencrypt;', `root ${webroot};`);
  t = swap(t, '  listen 80;', `  listen 127.0.0.1:${http};`);
  t = swap(t, '  listen [::]:80;\n', '');
  t = swap(t, '  listen 443 ssl http2;', `  listen 127.0.0.1:${https} ssl http2;`);
  return swap(t, '  listen [::]:443 ssl http2;\n', '');
}

function startUpstream(): Promise<Server> {
  const server = createServer((req, res) => {
    seen = req.headers;
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/assets/')) {
        res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=60' });
        res.end(`body { color: red; }\n`.repeat(100));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url, method: req.method }));
    });
  });
  // A websocket handshake answered by hand (RFC 6455 section 4.2.2), then an echo.
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    seen = req.headers;
    tunnels.push(socket);
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.on('data', (d) => socket.write(d));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request to nginx (a new connection each time), TLS on the https port with the test domain as SNI and Host. */
function send(tls: boolean, path: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const common = { host: '127.0.0.1', path, method: opts.method ?? 'GET', headers: { host: DOMAIN, ...opts.headers }, agent: false as const };
    const onResponse = (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('latin1').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    };
    let answered = false;
    const req = tls
      ? httpsRequest({ ...common, port: ports.https, servername: DOMAIN, rejectUnauthorized: false }, (r) => ((answered = true), onResponse(r)))
      : httpRequest({ ...common, port: ports.http }, (r) => ((answered = true), onResponse(r)));
    // nginx answers 413 before reading a body it refuses and may close the connection while it is still being sent.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.end(opts.body);
  });
}

/** A websocket handshake through nginx: the status it answers and, after a 101, what the upstream echoes back. */
function upgrade(path: string): Promise<{ status: number; echo: string }> {
  return new Promise((resolve, reject) => {
    const key = Buffer.from('phoenix-ops-test').toString('base64');
    const req = httpsRequest({
      host: '127.0.0.1',
      port: ports.https,
      path,
      servername: DOMAIN,
      rejectUnauthorized: false,
      agent: false,
      headers: { host: DOMAIN, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': key },
    });
    req.on('upgrade', (res, socket) => {
      socket.once('data', (d: Buffer) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, echo: d.toString() });
      });
      socket.write('ping');
    });
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, echo: '' }));
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'phoenix-ops-nginx-site-'));
  upstream = await startUpstream();
  upstreamPort = (upstream.address() as AddressInfo).port;
  // The example app with a second socket and a 1 MB body limit; its router has the phx.gen.auth routes.
  const profile = await scanProject({
    'lib/hello_phoenix_web/endpoint.ex': (s) =>
      replace('  socket "/live",', '  socket "/socket", HelloPhoenixWeb.UserSocket, websocket: true, longpoll: false\n  socket "/rooms/:room", HelloPhoenixWeb.RoomSocket, websocket: true\n\n  socket "/live",')(
        replace('    pass: ["*/*"],', '    pass: ["*/*"],\n    length: 1_000_000,')(s),
      ),
  });
  const config: DeployConfig = { ...defaultConfig(profile), app: APP, host: DOMAIN, port: upstreamPort, targets: ['systemd'] };
  out = target.render(profile, config);
  conf = out.files.find((f) => f.path === CONF)!.content;

  const certDir = join(tmp, 'live');
  const webroot = join(tmp, 'webroot');
  mkdirSync(certDir, { recursive: true });
  mkdirSync(join(webroot, '.well-known', 'acme-challenge'), { recursive: true });
  writeFileSync(join(webroot, '.well-known', 'acme-challenge', 'token-123'), 'token-123.thumbprint');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${DOMAIN}`, '-addext', `subjectAltName=DNS:${DOMAIN}`, '-keyout', join(certDir, 'privkey.pem'), '-out', join(certDir, 'fullchain.pem')], { stdio: 'ignore' });

  for (let attempt = 1; ; attempt++) {
    const [http, https] = await freePorts(2);
    ports = { http: http!, https: https! };
    writeFileSync(join(tmp, 'site.conf'), forTest(conf, certDir, webroot, ports.http, ports.https));
    try {
      nginx = await startNginxHttp(join(tmp, 'run'), [`include ${join(tmp, 'site.conf')};`], [ports.http, ports.https]);
      break;
    } catch (e) {
      if (!(e instanceof PortInUseError) || attempt >= 3) throw e;
    }
  }
}, 30_000);

afterAll(async () => {
  await nginx?.stop();
  for (const t of tunnels) t.destroy();
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
  rmSync(tmp, { recursive: true, force: true });
});

describe('systemd target: nginx in front, against real nginx', () => {
  it('nginx -t accepts the generated site inside an http{} block', () => {
    const r = nginxConfigTest(join(tmp, 'check'), [`include ${join(tmp, 'site.conf')};`]);
    expect(r.output).toContain('syntax is ok');
    expect(r.output).not.toMatch(/\[warn\]/);
    expect(r.code).toBe(0);
  });

  it('uses certbot\'s paths, the release port on loopback and the app\'s own limits', () => {
    expect(conf).toContain(`ssl_certificate /etc/letsencrypt/live/${DOMAIN}/fullchain.pem;`);
    expect(conf).toContain(`ssl_certificate_key /etc/letsencrypt/live/${DOMAIN}/privkey.pem;`);
    expect(conf).toContain(`proxy_pass http://127.0.0.1:${upstreamPort};`);
    expect(conf).toContain('client_max_body_size 1000000;');
    expect(conf).toMatch(/location \/live\/ \{[^}]*proxy_read_timeout 3600s;/);
    expect(conf).toMatch(/location \/socket\/ \{[^}]*proxy_read_timeout 3600s;/);
    expect(conf).toMatch(/location ~ "\^\/rooms\/\[\^\/\]\+\/" \{[^}]*proxy_read_timeout 3600s;/);
    // The live-reload socket only exists in dev.
    expect(conf).not.toContain('live_reload');
  });

  it('port 80 serves the ACME challenge and redirects everything else to https', async () => {
    const challenge = await send(false, '/.well-known/acme-challenge/token-123');
    expect([challenge.status, challenge.body]).toEqual([200, 'token-123.thumbprint']);
    const r = await send(false, '/users/log_in?next=%2F');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`https://${DOMAIN}/users/log_in?next=%2F`);
  });

  it('proxies to the release with X-Forwarded-Proto, X-Forwarded-For and Host, and sends HSTS', async () => {
    const r = await send(true, '/', { headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'http' } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ url: '/', method: 'GET' });
    expect(seen['x-forwarded-proto']).toBe('https');
    // Overwritten, not appended: a client cannot put its own address first.
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.host).toBe(DOMAIN);
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('upgrades websockets on /live and on every socket the endpoint declares', async () => {
    // A socket path with a param (`/rooms/:room`) gets a regex location.
    for (const path of ['/live/websocket?vsn=2.0.0', '/socket/websocket?vsn=2.0.0', '/rooms/lobby/websocket']) {
      const r = await upgrade(path);
      expect(r, path).toEqual({ status: 101, echo: 'ping' });
      expect(seen['x-forwarded-proto']).toBe('https');
      expect(seen.upgrade).toBe('websocket');
    }
  });

  it('caches digested assets for a year, not the undigested ones, and gzips them', async () => {
    const digested = await send(true, '/assets/app-0123456789abcdef0123456789abcdef.css', { headers: { 'accept-encoding': 'gzip' } });
    expect(digested.status).toBe(200);
    expect(digested.headers['cache-control']).toBe('max-age=31536000, public, immutable');
    expect(digested.headers.expires).toBeDefined();
    expect(digested.headers['content-encoding']).toBe('gzip');
    expect(digested.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await send(true, '/assets/app.css');
    expect(plain.headers['cache-control']).toBe('public, max-age=60');
  });

  it('refuses bodies above the endpoint\'s Plug.Parsers length with 413', async () => {
    const r = await send(true, '/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(1_200_000) });
    expect(r.status).toBe(413);
    const ok = await send(true, '/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(900_000) });
    expect(ok.status).toBe(200);
  });

  it('answers 429 on the sign-in route after a burst, and leaves other routes alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await send(true, '/users/log_in', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user[email]=a%40b.c' })).status);
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(429);
    expect((await send(true, '/users/settings')).status).toBe(200);
  });
});

describe('systemd target: the release behind nginx', () => {
  it('the plan installs the site with certbot after the deploy, and the script has the nginx commands', () => {
    expect(out.steps.map((s) => s.id).at(-1)).toBe('systemd-nginx');
    const step = out.steps.find((s) => s.id === 'systemd-nginx')!;
    expect(step.command.slice(-2)).toEqual([`/tmp/${APP}-deploy/deploy.sh`, 'nginx']);
    expect(step.description).toContain('certbot');
    expect(out.steps.find((s) => s.id === 'systemd-upload')!.command).toContain(CONF);
    const script = out.files.find((f) => f.path === 'deploy/systemd/deploy.sh')!.content;
    expect(script).toContain('nginx -t && systemctl reload nginx');
    expect(script).toContain(`certbot certonly --webroot -w "$ACME_WEBROOT" -d "$DOMAIN"`);
    expect(script).toContain(`DOMAIN=\${DOMAIN:-'${DOMAIN}'}`);
  });

  it('without a host: a placeholder domain, a plan note, and no nginx step', async () => {
    const profile = await scanProject();
    const plain = target.render(profile, { ...defaultConfig(profile), targets: ['systemd'] });
    expect(plain.files.find((f) => f.path.endsWith('.nginx.conf'))!.content).toContain('server_name your-domain.example;');
    expect(plain.notes.join('\n')).toMatch(/No host in phoenix-ops\.yaml: the nginx site names your-domain\.example/);
    expect(plain.steps.map((s) => s.id)).not.toContain('systemd-nginx');
  });

  it('binds the release to 127.0.0.1: the env file sets PHX_IP and the runtime.exs patch reads it (Config.Reader)', () => {
    expect(out.files.find((f) => f.path.endsWith('.env.example'))!.content).toMatch(/^PHX_IP=127\.0\.0\.1$/m);
    const patch = out.patches.find((p) => p.id === 'systemd-listen-loopback')!;
    expect(patch.file).toBe('config/runtime.exs');
    const dir = makeProject({ 'config/runtime.exs': patch.after });
    // One Elixir run reads the patched file twice: with PHX_IP unset (every other target), then set.
    const script = [
      'read = fn -> Config.Reader.read!("config/runtime.exs", env: :prod)[:hello_phoenix][HelloPhoenixWeb.Endpoint][:http] end',
      'IO.inspect(read.())',
      'System.put_env("PHX_IP", "127.0.0.1")',
      'IO.inspect(read.())',
    ].join('\n');
    const r = spawnSync('elixir', ['-e', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: 'ecto://u:p@localhost/db', SECRET_KEY_BASE: 'x'.repeat(64), PORT: '4123' },
    });
    expect(r.stdout.trim().split('\n'), r.stderr).toEqual(['[ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: 4123]', '[port: 4123, ip: {127, 0, 0, 1}]']);
  });

  it('an app already bound to loopback gets no patch; force_ssl without rewrite_on gets a note', async () => {
    const profile = await scanProject({
      'config/runtime.exs': replace('ip: {0, 0, 0, 0, 0, 0, 0, 0},', 'ip: {127, 0, 0, 1},'),
      'config/prod.exs': (s) => `${s}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, force_ssl: [hsts: true]\n`,
    });
    const r = target.render(profile, { ...defaultConfig(profile), host: DOMAIN, targets: ['systemd'] });
    expect(r.patches.map((p) => p.id)).not.toContain('systemd-listen-loopback');
    expect(r.files.find((f) => f.path.endsWith('.env.example'))!.content).not.toContain('PHX_IP=');
    expect(r.notes.join('\n')).toMatch(/force_ssl \(config\/prod\.exs:\d+\) has no rewrite_on: \[:x_forwarded_proto\]/);
  });
});
