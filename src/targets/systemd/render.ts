/**
 * The systemd target's renderer: a hardened unit, the env file template and deploy.sh, plus the steps
 * that build the release, copy it to the server and deploy it there.
 */
import { dockerignoreFor, generatedDockerfile } from '../../facts/dockerfile.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Resource } from '../../model/resource.js';
import type { Patch, RenderOptions, TargetOutput } from '../../model/plan.js';
import type { TargetRenderOptions } from '../types.js';
import { inputsNote } from '../shared/env-inputs.js';
import type { Profile } from '../../scan/profile.js';
import { sqlEngine } from '../compose/datastores.js';
import { renderDocker } from '../docker/render.js';
import { deployScript } from './deploy-script.js';
import { systemdModel, type SystemdModel } from './model.js';
import { systemdSteps } from './steps.js';
import { LOOPBACK_PATCH_ID, proxyTrustNotes } from './proxy-trust.js';
import { nginxConf } from './site.js';
import { envExample, unitFile } from './unit.js';

function renderOwn(profile: Profile, config: DeployConfig, options: RenderOptions = {}): TargetOutput {
  const m = systemdModel(profile, config, options);
  return {
    files: [
      { path: m.unitPath, content: unitFile(m), description: 'hardened systemd unit (dedicated user, read-only system, restart on failure)' },
      { path: m.envExamplePath, content: envExample(m), description: `template of ${m.envFile} (names and placeholders only)` },
      { path: m.scriptPath, content: deployScript(m), mode: 0o755, description: 'build, setup, deploy with migrations first, atomic switch, health check and rollback; nginx site with a certbot certificate' },
      { path: m.nginx.localPath, content: nginxConf(m), description: `nginx site for ${m.nginx.domain}: TLS (certbot), HTTP→HTTPS, websockets, rate-limited sign-in, cached assets` },
    ],
    patches: m.loopback.patch ? [m.loopback.patch] : [],
    resources: resources(m, config),
    secrets: m.facts.secrets,
    steps: systemdSteps(m),
    notes: notes(m, profile),
  };
}

function resources(m: SystemdModel, config: DeployConfig): Resource[] {
  const out: Resource[] = [
    {
      id: 'server',
      kind: 'vps',
      description: `${config.machine.cpus} vCPU / ${config.machine.memoryMb} MB server running ${m.serviceName}`,
      count: 1,
      vcpu: config.machine.cpus,
      memoryGib: config.machine.memoryMb / 1024,
      size: config.cost.vpsSize,
    },
  ];
  const engine = sqlEngine(m.facts.database);
  if (engine) out.push({ id: 'database', kind: 'vps-database', description: `${engine} for ${m.app}`, engine, memoryGib: 1, storageGb: config.database.storageGb });
  if (m.facts.redis) out.push({ id: 'redis', kind: 'vps-redis', description: 'Redis', memoryGib: 0.5 });
  out.push({ id: 'egress', kind: 'egress', provider: 'vps', region: config.region, description: 'traffic to the internet' });
  return out;
}

function notes(m: SystemdModel, profile: Profile): string[] {
  const out = [
    `Fill in ${m.envFile} on the server before the first deploy (deploy.sh setup copies the template there, mode 0640 root:${m.user}); phoenix-ops never writes secret values.`,
    `deploy.sh runs the new release's migrations (systemd-run with the service's env file) before switching ${m.installDir}/current, restarts ${m.serviceName}, ${m.healthUrl ? `polls ${m.healthUrl}` : `checks that port ${m.facts.port} accepts connections (the app has no health route)`} and switches back to the previous release if it does not answer. Migrations are not reverted: keep them backward compatible.`,
    'Build the release on the same distribution and version as the server (the release bundles ERTS, linked against the build machine\'s libc and OpenSSL), or build on the server with: deploy.sh build.',
    ...nginxNotes(m, profile),
  ];
  const must = inputsNote(m.facts.inputs, `replace the placeholders in ${m.envFile}`);
  if (must) out.push(must);
  if (m.hostPlaceholder) out.push(`No systemd.host set: the steps use ${m.host}; set systemd.host in phoenix-ops.yaml (user@server with sudo).`);
  if (m.facts.clustering !== 'none') out.push('One server: no BEAM cluster forms; DNS_CLUSTER_QUERY stays unset. For several servers, set RELEASE_DISTRIBUTION=name, RELEASE_NODE and a shared RELEASE_COOKIE in the env file and open the distribution ports between them.');
  for (const [name, folder] of Object.entries(m.storage?.env ?? {})) out.push(`${name} is set to ${folder}, in the StateDirectory: the hardened unit can write there and what it holds survives releases.`);
  for (const w of m.storage?.outside ?? []) out.push(`The app writes to ${w.path} (${w.evidence.file}:${w.evidence.line}), fixed in the code: it is in ReadWritePaths; create it on the server owned by ${m.user} (mkdir -p ${w.path} && chown ${m.user} ${w.path}).`);
  if (m.facts.database === 'sqlite') out.push(`SQLite lives in ${m.stateDir} (StateDirectory, writable despite ProtectSystem=strict); back it up.`);
  const engine = sqlEngine(m.facts.database);
  if (engine) out.push(`The database (${engine}) is not installed by phoenix-ops: use a managed one or install it on the server, then set DATABASE_URL.`);
  return out;
}

