/**
 * Cloud resources a plan implies. Targets produce them; the estimator prices them from the tables.
 * Each kind names its provider; specs are in the units the price tables use.
 */

interface Base {
  /** Stable id within the plan, e.g. "app-machines". */
  id: string;
  /** One line for people: "2 × shared-cpu-1x, 1 GB". */
  description: string;
}

export type Resource =
  | (Base & { kind: 'fly-machine'; count: number; cpuKind: 'shared' | 'performance'; cpus: number; memoryMb: number; region: string; autoStop: boolean; minRunning: number })
  | (Base & { kind: 'fly-volume'; count: number; sizeGb: number; region: string })
  | (Base & { kind: 'fly-postgres'; managed: boolean; plan: string; storageGb: number; region: string })
  | (Base & { kind: 'fly-redis'; plan: string })
  | (Base & { kind: 'fly-tigris'; storageGb: number })
  | (Base & { kind: 'fly-ipv4'; dedicated: boolean })
  | (Base & { kind: 'egress'; provider: 'fly' | 'gcp' | 'aws' | 'kubernetes' | 'vps' | 'render' | 'gigalixir'; region: string })
  | (Base & { kind: 'cloudrun-service'; region: string; vcpu: number; memoryGib: number; minInstances: number; maxInstances: number; concurrency: number; cpuAlwaysAllocated: boolean })
  | (Base & { kind: 'cloudrun-job'; region: string; vcpu: number; memoryGib: number; runsPerMonth: number; secondsPerRun: number })
  | (Base & { kind: 'cloudsql'; region: string; engine: 'postgres' | 'mysql'; tier: string; storageGb: number; highAvailability: boolean })
  | (Base & { kind: 'memorystore'; region: string; tier: 'basic' | 'standard'; capacityGb: number })
  | (Base & { kind: 'artifact-registry'; storageGb: number })
  | (Base & { kind: 'secret-manager'; secrets: number; accessesPerMonth: number })
  | (Base & { kind: 'gcs-bucket'; storageGb: number })
  | (Base & { kind: 'fargate-service'; region: string; tasks: number; vcpu: number; memoryGib: number })
  | (Base & { kind: 'aws-alb'; region: string })
  | (Base & { kind: 'aws-nat-gateway'; region: string })
  | (Base & { kind: 'aws-rds'; region: string; engine: 'postgres' | 'mysql'; instanceClass: string; storageGb: number; multiAz: boolean })
  | (Base & { kind: 'aws-elasticache'; region: string; nodeType: string; nodes: number })
  | (Base & { kind: 'aws-efs'; region: string; storageGb: number })
  | (Base & { kind: 'aws-ecr'; storageGb: number })
  | (Base & { kind: 'aws-secrets-manager'; secrets: number })
  | (Base & { kind: 'aws-cloudwatch-logs'; ingestGbPerMonth: number })
  | (Base & { kind: 'k8s-workload'; replicas: number; cpu: number; memoryGib: number; ephemeralGib: number })
  | (Base & { kind: 'k8s-load-balancer' })
  | (Base & { kind: 'k8s-database'; engine: 'postgres' | 'mysql'; tier: string; storageGb: number })
  | (Base & { kind: 'k8s-redis'; capacityGb: number })
  | (Base & { kind: 'vps'; count: number; vcpu: number; memoryGib: number; size: string | null })
  | (Base & { kind: 'vps-database'; engine: 'postgres' | 'mysql'; memoryGib: number; storageGb: number })
  | (Base & { kind: 'vps-redis'; memoryGib: number })
  | (Base & { kind: 'render-service'; plan: string; count: number; region: string })
  | (Base & { kind: 'render-disk'; sizeGb: number })
  | (Base & { kind: 'render-postgres'; plan: string; storageGb: number; region: string })
  | (Base & { kind: 'render-keyvalue'; plan: string; region: string })
  | (Base & { kind: 'gigalixir-replica'; count: number; size: number })
  | (Base & { kind: 'gigalixir-postgres'; free: boolean; size: number });

export type ResourceKind = Resource['kind'];
