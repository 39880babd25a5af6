/**
 * fly.toml, written as commented TOML text (what `fly launch` writes for Phoenix, plus an HTTP
 * health check, SQLite's volume, and the port shared with the Dockerfile). The layout is
 * templates/fly.toml.eta; every string value is a TOML literal from toml.ts. Parsed back in tests.
 */
import type { FlyContext } from './model.js';
import { memoryString } from './model.js';
import { flyToml } from './templates/index.js';
import { key, str, strArray } from './toml.js';

function reasonForMin(c: FlyContext): string {
  const why: string[] = [];
  if (c.f.liveView) why.push('LiveView sockets');
  if (c.f.oban) why.push('Oban jobs');
  if (c.f.clustering !== 'none') why.push('the cluster');
  if (why.length === 0) why.push('set in phoenix-ops.yaml');
  return why.join(', ');
}

export function flyTomlModel(c: FlyContext): object {
  const f = c.f;
  const m = c.config.machine;
  const ownDockerfile = f.dockerfile !== 'Dockerfile';
  return {
    app: f.app,
    appString: str(f.app),
    region: str(c.config.region),
    builtFrom: ownDockerfile ? f.dockerfile : 'the Dockerfile',
    dockerfile: ownDockerfile ? str(f.dockerfile) : null,
    releaseCommand: c.releaseCommand ? str(`${f.releaseDir}/bin/migrate`) : null,
    env: Object.entries(c.env).map(([k, v]) => ({ key: key(k), value: str(v) })),
    port: f.port,
    minRunningComment: c.minRunning > 0 ? `Kept running: ${reasonForMin(c)}.` : 'Machines stop when idle and start on the next request.',
    minRunning: c.minRunning,
    healthPath: f.healthPath === null ? null : str(f.healthPath),
    forceSsl: c.forceSsl,
    vm: { memory: str(memoryString(m.memoryMb)), cpuKind: str(m.cpuKind), cpus: m.cpus },
    volume: c.volumeName ? str(c.volumeName) : null,
    volumeWhy: c.sqlite
      ? 'SQLite lives on this volume (DATABASE_PATH above). One volume, one machine: SQLite cannot scale out.'
      : `The app's files live on this volume (${[...(c.storage?.onVolume ?? []).map((w) => w.path), ...Object.keys(c.storage?.env ?? {})].join(', ')}). One volume, one machine.`,
    mount: str(c.mount),
    volumeProcesses: strArray(['app']),
  };
}

export function renderFlyToml(c: FlyContext): string {
  return flyToml.render(flyTomlModel(c));
}
