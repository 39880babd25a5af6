/**
 * Debian's nginx as a test server: its own prefix, config, pid file, logs and temp paths in a temp
 * folder, `daemon off` as a child process the test kills, listening only on 127.0.0.1 on ports
 * chosen at test time. As root (CI) nginx would switch its workers to `nobody`, which cannot read
 * a private temp folder, so the workers run as root there; as another user the `user` directive is
 * left out (nginx ignores it anyway).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

export interface NginxServer {
  /** The listen port. */
  port: number;
  ssl?: { cert: string; key: string; protocols?: string; ciphers?: string };
  /** Where requests go (a local HTTP server, plain). */
  upstream: number;
  serverTokens?: boolean;
  /** Extra directives inside the server block. */
  extra?: string;
}

export interface Nginx {
  stop(): Promise<void>;
  errorLog(): string;
}

/**
 * Ports free right now, for servers the tests start on a given port (nginx, sshd, a release). Picked
 * below Linux's ephemeral range (32768–60999), where the OS never hands out a port to a `listen(0)`,
 * so the many port-0 servers of other test files cannot take one before the server binds it.
 */
export async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (!out.includes(port) && (await canListen(port))) out.push(port);
  }
  return out;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function serverBlock(s: NginxServer): string {
  const lines = [`  server {`, `    listen 127.0.0.1:${s.port}${s.ssl ? ' ssl' : ''};`, `    server_tokens ${s.serverTokens ? 'on' : 'off'};`];
  if (s.ssl) {
    lines.push(`    ssl_certificate ${s.ssl.cert};`, `    ssl_certificate_key ${s.ssl.key};`, `    ssl_protocols ${s.ssl.protocols ?? 'TLSv1.2 TLSv1.3'};`);
    if (s.ssl.ciphers) lines.push(`    ssl_ciphers ${s.ssl.ciphers};`);
  }
  lines.push(
    `    location / {`,
    `      proxy_pass http://127.0.0.1:${s.upstream};`,
    `      proxy_http_version 1.1;`,
    `      proxy_set_header Host $http_host;`,
    `      proxy_set_header X-Forwarded-Proto $scheme;`,
    `      proxy_set_header Upgrade $http_upgrade;`,
    `      proxy_set_header Connection $connection_upgrade;`,
    `    }`,
  );
  if (s.extra) lines.push(s.extra);
  lines.push('  }');
  return lines.join('\n');
}

/** nginx could not bind a port: another process took it after `freePorts` released it. Pick new ports and retry. */
export class PortInUseError extends Error {}

/** The main config around `http` (lines inside http{}): pid, logs and temp paths in `dir`, workers as root when the test runs as root. */
function mainConf(dir: string, http: string[]): string {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    ...(root ? ['user root root;'] : []),
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'logs', 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, 'tmp', t)};`),
    ...http,
    '}',
    '',
  ].join('\n');
}

// Debian installs nginx in /usr/sbin, which is not on every user's PATH.
const nginxBin = () => ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p)) ?? 'nginx';

/** `nginx -t` on a main config whose http{} holds `http` (e.g. an `include` of a generated site): exit code and output. */
export function nginxConfigTest(dir: string, http: string[]): { code: number | null; output: string } {
  for (const d of ['logs', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
  const file = join(dir, 'nginx-test.conf');
  writeFileSync(file, mainConf(dir, http));
  const r = spawnSync(nginxBin(), ['-t', '-p', dir, '-c', file, '-e', join(dir, 'logs', 'error.log')], { encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

export async function startNginx(dir: string, servers: NginxServer[]): Promise<Nginx> {
  return startNginxHttp(dir, ['  map $http_upgrade $connection_upgrade { default upgrade; "" close; }', ...servers.map(serverBlock)], servers.map((s) => s.port));
}

/** nginx with `http` inside its http{} block, listening on `ports` (waited for). */
export async function startNginxHttp(dir: string, http: string[], ports: number[]): Promise<Nginx> {
  for (const d of ['logs', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
  const conf = mainConf(dir, http);
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  rmSync(join(dir, 'nginx.pid'), { force: true });
  const child: ChildProcess = spawn(nginxBin(), ['-p', dir, '-c', file, '-e', join(dir, 'logs', 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const errorLog = () => {
    try {
      return readFileSync(join(dir, 'logs', 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + 10_000;
  // nginx writes its pid file only after it has bound every listen socket (it retries a busy port for
  // ~2.5 s, then exits). Until then a port can answer because another process holds it.
  const pidFile = join(dir, 'nginx.pid');
  while (!existsSync(pidFile)) {
    if (child.exitCode !== null) {
      const why = `${stderr}${errorLog()}`;
      throw /Address already in use/.test(why) ? new PortInUseError(why) : new Error(`nginx exited (${child.exitCode}): ${why}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${stderr}${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const port of ports) {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}${errorLog()}`);
      if (await canConnect(port)) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`nginx did not listen on ${port}: ${stderr}${errorLog()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    errorLog,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
