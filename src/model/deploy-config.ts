/**
 * The shape of `phoenix-ops.yaml`, the user's editable deployment config.
 * `init` writes it from the profile; `loadConfig` validates it; `defaultConfig(profile)` fills what is missing.
 */
import type { TargetId } from './ids.js';

export interface DeployConfig {
  version: 1;
  /** Deployment name (DNS-safe, e.g. "hello-phoenix"); defaults to the otp app with dashes. */
  app: string;
  /** Targets this project deploys to; the first is the default for plan/generate/cost. */
  targets: TargetId[];
  /** Provider region (fly: "iad"; gcp: "us-central1"). */
  region: string;
  /** Public hostname (PHX_HOST); defaults per target (e.g. <app>.fly.dev). */
  host: string | null;
  machine: {
    /** vCPUs per instance. */
    cpus: number;
    /** Memory per instance in MB. */
    memoryMb: number;
    /** 'shared' or 'performance' CPU (Fly naming; other targets map it). */
    cpuKind: 'shared' | 'performance';
    /** Instances to run. */
    count: number;
    /** Lower bound kept running when autoscaling/auto-stop is on; null = chosen from the profile. */
    minRunning: number | null;
    maxCount: number;
  };
  database: {
    /** What to provision; 'auto' follows the profile's adapter. */
    kind: 'auto' | 'postgres' | 'mysql' | 'sqlite' | 'none';
    /** 'managed' (Fly Managed Postgres, Cloud SQL…) or 'self' (unmanaged). */
    mode: 'managed' | 'self';
    /** Provider plan / tier name; null = the smallest production-worthy one. */
    plan: string | null;
    storageGb: number;
  };
  redis: { enabled: boolean | 'auto'; plan: string | null };
  /** Object storage (S3/Tigris/GCS) bucket wanted. */
  storage: { enabled: boolean; gb: number };
  health: { path: string };
  /** Clustering on/off; 'auto' follows the profile. */
  clustering: boolean | 'auto';
  /** PORT the release listens on inside the container. */
  port: number;
  /** Non-secret env vars to set. */
  env: Record<string, string>;
  /** Extra secret names to require (values never live in this file). */
  secrets: string[];
  audit: {
    ignore: { rule: string; path?: string; reason: string }[];
  };
  cost: {
    hoursPerMonth: number;
    /** Traffic scenario for usage-priced services. */
    traffic: 'low' | 'medium' | 'high';
    /** Egress GB per month per scenario (overrides the defaults). */
    egressGb: { low: number; medium: number; high: number } | null;
    /** For k8s on a node pool instead of Autopilot: node type name in the price table. */
    k8sNodeType: string | null;
    /** For systemd: VPS size name in the price table. */
    vpsSize: string | null;
  };
  /** Per-target settings. */
  k8s: { namespace: string; ingressClass: string; image: string | null; replicas: number };
  cloudrun: { project: string; image: string | null };
  systemd: { user: string; installDir: string; host: string | null };
  ci: { provider: 'github-actions'; deployTarget: TargetId | null };
}
