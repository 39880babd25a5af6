/** AWS resources → line items, from the AWS price table (us-east-1). */
import type { PriceEntry } from '../../../cost/price-table.js';
import type { LineItem } from '../../../cost/types.js';
import type { EgressResource } from '../../../cost/target-pricing.js';
import { assertNever, billableAfterFree, freeAllowance, line, nonNegative, specNumber, type PricingContext } from '../../../cost/pricing.js';
import type { Resource } from '../../../model/resource.js';
import data from './prices.json' with { type: 'json' };
import { loadPriceTable } from '../../../cost/load-price-table.js';

/** The AWS price table (./prices.json), checked as it loads. */
export const awsTable = loadPriceTable('aws', data, 'src/targets/aws/cost/prices.json');

export type AwsResource = Extract<
  Resource,
  { kind: 'fargate-service' | 'aws-alb' | 'aws-nat-gateway' | 'aws-rds' | 'aws-elasticache' | 'aws-efs' | 'aws-ecr' | 'aws-secrets-manager' | 'aws-cloudwatch-logs' }
>;

const t: Readonly<Record<string, PriceEntry>> = awsTable.entries;
const e = (id: keyof typeof awsTable.entries): PriceEntry => awsTable.entries[id];

function regionNote(region: string, ctx: PricingContext): void {
  if (region !== 'us-east-1') ctx.warnings.push(`AWS prices are us-east-1 figures; ${region} may cost more.`);
}

/** An instance or node type's hourly entry, or the smallest one with a warning. */
function sized(prefix: string, type: string, fallback: keyof typeof awsTable.entries, ctx: PricingContext): PriceEntry {
  const found = t[`${prefix}-${type}`];
  if (found) return found;
  ctx.warnings.push(`No AWS price for ${type}: priced as ${fallback.slice(prefix.length + 1)}.`);
  return e(fallback);
}

function fargate(r: Extract<AwsResource, { kind: 'fargate-service' }>, ctx: PricingContext): LineItem[] {
  const hours = ctx.assumptions.hoursPerMonth;
  const tasks = nonNegative(ctx, r.tasks, `${r.id}: tasks`);
  const cpu = e('fargate-vcpu-hour');
  const mem = e('fargate-gb-hour');
  return [
    line(r.kind, cpu, `${r.id}: Fargate vCPU (${tasks} × ${r.vcpu} vCPU)`, tasks * r.vcpu * hours, 'vCPU-hour', cpu.value),
    line(r.kind, mem, `${r.id}: Fargate memory (${tasks} × ${r.memoryGib} GB)`, tasks * r.memoryGib * hours, 'GB-hour', mem.value),
  ];
}

function alb(r: Extract<AwsResource, { kind: 'aws-alb' }>, ctx: PricingContext): LineItem[] {
  const hours = ctx.assumptions.hoursPerMonth;
  const lcuE = e('alb-lcu-hour');
  // The LCU is the largest of its dimensions; bytes processed and new connections (one per request, an upper bound) are modelled.
  const lcu = Math.max(ctx.usage.egressGb / hours, ctx.usage.requestsPerMonth / (hours * 3600) / 25);
  const ip = e('public-ipv4-hour');
  return [
    line(r.kind, e('alb-hour'), `${r.id}: Application Load Balancer`, hours, 'ALB-hour', e('alb-hour').value),
    line(r.kind, lcuE, `${r.id}: load balancer capacity units`, lcu * hours, 'LCU-hour', lcuE.value, `${lcu.toFixed(3)} LCU on average in the ${ctx.scenario} traffic scenario`),
    line(r.kind, ip, `${r.id}: public IPv4 addresses (one per zone, 2 zones)`, 2 * hours, 'IP-hour', ip.value),
  ];
}

function nat(r: Extract<AwsResource, { kind: 'aws-nat-gateway' }>, ctx: PricingContext): LineItem[] {
  const hours = ctx.assumptions.hoursPerMonth;
  const gb = e('nat-gateway-gb');
  const ip = e('public-ipv4-hour');
  // Responses to users leave through the load balancer; the NAT carries the tasks' own calls out and image pulls.
  const processed = Math.max(1, ctx.usage.egressGb * 0.1);
  return [
    line(r.kind, e('nat-gateway-hour'), `${r.id}: NAT gateway`, hours, 'NAT-gateway-hour', e('nat-gateway-hour').value),
    line(r.kind, gb, `${r.id}: data through the NAT gateway`, processed, 'GB', gb.value, 'estimate: 10 % of the traffic out (the tasks\' own outbound calls and image pulls), 1 GB at least'),
    line(r.kind, ip, `${r.id}: the NAT gateway's public IPv4 address`, hours, 'IP-hour', ip.value),
  ];
}

