/**
 * Names and numbers the project's own deploy files already fix: an existing fly.toml's `app`,
 * `primary_region`, internal port and mounts; a kept Dockerfile's port, user and release path.
 * Generated files reuse them instead of inventing new ones.
 */
import { dockerEnvPairs } from '../scan/extract/deploy-files.js';
import type { FlyTomlInfo, Profile } from '../scan/profile.js';
import { computed } from './computed.js';
import { commandText, copyPaths, runnerStage } from './dockerfile.js';
import { listenPort } from './listen-port.js';
import { existingDockerfile } from './runtime-packages.js';

export interface ExistingFly {
  file: string;
  app: string | null;
  primaryRegion: string | null;
  internalPort: number | null;
  mounts: { source: string; destination: string }[];
}

/** The fly.toml at the project root (else the first one found). */
export const existingFlyToml = computed((profile: Profile): ExistingFly | null => {
  const rootFile = profile.projectPath === '.' || profile.projectPath === '' ? 'fly.toml' : `${profile.projectPath}/fly.toml`;
  const f: FlyTomlInfo | undefined = profile.facts.flyTomls.find((x) => x.file === rootFile) ?? profile.facts.flyTomls.find((x) => /(^|\/)fly\.toml$/.test(x.file));
  const d = f?.data;
  if (!f || !d) return null;
  const str = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  const int = (v: number | undefined) => (v !== undefined && Number.isInteger(v) ? v : null);
  const mounts = (d.mounts ?? []).map((m) => ({ source: str(m.source) ?? '', destination: str(m.destination) ?? '' })).filter((m) => m.source && m.destination);
  return {
    file: f.file,
    app: str(d.app),
    primaryRegion: str(d.primary_region),
    internalPort: int(d.http_service?.internal_port) ?? int(d.services?.[0]?.internal_port),
    mounts,
  };
});

export interface KeptDockerfile {
  file: string;
  /** The final stage's ENV of the app's port variable (PORT or the one the config reads), else its first EXPOSE. */
  port: number | null;
  /** USER of the final stage (null = root). */
  user: string | null;
  /** The release folder copied into the runner (`/app`), when it can be read. */
  releaseDir: string | null;
  /** The start command (CMD/ENTRYPOINT). */
  start: string | null;
}

/** Facts of the Dockerfile a platform file builds from when the project keeps its own. */
export const keptDockerfile = computed((profile: Profile): KeptDockerfile | null => {
  const d = existingDockerfile(profile);
  const final = d ? runnerStage(d) : null;
  if (!d || !final) return null;
  let port: number | null = null;
  let user: string | null = null;
  let releaseDir: string | null = null;
  let start: string | null = null;
  let workdir: string | null = null;
  // The app listens where its port variable says (ENV), else on the first EXPOSEd port: later EXPOSE
  // lines are usually side ports (a dev server, metrics, epmd).
  const listen = listenPort(profile);
  const portVar = listen.kind === 'env' ? listen.name : 'PORT';
  let exposed: number | null = null;
  for (const ins of final.instructions) {
    if (ins.keyword === 'EXPOSE') {
      const m = /^(\d+)/.exec(ins.args);
      if (m && exposed === null) exposed = Number(m[1]);
    } else if (ins.keyword === 'ENV') {
      const p = dockerEnvPairs(ins.args)[portVar];
      if (p && /^\d+$/.test(p)) port = Number(p);
    } else if (ins.keyword === 'USER') user = ins.args.split(/\s+/)[0] ?? null;
    else if (ins.keyword === 'WORKDIR') workdir = ins.args.replace(/^"|"$/g, '');
    else if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && /_build\/.*rel\//.test(ins.args)) {
      const dest = copyPaths(ins)?.dest ?? null;
      releaseDir = dest && dest !== '.' && dest !== './' ? dest.replace(/\/+$/, '') : workdir;
    } else if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') start = commandText(ins);
  }
  if (user && /^(root|0)(:|$)/.test(user)) user = null;
  return { file: d.file, port: port ?? exposed, user, releaseDir, start };
});

export interface ExistingK8sWorkload {
  file: string;
  kind: string;
  name: string;
  namespace: string | null;
  /** The first containerPort of its containers. */
  port: number | null;
}

/**
 * The app's own Deployment (or StatefulSet) among the project's Kubernetes manifests: the only one, or
 * the one named after the app. Its name, namespace and port become the defaults, so a generated
 * deployment updates what runs instead of starting a second copy beside it.
 */
export const existingK8sWorkload = computed((profile: Profile): ExistingK8sWorkload | null => {
  const workloads = (profile.facts.k8s ?? []).flatMap((d) => ((d.kind === 'Deployment' || d.kind === 'StatefulSet') && d.name ? [{ ...d, kind: d.kind, name: d.name }] : []));
  const otp = profile.web?.otpApp ?? '';
  const names = new Set([otp, otp.replace(/_web$/, '')].filter(Boolean).map((n) => n.replace(/_/g, '-')));
  const named = workloads.filter((d) => names.has(d.name) || [...names].some((n) => d.name.startsWith(`${n}-`)));
  const pick = workloads.length === 1 ? workloads[0] : named.length === 1 ? named[0] : undefined;
  if (!pick) return null;
  return { file: pick.file, kind: pick.kind, name: pick.name, namespace: pick.namespace ?? null, port: pick.containerPorts?.[0] ?? null };
});
