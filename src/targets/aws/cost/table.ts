/**
 * AWS prices (USD), US East (N. Virginia) us-east-1, On-Demand. AWS's own pricing pages render their figures
 * with JavaScript (the stored copies show none), so each figure is read from a dated page that quotes the AWS
 * pricing page or the Price List API, named as its source (for some, the site the figure was read on); the AWS
 * page it quotes is in the table's sources.
 */
import type { PriceEntry } from '../../../cost/price-table.js';

const AS_OF = '2026-12-06';
const FARGATE = 'https://www.vantage.sh/blog/fargate-pricing';
const ALB = 'https://cloud-horizons.com/';
const RDS = 'https://infratally.com/';
const RDS_STORAGE = 'https://www.usage.ai/';
const NAT = 'https://cloudburn.io/';
const LOGS = 'https://c3x.dev/';
const ECR = NAT;
const SECRETS = 'https://aws.amazon.com/secrets-manager/pricing/';
const ELASTICACHE = 'https://aws.amazon.com/elasticache/pricing/';
const EFS = 'https://aws.amazon.com/efs/pricing/';
const IPV4 = 'https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/';

type Fields = Omit<PriceEntry, 'id' | 'source' | 'asOf'>;
const at =
  (source: string) =>
  <I extends string>(id: I, fields: Fields): PriceEntry & { id: I } => ({ id, source, asOf: AS_OF, region: 'us-east-1', ...fields });

const rds = (cls: string, value: number, memoryGib: number) =>
  at(RDS)(`rds-${cls}`, {
    description: `RDS ${cls} instance, single-AZ (PostgreSQL; MySQL is billed alike for t4g)`,
    unit: 'instance-hour',
    basis: 'hour',
    value,
    specs: { memoryGib, multiAzFactor: 2 },
    note: 'Multi-AZ costs twice the single-AZ rate; the MySQL t4g rate equal to PostgreSQL is an assumption (estimate: not stated by the source for MySQL)',
  });

const entries = {
  'fargate-vcpu-hour': at(FARGATE)('fargate-vcpu-hour', { description: 'Fargate Linux/x86 vCPU, per second with a 1-minute minimum', unit: 'vCPU-hour', basis: 'hour', value: 0.04048 }),
  'fargate-gb-hour': at(FARGATE)('fargate-gb-hour', { description: 'Fargate Linux/x86 memory, per second with a 1-minute minimum', unit: 'GB-hour', basis: 'hour', value: 0.004445 }),
  'alb-hour': at(ALB)('alb-hour', { description: 'Application Load Balancer, each hour or part of an hour', unit: 'ALB-hour', basis: 'hour', value: 0.0225 }),
  'alb-lcu-hour': at(ALB)('alb-lcu-hour', {
    description: 'Application Load Balancer capacity unit (LCU: 25 new connections/s, 3,000 active connections/min, 1 GB/h processed, 1,000 rule evaluations/s)',
    unit: 'LCU-hour',
    basis: 'hour',
    value: 0.008,
  }),
  'rds-db.t4g.micro': rds('db.t4g.micro', 0.016, 1),
  'rds-db.t4g.small': rds('db.t4g.small', 0.032, 2),
  'rds-db.t4g.medium': rds('db.t4g.medium', 0.065, 4),
  'rds-gp3-gb-month': at(RDS_STORAGE)('rds-gp3-gb-month', { description: 'RDS gp3 storage (3,000 IOPS and 125 MB/s included), single-AZ', unit: 'GB-month', basis: 'month', value: 0.115 }),
  'elasticache-cache.t4g.micro': at(ELASTICACHE)('elasticache-cache.t4g.micro', {
    description: 'ElastiCache for Redis OSS node cache.t4g.micro (0.5 GiB), on demand',
    unit: 'node-hour',
    basis: 'hour',
    value: 0.016,
    note: 'estimate: the node rate commonly quoted for us-east-1; the stored pricing page shows no figures',
  }),
  'elasticache-cache.t4g.small': at(ELASTICACHE)('elasticache-cache.t4g.small', {
    description: 'ElastiCache for Redis OSS node cache.t4g.small (1.37 GiB), on demand',
    unit: 'node-hour',
    basis: 'hour',
    value: 0.032,
    note: 'estimate: the node rate commonly quoted for us-east-1; the stored pricing page shows no figures',
  }),
  'nat-gateway-hour': at(NAT)('nat-gateway-hour', { description: 'NAT gateway, each hour it exists', unit: 'NAT-gateway-hour', basis: 'hour', value: 0.045 }),
  'nat-gateway-gb': at(NAT)('nat-gateway-gb', { description: 'NAT gateway, data processed in either direction', unit: 'GB', basis: 'usage', value: 0.045 }),
  'public-ipv4-hour': at(IPV4)('public-ipv4-hour', { description: 'Public IPv4 address (the ALB has one per zone, the NAT gateway one), since 2024-02-01', unit: 'IP-hour', basis: 'hour', value: 0.005 }),
  'cloudwatch-logs-ingest-gb': at(LOGS)('cloudwatch-logs-ingest-gb', { description: 'CloudWatch Logs ingestion, Standard log class', unit: 'GB', basis: 'usage', value: 0.5, specs: { freeGb: 5 } }),
  'cloudwatch-logs-storage-gb-month': at(LOGS)('cloudwatch-logs-storage-gb-month', { description: 'CloudWatch Logs storage (archived)', unit: 'GB-month', basis: 'month', value: 0.03 }),
  'ecr-gb-month': at(ECR)('ecr-gb-month', { description: 'ECR private repository storage (same-region pulls are free)', unit: 'GB-month', basis: 'month', value: 0.1 }),
  'secrets-manager-secret-month': at(SECRETS)('secrets-manager-secret-month', {
    description: 'Secrets Manager secret stored, per month',
    unit: 'secret-month',
    basis: 'month',
    value: 0.4,
    note: 'estimate: the stored AWS page shows no figure; the rate is quoted by several secondary pages (plus $0.05 per 10,000 API calls, negligible here)',
  }),
  'efs-standard-gb-month': at(EFS)('efs-standard-gb-month', {
    description: 'EFS Standard storage (regional)',
    unit: 'GB-month',
    basis: 'month',
    value: 0.3,
    note: 'estimate: the rate long listed for us-east-1; the stored pricing page shows no figures',
  }),
  'egress-internet-gb': at(ECR)('egress-internet-gb', { description: 'Data transfer out to the internet, first 10 TB band', unit: 'GB', basis: 'usage', value: 0.09, note: 'later volume bands are cheaper and not modeled; the 100 GB/month free allowance is not applied (unconfirmed)' }),
} satisfies Record<string, PriceEntry>;

export const awsTable = {
  provider: 'aws',
  title: 'AWS',
  currency: 'USD',
  asOf: AS_OF,
  sources: ['https://aws.amazon.com/fargate/pricing/', 'https://aws.amazon.com/elasticloadbalancing/pricing/', 'https://aws.amazon.com/rds/postgresql/pricing/', 'https://aws.amazon.com/vpc/pricing/', 'https://aws.amazon.com/cloudwatch/pricing/', FARGATE, ALB, RDS, RDS_STORAGE, NAT, LOGS, SECRETS, ELASTICACHE, EFS, IPV4],
  entries,
} as const;

export type AwsEntryId = keyof typeof entries;