function rds(r: Extract<AwsResource, { kind: 'aws-rds' }>, ctx: PricingContext): LineItem[] {
  const hours = ctx.assumptions.hoursPerMonth;
  const inst = sized('rds', r.instanceClass, 'rds-db.t4g.micro', ctx);
  const factor = r.multiAz ? specNumber(inst, 'multiAzFactor', 2) : 1;
  const storage = e('rds-gp3-gb-month');
  const gb = nonNegative(ctx, r.storageGb, `${r.id}: storage`);
  return [
    line(r.kind, inst, `${r.id}: RDS ${r.engine} ${r.instanceClass}${r.multiAz ? ' Multi-AZ' : ''}`, hours, 'instance-hour', inst.value * factor),
    line(r.kind, storage, `${r.id}: RDS gp3 storage`, gb, 'GB-month', storage.value * factor),
  ];
}

function priceOne(r: AwsResource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'fargate-service':
      return fargate(r, ctx);
    case 'aws-alb':
      return alb(r, ctx);
    case 'aws-nat-gateway':
      return nat(r, ctx);
    case 'aws-rds':
      return rds(r, ctx);
    case 'aws-elasticache': {
      const node = sized('elasticache', r.nodeType, 'elasticache-cache.t4g.micro', ctx);
      return [line(r.kind, node, `${r.id}: ElastiCache ${r.nodeType} × ${r.nodes}`, r.nodes * ctx.assumptions.hoursPerMonth, 'node-hour', node.value)];
    }
    case 'aws-efs':
      return [line(r.kind, e('efs-standard-gb-month'), `${r.id}: EFS Standard storage`, nonNegative(ctx, r.storageGb, `${r.id}: storage`), 'GB-month', e('efs-standard-gb-month').value)];
    case 'aws-ecr':
      return [line(r.kind, e('ecr-gb-month'), `${r.id}: ECR image storage`, nonNegative(ctx, r.storageGb, `${r.id}: storage`), 'GB-month', e('ecr-gb-month').value)];
    case 'aws-secrets-manager':
      return [line(r.kind, e('secrets-manager-secret-month'), `${r.id}: Secrets Manager secrets`, nonNegative(ctx, r.secrets, `${r.id}: secrets`), 'secret-month', e('secrets-manager-secret-month').value)];
    case 'aws-cloudwatch-logs': {
      const ingest = e('cloudwatch-logs-ingest-gb');
      const gb = nonNegative(ctx, r.ingestGbPerMonth, `${r.id}: log volume`);
      const billable = billableAfterFree(ctx, 'aws:logs-ingest', freeAllowance(ingest, 'freeGb'), gb);
      return [
        line(r.kind, ingest, `${r.id}: CloudWatch Logs ingestion`, billable, 'GB', ingest.value, billable < gb ? `first ${freeAllowance(ingest, 'freeGb')} GB free` : undefined),
        line(r.kind, e('cloudwatch-logs-storage-gb-month'), `${r.id}: CloudWatch Logs storage (30-day retention)`, gb, 'GB-month', e('cloudwatch-logs-storage-gb-month').value),
      ];
    }
    default:
      return assertNever(r);
  }
}

export function priceAws(r: AwsResource, ctx: PricingContext): LineItem[] {
  if ('region' in r) regionNote(r.region, ctx);
  return priceOne(r, ctx);
}

export function priceAwsEgress(r: EgressResource, ctx: PricingContext): LineItem[] {
  const entry = e('egress-internet-gb');
  const gb = ctx.usage.egressGb;
  return [line(r.kind, entry, `${r.id}: data out to the internet (${r.region})`, gb, 'GB', entry.value, `${gb.toLocaleString('en-US')} GB in the ${ctx.scenario} traffic scenario`)];
}
