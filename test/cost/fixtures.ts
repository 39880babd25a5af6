/** Hand-built resources for the cost tests: one of every kind, plus helpers. */
import type { Resource, ResourceKind } from '../../src/model/resource.js';
import { estimate } from '../../src/cost/estimate.js';
import type { CostAssumptionsInput, Estimate, LineItem } from '../../src/cost/types.js';

/** The date the price tables were checked: estimates made "now" carry no staleness warning. */
export const TABLE_DATE = new Date('2026-11-22T00:00:00Z');

type Of<K extends ResourceKind> = Extract<Resource, { kind: K }>;

/** One resource of every kind; the mapped type makes a missing kind a compile error. */
export const samples: { [K in ResourceKind]: Of<K> } = {
  'fly-machine': { id: 'app', description: '1 × shared-cpu-1x 256 MB', kind: 'fly-machine', count: 1, cpuKind: 'shared', cpus: 1, memoryMb: 256, region: 'iad', autoStop: false, minRunning: 1 },
  'fly-volume': { id: 'data', description: '1 GB volume', kind: 'fly-volume', count: 1, sizeGb: 1, region: 'iad' },
  'fly-postgres': { id: 'db', description: 'Managed Postgres Basic', kind: 'fly-postgres', managed: true, plan: 'basic', storageGb: 10, region: 'iad' },
  'fly-redis': { id: 'redis', description: 'Upstash fixed 250 MB', kind: 'fly-redis', plan: 'fixed-250mb' },
  'fly-tigris': { id: 'bucket', description: 'Tigris bucket', kind: 'fly-tigris', storageGb: 10 },
  'fly-ipv4': { id: 'ip', description: 'dedicated IPv4', kind: 'fly-ipv4', dedicated: true },
  egress: { id: 'egress', description: 'traffic out', kind: 'egress', provider: 'fly', region: 'iad' },
  'cloudrun-service': { id: 'web', description: 'Cloud Run service', kind: 'cloudrun-service', region: 'us-central1', vcpu: 1, memoryGib: 0.5, minInstances: 0, maxInstances: 10, concurrency: 80, cpuAlwaysAllocated: false },
  'cloudrun-job': { id: 'migrate', description: 'migration job', kind: 'cloudrun-job', region: 'us-central1', vcpu: 1, memoryGib: 0.5, runsPerMonth: 30, secondsPerRun: 60 },
  cloudsql: { id: 'sql', description: 'Cloud SQL', kind: 'cloudsql', region: 'us-central1', engine: 'postgres', tier: 'db-f1-micro', storageGb: 10, highAvailability: false },
  memorystore: { id: 'cache', description: 'Memorystore', kind: 'memorystore', region: 'us-central1', tier: 'basic', capacityGb: 1 },
  'artifact-registry': { id: 'images', description: 'images', kind: 'artifact-registry', storageGb: 10 },
  'secret-manager': { id: 'secrets', description: 'secrets', kind: 'secret-manager', secrets: 10, accessesPerMonth: 50_000 },
  'gcs-bucket': { id: 'uploads', description: 'bucket', kind: 'gcs-bucket', storageGb: 100 },
  'k8s-workload': { id: 'web', description: 'Deployment', kind: 'k8s-workload', replicas: 2, cpu: 0.5, memoryGib: 1, ephemeralGib: 0 },
  'k8s-load-balancer': { id: 'lb', description: 'Ingress', kind: 'k8s-load-balancer' },
  'k8s-database': { id: 'db', description: 'Postgres', kind: 'k8s-database', engine: 'postgres', tier: 'db-f1-micro', storageGb: 10 },
  'k8s-redis': { id: 'redis', description: 'Redis', kind: 'k8s-redis', capacityGb: 1 },
  vps: { id: 'server', description: 'server', kind: 'vps', count: 1, vcpu: 1, memoryGib: 1, size: null },
  'vps-database': { id: 'db', description: 'Postgres', kind: 'vps-database', engine: 'postgres', memoryGib: 1, storageGb: 10 },
  'vps-redis': { id: 'redis', description: 'Redis', kind: 'vps-redis', memoryGib: 1 },
  'fargate-service': { id: 'web', description: 'Fargate', kind: 'fargate-service', region: 'us-east-1', tasks: 2, vcpu: 1, memoryGib: 2 },
  'aws-alb': { id: 'lb', description: 'ALB', kind: 'aws-alb', region: 'us-east-1' },
  'aws-nat-gateway': { id: 'nat', description: 'NAT', kind: 'aws-nat-gateway', region: 'us-east-1' },
  'aws-rds': { id: 'db', description: 'RDS', kind: 'aws-rds', region: 'us-east-1', engine: 'postgres', instanceClass: 'db.t4g.micro', storageGb: 20, multiAz: false },
  'aws-elasticache': { id: 'redis', description: 'ElastiCache', kind: 'aws-elasticache', region: 'us-east-1', nodeType: 'cache.t4g.micro', nodes: 1 },
  'aws-efs': { id: 'files', description: 'EFS', kind: 'aws-efs', region: 'us-east-1', storageGb: 5 },
  'aws-ecr': { id: 'images', description: 'ECR', kind: 'aws-ecr', storageGb: 2 },
  'aws-secrets-manager': { id: 'secrets', description: 'secrets', kind: 'aws-secrets-manager', secrets: 3 },
  'aws-cloudwatch-logs': { id: 'logs', description: 'logs', kind: 'aws-cloudwatch-logs', ingestGbPerMonth: 1 },
  'render-service': { id: 'web', description: 'web', kind: 'render-service', plan: 'standard', count: 2, region: 'oregon' },
  'render-disk': { id: 'disk', description: 'disk', kind: 'render-disk', sizeGb: 10 },
  'render-postgres': { id: 'postgres', description: 'Postgres', kind: 'render-postgres', plan: 'basic-256mb', storageGb: 15, region: 'oregon' },
  'render-keyvalue': { id: 'keyvalue', description: 'Key Value', kind: 'render-keyvalue', plan: 'starter', region: 'oregon' },
  'gigalixir-replica': { id: 'replicas', description: 'replicas', kind: 'gigalixir-replica', count: 2, size: 0.5 },
  'gigalixir-postgres': { id: 'postgres', description: 'Postgres', kind: 'gigalixir-postgres', free: false, size: 0.6 },
};

export function egress(provider: 'fly' | 'gcp' | 'aws' | 'kubernetes' | 'vps' | 'render' | 'gigalixir', region: string): Of<'egress'> {
  return { id: 'egress', description: 'traffic out', kind: 'egress', provider, region };
}

/** Estimate at the table date (no staleness warnings). */
export function est(resources: Resource[], assumptions: CostAssumptionsInput = {}, target = 'test'): Estimate {
  return estimate(resources, assumptions, target, { now: TABLE_DATE });
}

/** Monthly sum of the items whose name contains `part`. */
export function monthlyOf(items: readonly LineItem[], part: string): number {
  return items.filter((i) => i.name.includes(part)).reduce((s, i) => s + i.monthly, 0);
}

/** Sum of all items' monthly amounts. */
export function total(items: readonly LineItem[]): number {
  return items.reduce((s, i) => s + i.monthly, 0);
}
