/**
 * deploy/systemd/deploy.sh: one bash script for the server (setup, deploy, rollback) and the build machine
 * (build). A deploy unpacks the release into releases/<timestamp>, runs its migrations before anything
 * switches, flips the `current` symlink atomically, restarts, polls the health URL and rolls back on failure.
 * The script is templates/deploy.sh.eta; this file fills in its settings (single-quoted for bash).
 */
import type { SystemdModel } from './model.js';
import { deploySh } from './templates/index.js';

/** Single-quoted for bash (no expansion inside). */
export function shq(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The asset build before compiling: the same setup and package install as the Dockerfile's. */
function assetSetup(m: SystemdModel): string[] {
  const a = m.assets;
  const out: string[] = [];
  if (a.setup) out.push(a.setup);
  if (a.node) {
    const dir = a.node.packageDir || '.';
    const pm = a.node.pin.packageManager;
    if (pm === 'yarn' || pm === 'pnpm') out.push(`(cd ${dir} && ${pm} install --frozen-lockfile)`);
    else out.push(a.node.pin.lockfile ? `npm ci --prefix ${dir}` : `npm install --prefix ${dir}`);
  }
  return out;
}

/** Minified, digested assets before the release is assembled (webpack/vite builds, esbuild/tailwind, phx.digest). */
function assetBuild(m: SystemdModel): string[] {
  const a = m.assets;
  return a.deploy.map((c, i) => `${a.npmEnv && i === 0 ? `${a.npmEnv} ` : ''}${c}`);
}

export function deployScript(m: SystemdModel): string {
  return deploySh.render({
    app: shq(m.app),
    releaseName: shq(m.facts.releaseName),
    user: shq(m.user),
    installDir: shq(m.installDir),
    envFile: shq(m.envFile),
    serviceName: shq(m.serviceName),
    healthUrl: m.healthUrl === null ? null : shq(m.healthUrl),
    port: m.facts.port,
    runMigrations: m.migrations ? 'true' : 'false',
    tarball: shq(m.tarball),
    domain: shq(m.nginx.domain),
    nginxSite: shq(m.nginx.serverPath),
    webroot: shq(m.nginx.webroot),
    assetSetup: assetSetup(m),
    assetBuild: assetBuild(m),
    guardFlyEnvSh: m.guardFlyEnvSh,
    // Folders the app writes to outside its StateDirectory (fixed in its code): the unit lists them in ReadWritePaths.
    writableDirs: (m.storage?.outside ?? []).map((w) => shq(w.path)).join(' '),
  });
}
