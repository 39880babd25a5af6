/**
 * A server over ssh, running the generated deploy.sh. The client is OpenSSH (`ssh -V` prints its version
 * on stderr); reachability is `ssh -o BatchMode=yes HOST true` (no password prompt); status asks
 * `systemctl is-active` and the health URL on the server itself, where the app listens on 127.0.0.1.
 */
import { versionIn, type Adapter } from '../../apply/adapter.js';
import { healthPath } from '../../apply/adapters/common.js';

export const adapter: Adapter = {
  order: 4,
  tools: () => [
    { bin: 'ssh', version: ['-V'], parse: (out, err) => versionIn(`${err}${out}`.replace(/^OpenSSH_/, '')), min: '8.0', install: 'install the OpenSSH client (apt-get install openssh-client)' },
    { bin: 'mix', version: ['--version'], parse: (out) => versionIn(out.slice(out.indexOf('Mix'))), min: '1.14.0', install: 'install Elixir 1.14 or newer to build the release (the server runs the release, not mix)' },
  ],
  auth: (ctx) => {
    const host = ctx.config.systemd.host;
    if (!host) return [];
    return [{ what: `ssh ${host} logs in without a prompt`, argv: ['ssh', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', host, 'true'], ok: () => true, fix: `check that ssh ${host} works without a password (ssh-copy-id ${host}) and that the host key is known` }];
  },
  settings: async (ctx) => (ctx.config.systemd.host ? [] : ['systemd.host is not set: set it in phoenix-ops.yaml (user@server, with sudo on the server), then run phoenix-ops generate --target systemd']),
  async status(ctx) {
    const host = ctx.config.systemd.host;
    const service = `${ctx.app}.service`;
    if (!host) return [{ name: service, ok: false, detail: 'systemd.host is not set in phoenix-ops.yaml' }];
    const active = await ctx.runner({ argv: ['ssh', '-o', 'BatchMode=yes', host, 'systemctl', 'is-active', service], cwd: ctx.projectDir, env: ctx.env, timeoutMs: 30_000 });
    const url = `http://127.0.0.1:${ctx.config.port}${healthPath(ctx)}`;
    const health = await ctx.runner({
      argv: ['ssh', '-o', 'BatchMode=yes', host, 'curl', '--fail', '--silent', '--max-time', '5', '--header', "'X-Forwarded-Proto: https'", '--output', '/dev/null', '--write-out', '%{http_code}', url],
      cwd: ctx.projectDir,
      env: ctx.env,
      timeoutMs: 30_000,
    });
    return [
      { name: `${service} on ${host}`, ok: active.code === 0 && active.stdout.trim() === 'active', detail: active.stdout.trim() || active.stderr.trim().split('\n').pop() || 'no answer' },
      { name: `health ${url} (on the server)`, ok: health.code === 0, detail: health.code === 0 ? `HTTP ${health.stdout.trim()}` : `no answer (${health.stdout.trim() || `exit ${health.code}`})` },
    ];
  },
  healthUrl: (ctx) => (ctx.config.host ? `https://${ctx.config.host}${healthPath(ctx)}` : null),
};
