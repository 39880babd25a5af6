/**
 * A throw-away OpenSSH server on 127.0.0.1 for the systemd deploy test: its own host key, user key and
 * config (-f), run in the foreground (-D) as a child the test kills. It runs in a private mount namespace
 * where /etc/systemd/system is a temp folder, so the generated deploy.sh installs its unit there, unchanged,
 * and nothing on this machine is touched; the remote PATH starts with stubs/remote (sudo, systemctl,
 * journalctl). Works as root (CI runs as root): StrictModes is off because the keys live under /tmp.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../helpers/nginx.js';
import { STUBS } from './harness.js';

export const SSH_HOST = 'phoenix-test-server';

export interface TestServer {
  dir: string;
  port: number;
  /** Client config for the local ssh/scp wrappers (PHOENIX_TEST_SSH_CONFIG). */
  clientConfig: string;
  /** Where deploy.sh's unit lands (the server's /etc/systemd/system). */
  unitDir: string;
  /** The systemctl stub's state (pids, enabled units, logs). */
  systemdState: string;
  envFile: string;
  stop(): Promise<void>;
}

/** A port free right now, outside the ephemeral range (see freePorts). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

/** Waits for sshd's pid file (written once it has bound its port: until then another process may answer there), then for the port. */
async function waitForPort(port: number, child: ChildProcess, log: () => string, pidFile: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log()}`);
    if (!existsSync(pidFile)) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${log()}`);
}

export async function startTestServer(app: string, extraEnv: Record<string, string>): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-sshd-'));
  const keygen = (file: string) => {
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'phoenix-ops-test', '-f', file]);
    if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  };
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'id_ed25519'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id_ed25519.pub')), { mode: 0o600 });
  const unitDir = join(dir, 'etc-systemd-system');
  const systemdState = join(dir, 'systemd-state');
  const envFile = join(dir, 'etc', app, `${app}.env`);
  mkdirSync(unitDir, { recursive: true });
  mkdirSync(systemdState, { recursive: true });
  // sshd as root needs its privilege separation folder.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const launch = async (attempt: number): Promise<{ port: number; clientConfig: string; child: ChildProcess } | null> => {
    const port = await freePort();
    const env = {
      PATH: `${join(STUBS, 'remote')}:/usr/local/bin:/usr/bin:/bin`,
      STUB_SYSTEMD_STATE: systemdState,
      ENV_FILE: envFile,
      ...extraEnv,
    };
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'host_key')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'UsePAM no',
        'StrictModes no',
        'Subsystem sftp internal-sftp',
        `SetEnv ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`,
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
    const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(join(dir, 'known_hosts'), `${SSH_HOST} ${hostKey}\n`);
    const clientConfig = join(dir, 'ssh_config');
    writeFileSync(
      clientConfig,
      [
        `Host ${SSH_HOST}`,
        '  HostName 127.0.0.1',
        `  Port ${port}`,
        '  User root',
        `  IdentityFile ${join(dir, 'id_ed25519')}`,
        '  IdentitiesOnly yes',
        `  HostKeyAlias ${SSH_HOST}`,
        `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
        '  StrictHostKeyChecking yes',
        '  BatchMode yes',
        '  LogLevel ERROR',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    let log = '';
    const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount --bind "$1" /etc/systemd/system && exec /usr/sbin/sshd -D -e -f "$2"`, 'sshd', unitDir, join(dir, 'sshd_config')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
    try {
      await waitForPort(port, child, () => log, join(dir, 'sshd.pid'));
    } catch (e) {
      // The port was free when chosen; another test's server may have taken it first. Try new ones.
      if (child.exitCode === null) child.kill('SIGKILL');
      if (attempt < 3 && /Address already in use|Cannot bind any address/.test(log)) return null;
      throw e;
    }
    return { port, clientConfig, child };
  };
  let started: { port: number; clientConfig: string; child: ChildProcess } | null = null;
  for (let attempt = 1; !started; attempt++) started = await launch(attempt);
  const { port, clientConfig, child } = started;
  return {
    dir,
    port,
    clientConfig,
    unitDir,
    systemdState,
    envFile,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