function nginxNotes(m: SystemdModel, profile: Profile): string[] {
  const n = m.nginx;
  const out = [
    `nginx in front (${n.localPath}, installed as ${n.serverPath} by deploy.sh nginx): TLS with certbot's certificate (${n.certDir}/fullchain.pem, privkey.pem; the first one through the HTTP-01 challenge served from ${n.webroot}), HTTP→HTTPS, HSTS, websockets on ${n.socketPaths.join(', ') || 'no socket path'} (1 h read timeout), gzip, a year of caching for digested /assets, client_max_body_size from ${n.bodySource}. The server needs nginx and certbot (apt-get install nginx certbot) and ports 80 and 443 open.`,
  ];
  if (n.authPattern) out.push(`nginx rate-limits the sign-in, registration and password-reset routes (${n.authPaths.join(', ')}) to 10 requests a minute per client address after a burst of 10, answering 429.`);
  if (n.domainPlaceholder) out.push(`No host in phoenix-ops.yaml: the nginx site names ${n.domain} (a placeholder) and apply does not install it. Set host (the domain whose DNS points at the server), generate again, and apply runs certbot and installs the site.`);
  out.push(m.loopback.note, ...proxyTrustNotes(profile));
  return out;
}

/**
 * One patch per file (the writer applies a second one to a changed file as stale): a release patch to the
 * file the loopback patch appends to (config/runtime.exs) carries the loopback block too.
 */
function mergePatches(own: Patch[], release: Patch[]): Patch[] {
  const out = release.filter((p) => !own.some((o) => o.id === p.id));
  const kept: Patch[] = [];
  for (const o of own) {
    const i = out.findIndex((p) => p.file === o.file && o.id === LOOPBACK_PATCH_ID && o.after.startsWith(p.before.replace(/\s*$/, '\n')));
    if (i < 0) {
      kept.push(o);
      continue;
    }
    const r = out[i]!;
    out[i] = { ...r, description: `${r.description}; ${o.description}`, after: r.after.replace(/\s*$/, '\n') + o.after.slice(r.before.replace(/\s*$/, '\n').length) };
  }
  return [...kept, ...out];
}

/**
 * deploy.sh runs the release's bin/server and bin/migrate, so the release pieces of the docker
 * target come along (overlay scripts, env.sh.eex, the release module, the health and server
 * patches) — but no Dockerfile.
 */
export function renderSystemd(profile: Profile, config: DeployConfig, options: TargetRenderOptions = {}): TargetOutput {
  const own = renderOwn(profile, config, options);
  const release = renderDocker(profile, config, { ...options, includedBy: 'systemd' });
  const dockerfile = generatedDockerfile(profile);
  const releaseFiles = release.files.filter((f) => f.path !== dockerfile && f.path !== dockerignoreFor(dockerfile));
  const paths = new Set(own.files.map((f) => f.path));
  return {
    ...own,
    files: [...own.files, ...releaseFiles.filter((f) => !paths.has(f.path))],
    patches: mergePatches(own.patches, release.patches),
    notes: [...own.notes, ...release.notes.filter((n) => !/hexpm\/elixir|Dockerfile|image/i.test(n))],
  };
}
