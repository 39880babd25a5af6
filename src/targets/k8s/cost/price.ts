/**
 * Kubernetes resources → line items, priced as Google Kubernetes Engine: Autopilot by default,
 * a Standard cluster node pool when `k8sNodeType` is set. Databases and Redis next to the cluster
 * are priced as Cloud SQL and Memorystore.
 */
import { count } from '../../../model/plural.js';
import type { Resource } from '../../../model/resource.js';
import data from './prices.json' with { type: 'json' };
import { loadPriceTable } from '../../../cost/load-price-table.js';
import type { PriceEntry } from '../../../cost/price-table.js';
import type { LineItem } from '../../../cost/types.js';
import { cloudSqlLines, memorystoreLines, priceGcpEgress } from '../../cloudrun/cost/price.js';
import { assertNever, billableAfterFree, freeAllowance, line, nonNegative, specNumber } from '../../../cost/pricing.js';
import type { PricingContext } from '../../../cost/pricing.js';

/** The Kubernetes (GKE) price table (./prices.json), checked as it loads. */
export const kubernetesTable = loadPriceTable('kubernetes', data, 'src/targets/k8s/cost/prices.json');

export type KubernetesResource = Extract<
  Resource,
  { kind: 'k8s-workload' | 'k8s-load-balancer' | 'k8s-database' | 'k8s-redis' }
>;
type Workload = Extract<Resource, { kind: 'k8s-workload' }>;
type EgressResource = Extract<Resource, { kind: 'egress' }>;

const entries: Readonly<Record<string, PriceEntry>> = kubernetesTable.entries;
const t = kubernetesTable.entries;

export function priceKubernetes(r: KubernetesResource, ctx: PricingContext): LineItem[] {
  switch (r.kind) {
    case 'k8s-workload':
      return ctx.assumptions.k8sNodeType ? standardPoolLines(r, ctx) : autopilotLines(r, ctx);
    case 'k8s-load-balancer': {
      const e = t['lb-forwarding-rule-hour'];
      ctx.notes.push('Load balancer: the per-GB charge for request data processed by the load balancer is not included.');
      return [line(r.kind, e, `${r.id}: load balancer forwarding rule`, ctx.assumptions.hoursPerMonth, 'rule-hour', e.value)];
    }
    case 'k8s-database':
      ctx.notes.push('Kubernetes target: the database is priced as Cloud SQL (Enterprise, zonal) next to the cluster.');
      return cloudSqlLines(r.kind, r.id, r.tier, r.storageGb, false, ctx);
    case 'k8s-redis':
      ctx.notes.push('Kubernetes target: Redis is priced as Memorystore for Redis (Basic tier) next to the cluster.');
      return memorystoreLines(r.kind, r.id, 'basic', r.capacityGb, ctx);
    default:
      return assertNever(r);
  }
}

export function priceKubernetesEgress(r: EgressResource, ctx: PricingContext): LineItem[] {
  return priceGcpEgress(r, ctx, t['egress-internet-gb']);
}

/** The GKE management fee, once per plan, net of the monthly free-tier credit. */
function clusterFeeLines(r: Workload, ctx: PricingContext, mode: string): LineItem[] {
  if (ctx.once.has('k8s:cluster-fee')) return [];
  ctx.once.add('k8s:cluster-fee');
  const fee = t['cluster-fee-hour'];
  const hours = ctx.assumptions.hoursPerMonth;
  const creditHours = freeAllowance(fee, 'freeCreditPerMonth') / fee.value;
  const billable = billableAfterFree(ctx, 'gke:cluster-credit', creditHours, hours);
  return [
    line(
      r.kind,
      fee,
      `GKE cluster management fee (${mode})`,
      billable,
      'cluster-hour',
      fee.value,
      billable < hours ? `GKE's $${freeAllowance(fee, 'freeCreditPerMonth').toFixed(2)} monthly credit covers one zonal or Autopilot cluster per billing account` : undefined,
    ),
  ];
}

/** Pod requests as Autopilot bills them: CPU in steps of 0.25 vCPU, 1–6.5 GiB of memory per vCPU, at least 0.5 GiB. */
export function autopilotRequest(cpu: number, memoryGib: number): { cpu: number; memoryGib: number } {
  const step = (v: number) => Math.ceil(v / 0.25 - 1e-9) * 0.25;
  let c = Math.max(0.25, step(cpu));
  let m = Math.max(0.5, memoryGib, c);
  if (m > 6.5 * c) c = step(m / 6.5);
  m = Math.max(m, c);
  return { cpu: c, memoryGib: m };
}

