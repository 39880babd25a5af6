/** Names and paths for the systemd target, decided once from deployFacts and phoenix-ops.yaml. */
import { unguardedFlyReads } from '../../facts/env-sh-shell.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Profile } from '../../scan/profile.js';
import type { RenderOptions } from '../../model/plan.js';
import { dockerBuild, type AssetsBuild } from '../docker/model.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { inputPlaceholder } from '../shared/env-inputs.js';
import { secretHints } from '../shared/secret-hints.js';
import { volumeLayout, writablePaths, type VolumeLayout } from '../../facts/writable-paths.js';
import { nginxSite, type NginxSite } from './nginx-model.js';
import { LISTEN_IP_VAR, loopback, type Loopback } from './proxy-trust.js';

export interface SystemdModel {
  facts: DeployFacts;
  app: string;
  user: string;
  installDir: string;
  envFile: string;
  serviceName: string;
  unitPath: string;
  envExamplePath: string;
  scriptPath: string;
  /** Writable state (SQLite database, crash dumps): systemd's StateDirectory. */
  stateDir: string;
  /** The app's writable folders: moved into the StateDirectory through their env var, or extra ReadWritePaths. */
  storage: VolumeLayout | null;
  /** The tarball `deploy.sh build` writes, relative to the project folder. */
  tarball: string;
  /** URL deploy.sh polls after a restart, or null when it only checks that the port accepts connections (no health route). */
  healthUrl: string | null;
  /** The asset build the release needs (npm packages, then the deploy commands), the same steps as the Dockerfile's. */
  assets: AssetsBuild;
  migrations: boolean;
  /** The project keeps a Fly-only `rel/env.sh.eex`: the build wraps the release's env.sh in a FLY_APP_NAME guard. */
  guardFlyEnvSh: boolean;
  host: string;
  hostPlaceholder: boolean;
  /** The nginx site in front of the release (TLS, websockets, rate limits). */
  nginx: NginxSite;
  /** How the release comes to listen on 127.0.0.1 only. */
  loopback: Loopback;
  /** Env for the env file: name → value, or null for a secret (written as a placeholder). */
  env: { name: string; value: string | null; hint: string }[];
}

/** Placeholders of the env file: each hint in angle brackets. */
const SECRET_HINTS: Record<string, string> = Object.fromEntries(Object.entries(secretHints('localhost')).map(([name, hint]) => [name, `<${hint}>`]));

export function systemdModel(profile: Profile, config: DeployConfig, options: RenderOptions = {}): SystemdModel {
  const facts = deployFacts(profile, config, options);
  const app = facts.app;
  const installDir = config.systemd.installDir.replace(/\/+$/, '') || `/opt/${app}`;
  const stateDir = `/var/lib/${app}`;
  const env: SystemdModel['env'] = [];
  const plain: Record<string, string> = { ...facts.env };
  if (facts.database === 'sqlite') plain.DATABASE_PATH = `${stateDir}/${facts.otpApp}.db`;
  // The hardened unit writes only to its StateDirectory: the app's folders go there (or get a ReadWritePaths).
  const storage = volumeLayout(writablePaths(profile), stateDir, new Set([...Object.keys(config.env), ...Object.keys(plain)]));
  Object.assign(plain, storage?.env);
  plain.PHX_HOST = config.host ?? '<your domain, e.g. app.example.com>';
  const listen = loopback(profile, facts.port);
  if (listen.env) plain[LISTEN_IP_VAR] = '127.0.0.1';
  const secretNames = new Set(facts.secrets.map((s) => s.name));
  for (const [name, value] of Object.entries(plain).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!secretNames.has(name)) env.push({ name, value, hint: '' });
  for (const i of facts.inputs) if (!secretNames.has(i.name) && !(i.name in plain)) env.push({ name: i.name, value: null, hint: inputPlaceholder(i) });
  for (const s of [...facts.secrets].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const hint = SECRET_HINTS[s.name] ?? (facts.databaseUrlVars.includes(s.name) ? SECRET_HINTS.DATABASE_URL : undefined);
    env.push({ name: s.name, value: null, hint: hint ?? `<${s.description}>` });
  }
  return {
    facts,
    app,
    user: config.systemd.user || app,
    installDir,
    envFile: `/etc/${app}/${app}.env`,
    serviceName: `${app}.service`,
    unitPath: `deploy/systemd/${app}.service`,
    envExamplePath: `deploy/systemd/${app}.env.example`,
    scriptPath: 'deploy/systemd/deploy.sh',
    stateDir,
    storage,
    tarball: `_build/prod/${app}-release.tar.gz`,
    healthUrl: facts.healthPath === null ? null : `http://127.0.0.1:${facts.port}${facts.healthPath}`,
    assets: dockerBuild(profile, config, options).assets,
    migrations: facts.usesEcto && facts.database !== 'sqlite',
    guardFlyEnvSh: unguardedFlyReads(profile.facts.relEnvTemplate?.text ?? '').length > 0,
    host: config.systemd.host ?? `deploy@${config.host ?? 'your-server'}`,
    hostPlaceholder: config.systemd.host === null,
    nginx: nginxSite(profile, config, app, facts.port),
    loopback: listen,
    env,
  };
}
