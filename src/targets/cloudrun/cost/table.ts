/**
 * Google Cloud prices (USD), for us-central1 (Iowa) / Cloud Run Tier 1 regions, on-demand,
 * without committed-use discounts.
 */
import type { PriceEntry, PriceTable } from '../../../cost/price-table.js';

const AS_OF = '2026-11-22';
const RUN = 'https://cloud.google.com/run/pricing';
const SQL = 'https://cloud.google.com/sql/pricing';
const MEMORYSTORE = 'https://cloud.google.com/memorystore/docs/redis/pricing';
const ARTIFACTS = 'https://cloud.google.com/artifact-registry/pricing';
const SECRETS = 'https://cloud.google.com/secret-manager/pricing';
const STORAGE = 'https://cloud.google.com/storage/pricing';
const NETWORK = 'https://cloud.google.com/vpc/network-pricing';

type Fields = Omit<PriceEntry, 'id' | 'source' | 'asOf'>;
const at =
  (source: string) =>
  <I extends string>(id: I, fields: Fields): PriceEntry & { id: I } => ({ id, source, asOf: AS_OF, ...fields });
const run = at(RUN);
const sql = at(SQL);
const memorystore = at(MEMORYSTORE);

const MEMORYSTORE_ESTIMATE =
  'estimate: only the Basic M1 rate was confirmed in the search material; this capacity-tier rate is the figure Google has long listed for Iowa and may have moved';

const ms = (tier: 'basic' | 'standard', band: string, value: number, minGb: number, maxGb: number, note?: string) =>
  memorystore(`memorystore-${tier}-${band}`, {
    description: `Memorystore for Redis ${tier === 'basic' ? 'Basic (single node)' : 'Standard (replicated, failover)'} tier, ${band.toUpperCase()} capacity band (${minGb}–${maxGb} GB)`,
    unit: 'GB-hour',
    basis: 'hour',
    value,
    region: 'us-central1',
    specs: { minGb, maxGb },
    ...(note ? { note } : {}),
  });

