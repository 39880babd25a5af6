/**
 * Everything the Kubernetes manifests are rendered from, decided once: names, image, sizes, which
 * optional objects exist. Built from deployFacts so the manifests never disagree with the Dockerfile.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import { writablePaths, type WritablePath } from '../../facts/writable-paths.js';
import { migrationStep } from '../../facts/migration-step.js';
import type { RenderOptions } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { inputPlaceholder } from '../shared/env-inputs.js';
import { parseImageRef, registryOf } from '../shared/image-ref.js';

/** Env vars Kubernetes sets in every container (the pod name); POD_IP/POD_NAMESPACE come from the downward API below. */
export const K8S_PLATFORM_ENV = ['HOSTNAME', 'POD_IP', 'POD_NAMESPACE'] as const;
import { kubernetesTopology, type LibclusterTopology } from './cluster.js';

export interface K8sModel {
  facts: DeployFacts;
  name: string;
  namespace: string;
  stagingNamespace: string;
  headlessName: string;
  secretName: string;
  configMapName: string;
  serviceAccountName: string;
  migrateJobName: string;
  /** Image name used in the base (a placeholder the overlays' `images:` rewrite). */
  baseImage: string;
  /** Registry repository the overlays point at. */
  imageRepo: string;
  imageTag: string;
  /** True when config.k8s.image was not set and imageRepo is a placeholder. */
  imagePlaceholder: boolean;
  /** Registry host CI logs in to (ghcr.io for the placeholder). */
  imageRegistry: string;
  /** Why config.k8s.image is not an image reference (then used as the repository, tag `latest`), or null. */
  imageProblem: string | null;
  host: string;
  hostPlaceholder: boolean;
  stagingHost: string;
  ingressClass: string;
  clustering: boolean;
  /** libcluster Kubernetes topology found in the config, when libcluster is used. */
  topology: LibclusterTopology | null;
  /** libcluster's API-based strategy needs to list pods/endpoints through the API server. */
  needsApiAccess: boolean;
  migrateJob: boolean;
  sqlite: boolean;
  /** HPA and PDB make sense only with more than one replica possible (not SQLite). */
  autoscale: boolean;
  replicas: { production: { min: number; max: number }; staging: { min: number; max: number } };
  resources: { cpuRequest: string; cpuLimit: string; memory: string; stagingCpuRequest: string; stagingCpuLimit: string; stagingMemory: string };
  /** For the cost estimate. */
  cpuRequestCores: number;
  memoryGib: number;
  secretNames: string[];
  /** Non-secret env for the ConfigMap. */
  configEnv: Record<string, string>;
  port: number;
  /** HTTP probe path, or null for TCP probes (no health route served). */
  healthPath: string | null;
  /** Folders the app writes to (its *_PATH defaults): emptyDir volumes on the read-only root filesystem. */
  writable: WritablePath[];
  /** Pod user: 65534 (nobody) for the generated image; null when a kept Dockerfile's user cannot be mapped (then it runs as that image says). */
  runAsUser: number | null;
  /** The container command, when the image's own CMD cannot run under the pod's security context (SQLite's root chown step). */
  command: string[] | null;
  /** Base name of the migration Job; overlays append the image tag (a Job's pod template is immutable, so each image gets its own Job). */
  migrateJobBase: string;
  labels: (component: 'web' | 'migrate' | 'config') => Record<string, string>;
  selector: Record<string, string>;
}

