/**
 * The systemd target's steps: build locally, copy over scp, then run the generated deploy.sh on the server
 * (ssh). Secrets reach the env file on stdin through templates/set-env.sh.eta; a first setup is undone by
 * templates/teardown.sh.eta.
 */
import type { Step } from '../../model/plan.js';
import { generated, input } from '../shared/placeholders.js';
import { shq } from './deploy-script.js';
import type { SystemdModel } from './model.js';
import { setEnvSh, teardownSh } from './templates/index.js';

/**
 * Fills the env file's secrets from NAME=VALUE lines on stdin (the values never touch argv or a local
 * file): a line replaces a `<placeholder>` or adds a missing name; a real value already there is kept, so
 * running it twice changes nothing. Atomic (temp file + rename), keeping the file's owner and mode.
 */
const setEnvScript = (): string => setEnvSh.render({}).trimEnd();

/** Undoes a first `deploy.sh setup` (only run when apply found no install and no env file before it). */
const teardownScript = (): string => teardownSh.render({}).trimEnd();

/** ssh and scp options of every step: never prompt (exit 255 instead). */
export const SSH_BATCH = ['-o', 'BatchMode=yes'] as const;

/**
 * Build locally, copy over scp, then run the generated deploy.sh on the server (ssh). Paths the script
 * lets the environment override (INSTALL_DIR, ENV_FILE) are passed the same way, `${NAME:-default}`,
 * so apply and deploy.sh always agree.
 */
export function systemdSteps(m: SystemdModel): Step[] {
  const stage = `/tmp/${m.app}-deploy`;
  // BatchMode: no prompt at all. Without a terminal, ssh would open ssh-askpass on a desktop or refuse an unknown host
  // key (openssh-portable readpass.c:126-183, sshconnect.c:605-628); preflight's check uses the same option.
  const remote = (...args: string[]) => ['ssh', ...SSH_BATCH, m.host, ...args];
  const envFile = `"\${ENV_FILE:-${m.envFile}}"`;
  const installDir = `"\${INSTALL_DIR:-${m.installDir}}"`;
  // Generated values first, then the ones the user gives.
  const secrets = [...m.facts.secrets.filter((s) => s.generate), ...m.facts.secrets.filter((s) => !s.generate)];
  const out: Step[] = [
    {
      id: 'systemd-build',
      description: `build the release tarball ${m.tarball} (on the same OS as the server)`,
      command: ['bash', m.scriptPath, 'build'],
      rerun: 'on-change',
      timeoutSeconds: 1800,
    },
    { id: 'systemd-stage-dir', description: `create ${stage} on ${m.host}`, command: remote('mkdir', '-p', stage), rollback: remote('rm', '-rf', stage) },
    {
      id: 'systemd-upload',
      description: 'copy the release, the script, the unit, the env template and the nginx site to the server',
      command: ['scp', '-q', ...SSH_BATCH, m.tarball, m.scriptPath, m.unitPath, m.envExamplePath, m.nginx.localPath, `${m.host}:${stage}/`],
      rerun: 'on-change',
    },
    {
      id: 'systemd-setup',
      description: 'create the user, folders and env file; install and enable the unit (idempotent)',
      command: remote('sudo', 'bash', `${stage}/deploy.sh`, 'setup'),
      rerun: 'on-change',
      // Installed before (an env file or an install folder there): never torn down by apply.
      probe: { command: remote('test', '-e', envFile, '-o', '-d', installDir) },
      rollback: remote('sudo', 'bash', '-c', shq(teardownScript()), 'teardown', m.serviceName, installDir, envFile),
      destroy: remote('sudo', 'systemctl', 'disable', '--now', m.serviceName),
    },
  ];
  if (m.facts.secrets.length) {
    out.push({
      id: 'systemd-secrets',
      description: `put the secrets (${m.facts.secrets.map((s) => s.name).join(', ')}) in ${m.envFile} on the server; values already set are kept`,
      command: remote('sudo', 'bash', '-c', shq(setEnvScript()), 'set-env', envFile),
      stdin: secrets.map((s) => `${s.name}=${s.generate ? generated(s.generate) : input(s.name)}\n`).join(''),
      secrets: m.facts.secrets.map((s) => s.name),
    });
  }
  out.push({
    id: 'systemd-deploy',
    description: 'unpack, migrate, switch current, restart and check health (rolls back by itself on failure)',
    command: remote('sudo', 'bash', `${stage}/deploy.sh`, 'deploy', `${stage}/${m.tarball.split('/').pop()}`),
    rerun: 'on-change',
    probe: { command: remote('test', '-L', `${installDir}/current`) },
    // A later failure switches back to the release that ran before.
    undo: remote('sudo', 'bash', `${stage}/deploy.sh`, 'rollback'),
    destroy: remote('sudo', 'rm', '-rf', '--', `${installDir}/releases`, `${installDir}/current`),
    timeoutSeconds: 900,
  });
  // Without a domain certbot has nothing to ask for: the site file waits for `host` in phoenix-ops.yaml.
  if (!m.nginx.domainPlaceholder) out.push(nginxStep(m, remote, stage));
  return out;
}


/** certbot's certificate for the domain (first time only), then the site file; nginx -t before every reload. */
function nginxStep(m: SystemdModel, remote: (...args: string[]) => string[], stage: string): Step {
  const site = `"\${NGINX_SITE:-${m.nginx.serverPath}}"`;
  return {
    id: 'systemd-nginx',
    description: `put nginx in front: a certbot certificate for ${m.nginx.domain} (HTTP-01 on ${m.nginx.webroot}) the first time, then ${m.nginx.serverPath}; nginx -t, then systemctl reload nginx`,
    command: remote('sudo', 'bash', `${stage}/deploy.sh`, 'nginx'),
    rerun: 'on-change',
    // A site already there is the user's: apply never removes it.
    probe: { command: remote('test', '-e', site) },
    rollback: remote('sudo', 'bash', `${stage}/deploy.sh`, 'nginx-remove'),
    destroy: remote('sudo', 'bash', `${stage}/deploy.sh`, 'nginx-remove'),
    timeoutSeconds: 300,
  };
}