const entries = {
  // Cloud Run services billed per request (CPU only during requests) — the default.
  'run-request-cpu-second': run('run-request-cpu-second', {
    description: 'Cloud Run, request-based billing: vCPU time while handling requests',
    unit: 'vCPU-second',
    basis: 'second',
    value: 0.000024,
    region: 'tier-1',
    specs: { freePerMonth: 180_000 },
  }),
  'run-request-memory-gib-second': run('run-request-memory-gib-second', {
    description: 'Cloud Run, request-based billing: memory while handling requests',
    unit: 'GiB-second',
    basis: 'second',
    value: 0.0000025,
    region: 'tier-1',
    specs: { freePerMonth: 360_000 },
  }),
  'run-request-idle-cpu-second': run('run-request-idle-cpu-second', {
    description: 'Cloud Run, request-based billing: vCPU of an idle minimum instance kept warm',
    unit: 'vCPU-second',
    basis: 'second',
    value: 0.0000025,
    region: 'tier-1',
  }),
  'run-request-idle-memory-gib-second': run('run-request-idle-memory-gib-second', {
    description: 'Cloud Run, request-based billing: memory of an idle minimum instance kept warm',
    unit: 'GiB-second',
    basis: 'second',
    value: 0.0000025,
    region: 'tier-1',
  }),
  'run-requests-million': run('run-requests-million', {
    description: 'Cloud Run, request-based billing: requests served',
    unit: 'million requests',
    basis: 'usage',
    value: 0.4,
    region: 'tier-1',
    specs: { freePerMonth: 2 },
  }),
  // Instance-based billing (CPU always allocated) and Cloud Run jobs: the whole instance lifetime.
  'run-instance-cpu-second': run('run-instance-cpu-second', {
    description: 'Cloud Run, instance-based billing and jobs: vCPU for the whole instance lifetime',
    unit: 'vCPU-second',
    basis: 'second',
    value: 0.000018,
    region: 'tier-1',
    specs: { freePerMonth: 240_000 },
  }),
  'run-instance-memory-gib-second': run('run-instance-memory-gib-second', {
    description: 'Cloud Run, instance-based billing and jobs: memory for the whole instance lifetime',
    unit: 'GiB-second',
    basis: 'second',
    value: 0.000002,
    region: 'tier-1',
    specs: { freePerMonth: 450_000 },
  }),
  // Cloud SQL (Enterprise edition) for PostgreSQL and MySQL.
  'sql-vcpu-hour': sql('sql-vcpu-hour', {
    description: 'Cloud SQL Enterprise, dedicated-core instance: per vCPU',
    unit: 'vCPU-hour',
    basis: 'hour',
    value: 0.0413,
    region: 'us-central1',
  }),
  'sql-memory-gib-hour': sql('sql-memory-gib-hour', {
    description: 'Cloud SQL Enterprise, dedicated-core instance: per GiB of memory',
    unit: 'GiB-hour',
    basis: 'hour',
    value: 0.007,
    region: 'us-central1',
  }),
  'sql-db-f1-micro': sql('sql-db-f1-micro', {
    description: 'Cloud SQL shared-core db-f1-micro (shared vCPU, 0.6 GB); outside the Cloud SQL SLA',
    unit: 'instance-hour',
    basis: 'hour',
    value: 0.0105,
    region: 'us-central1',
    specs: { memoryGib: 0.6 },
  }),
  'sql-db-g1-small': sql('sql-db-g1-small', {
    description: 'Cloud SQL shared-core db-g1-small (shared vCPU, 1.7 GB); outside the Cloud SQL SLA',
    unit: 'instance-hour',
    basis: 'hour',
    value: 0.035,
    region: 'us-central1',
    specs: { memoryGib: 1.7 },
  }),
  'sql-ssd-gb-month': sql('sql-ssd-gb-month', {
    description: 'Cloud SQL SSD storage, per provisioned GB (10 GB minimum)',
    unit: 'GB-month',
    basis: 'month',
    value: 0.17,
    region: 'us-central1',
    specs: { minGb: 10 },
  }),
  'sql-ha-multiplier': sql('sql-ha-multiplier', {
    description: 'High-availability (regional) instances bill compute and storage at twice the zonal rate',
    unit: 'multiplier',
    basis: 'multiplier',
    value: 2,
  }),
  // Memorystore for Redis, per provisioned GB per hour by capacity band.
  'memorystore-basic-m1': ms('basic', 'm1', 0.049, 1, 4),
  'memorystore-basic-m2': ms('basic', 'm2', 0.027, 5, 10, MEMORYSTORE_ESTIMATE),
  'memorystore-basic-m3': ms('basic', 'm3', 0.023, 11, 35, MEMORYSTORE_ESTIMATE),
  'memorystore-basic-m4': ms('basic', 'm4', 0.019, 36, 100, MEMORYSTORE_ESTIMATE),
  'memorystore-basic-m5': ms('basic', 'm5', 0.012, 101, 300, MEMORYSTORE_ESTIMATE),
  'memorystore-standard-m1': ms('standard', 'm1', 0.064, 1, 4, MEMORYSTORE_ESTIMATE),
  'memorystore-standard-m2': ms('standard', 'm2', 0.054, 5, 10, MEMORYSTORE_ESTIMATE),
  'memorystore-standard-m3': ms('standard', 'm3', 0.046, 11, 35, MEMORYSTORE_ESTIMATE),
  'memorystore-standard-m4': ms('standard', 'm4', 0.038, 36, 100, MEMORYSTORE_ESTIMATE),
  'memorystore-standard-m5': ms('standard', 'm5', 0.023, 101, 300, MEMORYSTORE_ESTIMATE),
  'artifact-registry-gb-month': at(ARTIFACTS)('artifact-registry-gb-month', {
    description: 'Artifact Registry storage for container images',
    unit: 'GB-month',
    basis: 'month',
    value: 0.1,
    specs: { freeGb: 0.5 },
  }),
  'secret-version-month': at(SECRETS)('secret-version-month', {
    description: 'Secret Manager active secret version, per location',
    unit: 'version-month',
    basis: 'month',
    value: 0.06,
    specs: { freePerMonth: 6 },
  }),
  'secret-access-10k': at(SECRETS)('secret-access-10k', {
    description: 'Secret Manager secret-access operations',
    unit: '10,000 operations',
    basis: 'usage',
    value: 0.03,
    specs: { freePerMonth: 1 },
  }),
  'gcs-standard-gb-month': at(STORAGE)('gcs-standard-gb-month', {
    description: 'Cloud Storage Standard class in a single region',
    unit: 'GB-month',
    basis: 'month',
    value: 0.02,
    region: 'us-central1',
  }),
  'egress-internet-gb': at(NETWORK)('egress-internet-gb', {
    description: 'Premium-tier data sent to the internet (first band of monthly volume)',
    unit: 'GB',
    basis: 'usage',
    value: 0.12,
    specs: { freeGb: 1 },
    note: 'first 1 GiB per month from North America is free for Cloud Run (Cloud Run pricing page); later volume bands are cheaper and not modeled',
  }),
} satisfies Record<string, PriceEntry>;

export const gcpTable = {
  provider: 'gcp',
  title: 'Google Cloud',
  currency: 'USD',
  asOf: AS_OF,
  sources: [RUN, SQL, MEMORYSTORE, ARTIFACTS, SECRETS, STORAGE, NETWORK],
  entries,
} as const satisfies PriceTable;

export type GcpEntryId = keyof typeof entries;

/**
 * Cloud Run regions billed at Tier 1 rates. Other regions cost more; the estimator warns and
 * uses Tier 1 figures for them.
 */
export const cloudRunTier1Regions: readonly string[] = [
  'us-central1', 'us-east1', 'us-east4', 'us-west1',
  'europe-west1', 'europe-west4', 'europe-north1',
  'asia-east1', 'asia-northeast1', 'asia-northeast2',
];