export function k8sModel(profile: Profile, config: DeployConfig, options: RenderOptions = {}): K8sModel {
  const name = config.app;
  const facts = deployFacts(profile, config, { ...options, platformEnv: K8S_PLATFORM_ENV, defaultHost: `${name}.example.com` });
  const namespace = config.k8s.namespace || name;
  const clustering = facts.clustering !== 'none';
  const topology = facts.clustering === 'libcluster' ? kubernetesTopology(profile) : null;
  const sqlite = facts.database === 'sqlite';
  const autoscale = !sqlite;
  const prodMin = sqlite ? 1 : Math.max(config.k8s.replicas, clustering || facts.liveView ? 2 : 1);
  const prodMax = sqlite ? 1 : Math.max(config.machine.maxCount, prodMin);
  const cpus = config.machine.cpus;
  const cpuRequestCores = Math.max(0.25, cpus / 2);
  const memory = `${config.machine.memoryMb}Mi`;
  const stagingMemoryMb = Math.max(256, Math.round(config.machine.memoryMb / 2));
  const image = imageChoice(config.k8s.image, name);
  const { repo, tag } = image;
  const host = config.host ?? `${name}.example.com`;

  const configEnv = configMapEnv(facts, host, topology?.serviceEnv ? { [topology.serviceEnv]: `${name}-headless` } : {});
  const kept = facts.keptDockerfile;
  const writable = [...writablePaths(profile)];
  const runAsUser = podUser(facts);
  const migrateJobBase = `${name.slice(0, 30).replace(/-+$/, '')}-migrate`;

  const base = { 'app.kubernetes.io/name': name };
  return {
    facts,
    name,
    namespace,
    stagingNamespace: `${namespace}-staging`.slice(0, 63),
    headlessName: `${name}-headless`,
    secretName: `${name}-secrets`,
    configMapName: `${name}-env`,
    serviceAccountName: name,
    migrateJobName: `${migrateJobBase}-${tag}`,
    migrateJobBase,
    baseImage: name,
    imageRepo: repo,
    imageTag: tag,
    imagePlaceholder: config.k8s.image === null,
    imageRegistry: image.registry,
    imageProblem: image.problem,
    host,
    hostPlaceholder: config.host === null,
    stagingHost: `staging.${host}`,
    ingressClass: config.k8s.ingressClass,
    clustering,
    topology,
    needsApiAccess: topology?.strategy === 'Cluster.Strategy.Kubernetes',
    migrateJob: facts.usesEcto && !sqlite && migrationStep(profile).run,
    sqlite,
    autoscale,
    replicas: { production: { min: prodMin, max: prodMax }, staging: { min: 1, max: sqlite ? 1 : 2 } },
    resources: {
      cpuRequest: cores(cpuRequestCores),
      cpuLimit: cores(cpus),
      memory,
      stagingCpuRequest: cores(Math.max(0.25, cpuRequestCores / 2)),
      stagingCpuLimit: cores(Math.max(0.5, cpus / 2)),
      stagingMemory: `${stagingMemoryMb}Mi`,
    },
    cpuRequestCores,
    memoryGib: config.machine.memoryMb / 1024,
    secretNames: facts.secrets.map((s) => s.name).sort(),
    configEnv,
    port: facts.port,
    healthPath: facts.healthPath,
    writable,
    runAsUser,
    // The image starts as root to chown its volume (SQLite, the app's files); here fsGroup and emptyDirs make them writable, so run the release directly.
    command: (sqlite || writable.length > 0) && !kept ? [`${facts.releaseDir}/bin/server`] : null,
    labels: (component) => ({ ...base, 'app.kubernetes.io/component': component }),
    selector: { ...base, 'app.kubernetes.io/component': 'web' },
  };
}

/** The ConfigMap's env: the deploy env, PHX_HOST, /tmp for the read-only root filesystem, placeholders for inputs; no secret. */
function configMapEnv(facts: DeployFacts, host: string, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...facts.env, PHX_HOST: host, RELEASE_TMP: '/tmp', ERL_CRASH_DUMP: '/tmp/erl_crash.dump', ...extra };
  for (const i of facts.inputs) env[i.name] = inputPlaceholder(i);
  for (const s of facts.secrets) delete env[s.name];
  return env;
}

/** 65534 (nobody) for the generated image or a kept one running as nobody; a kept image's numeric non-root user; else null. */
function podUser(facts: DeployFacts): number | null {
  const user = facts.keptDockerfile ? facts.keptDockerfile.user : 'nobody';
  if (user === 'nobody' || user === '65534') return 65534;
  return user && /^\d+$/.test(user) && user !== '0' ? Number(user) : null;
}

interface ImageChoice {
  repo: string;
  tag: string;
  registry: string;
  /** Why k8s.image is not a reference Docker accepts, or null. */
  problem: string | null;
}

/** k8s.image split into repository, tag (default `latest`) and registry; null → a ghcr.io placeholder. A digest is not carried over. */
function imageChoice(image: string | null, name: string): ImageChoice {
  if (!image) return { repo: `ghcr.io/OWNER/${name}`, tag: 'latest', registry: 'ghcr.io', problem: null };
  const ref = parseImageRef(image);
  if ('error' in ref) return { repo: image, tag: 'latest', registry: registryOf(image) ?? 'docker.io', problem: ref.error };
  return { repo: ref.name, tag: ref.tag ?? 'latest', registry: ref.registry, problem: null };
}

/** Kubernetes CPU quantity: whole cores as "1", fractions as millicores ("500m"). */
export function cores(n: number): string {
  return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
}