function autopilotLines(r: Workload, ctx: PricingContext): LineItem[] {
  const hours = ctx.assumptions.hoursPerMonth;
  const replicas = nonNegative(ctx, r.replicas, `${r.id}: replicas`);
  const req = autopilotRequest(nonNegative(ctx, r.cpu, `${r.id}: CPU`), nonNegative(ctx, r.memoryGib, `${r.id}: memory`));
  const rounded = req.cpu !== r.cpu || req.memoryGib !== r.memoryGib;
  const roundNote = rounded ? `requests rounded to ${req.cpu} vCPU / ${req.memoryGib} GiB as Autopilot bills them` : undefined;
  const cpuE = t['autopilot-vcpu-hour'];
  const memE = t['autopilot-memory-gib-hour'];
  const ephE = t['autopilot-ephemeral-gib-hour'];
  const items = [
    line(r.kind, cpuE, `${r.id}: Autopilot vCPU (${replicas} × ${req.cpu})`, replicas * req.cpu * hours, 'vCPU-hour', cpuE.value, roundNote),
    line(r.kind, memE, `${r.id}: Autopilot memory (${replicas} × ${req.memoryGib} GiB)`, replicas * req.memoryGib * hours, 'GiB-hour', memE.value, roundNote),
  ];
  const eph = nonNegative(ctx, r.ephemeralGib, `${r.id}: ephemeral storage`);
  if (eph > 0) {
    items.push(line(r.kind, ephE, `${r.id}: Autopilot ephemeral storage (${replicas} × ${eph} GiB)`, replicas * eph * hours, 'GiB-hour', ephE.value));
  }
  return [...clusterFeeLines(r, ctx, 'Autopilot'), ...items];
}

/**
 * Allocatable capacity of a GKE node: what is left after the kubelet and system reservations
 * (CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% above four;
 * memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112,
 * 2% above 128, plus a 100 MiB eviction threshold).
 */
export function gkeAllocatable(vcpu: number, memoryGib: number): { cpu: number; memoryGib: number } {
  const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const cpuReserved =
    0.06 * clamp(vcpu, 1) + 0.01 * clamp(vcpu - 1, 1) + 0.005 * clamp(vcpu - 2, 2) + 0.0025 * Math.max(0, vcpu - 4);
  const memReserved =
    memoryGib < 1
      ? 255 / 1024
      : 0.25 * clamp(memoryGib, 4) +
        0.2 * clamp(memoryGib - 4, 4) +
        0.1 * clamp(memoryGib - 8, 8) +
        0.06 * clamp(memoryGib - 16, 112) +
        0.02 * Math.max(0, memoryGib - 128);
  return { cpu: vcpu - cpuReserved, memoryGib: memoryGib - memReserved - 100 / 1024 };
}

function nodeEntry(ctx: PricingContext): PriceEntry {
  const name = (ctx.assumptions.k8sNodeType ?? '').trim();
  const e = entries[`node-${name}`] ?? entries[name];
  if (e && e.id.startsWith('node-') && e.unit === 'node-hour') return e;
  ctx.warnings.push(`k8sNodeType "${name}" is not in the Kubernetes price table; priced as e2-standard-2.`);
  return t['node-e2-standard-2'];
}

/** Node count for all workloads of the plan on one Standard node pool. */
export function nodePoolSize(workloads: readonly Workload[], node: PriceEntry, minNodes: number): { nodes: number; tooBig: string[] } {
  const alloc = gkeAllocatable(specNumber(node, 'vcpu'), specNumber(node, 'memoryGib'));
  let cpu = 0;
  let mem = 0;
  const tooBig: string[] = [];
  for (const w of workloads) {
    const replicas = Math.max(0, w.replicas);
    cpu += replicas * Math.max(0, w.cpu);
    mem += replicas * Math.max(0, w.memoryGib);
    if (w.cpu > alloc.cpu || w.memoryGib > alloc.memoryGib) tooBig.push(w.id);
  }
  const eps = 1e-9;
  const nodes = Math.max(minNodes, Math.ceil(cpu / alloc.cpu - eps), Math.ceil(mem / alloc.memoryGib - eps));
  return { nodes, tooBig };
}

function standardPoolLines(r: Workload, ctx: PricingContext): LineItem[] {
  if (ctx.once.has('k8s:node-pool')) return [];
  ctx.once.add('k8s:node-pool');
  const node = nodeEntry(ctx);
  const workloads = ctx.resources.filter((x): x is Workload => x.kind === 'k8s-workload');
  const { nodes, tooBig } = nodePoolSize(workloads, node, ctx.assumptions.k8sMinNodes);
  for (const id of tooBig) ctx.warnings.push(`${id}: one replica asks for more than a ${node.id.slice(5)} node can allocate.`);
  ctx.notes.push(
    'GKE Standard: nodes counted from the sum of Pod requests against each node\'s allocatable capacity; system Pods and DaemonSets also take room, so leave headroom.',
  );
  const hours = ctx.assumptions.hoursPerMonth;
  const disk = t['node-boot-disk-gb-month'];
  const diskGb = ctx.assumptions.k8sNodeDiskGb;
  const nodeName = node.id.slice(5);
  return [
    ...clusterFeeLines(r, ctx, 'Standard'),
    line(r.kind, node, `Node pool: ${nodes} × ${nodeName} for ${count(workloads.length, 'workload')}`, nodes * hours, 'node-hour', node.value),
    line(r.kind, disk, `Node boot disks: ${nodes} × ${diskGb} GB pd-balanced`, nodes * diskGb, 'GB-month', disk.value),
  ];
}
