import { describe, expect, it } from 'vitest';
import { autopilotRequest, gkeAllocatable, nodePoolSize } from '../../src/targets/k8s/cost/price.js';
import { gcpTable } from '../../src/targets/cloudrun/cost/price.js';
import { kubernetesTable } from '../../src/targets/k8s/cost/price.js';
import { egress, est, monthlyOf, samples } from './fixtures.js';

const k = kubernetesTable.entries;
const H = 730;

describe('k8s-workload on Autopilot', () => {
  it('requested vCPU and memory × replicas × hours; the cluster fee is covered by the free credit', () => {
    const e = est([samples['k8s-workload']]); // 2 × 0.5 vCPU, 1 GiB
    const expected = 2 * 0.5 * H * k['autopilot-vcpu-hour'].value + 2 * 1 * H * k['autopilot-memory-gib-hour'].value;
    expect(e.monthly).toBeCloseTo(expected, 10);
    expect(e.monthly).toBeCloseTo(39.67185, 8); // 32.485 + 7.18685
    expect(monthlyOf(e.items, 'cluster management fee')).toBe(0);
  });

  it('without free tiers the management fee is charged once per plan', () => {
    const e = est([samples['k8s-workload'], { ...samples['k8s-workload'], id: 'worker' }], { applyFreeTiers: false });
    expect(e.items.filter((i) => i.name.includes('cluster management fee'))).toHaveLength(1);
    expect(monthlyOf(e.items, 'cluster management fee')).toBeCloseTo(H * k['cluster-fee-hour'].value, 10);
    expect(monthlyOf(e.items, 'cluster management fee')).toBeCloseTo(73, 10);
  });

  it('ephemeral storage is billed per GiB-hour', () => {
    const e = est([{ ...samples['k8s-workload'], ephemeralGib: 2 }]);
    expect(monthlyOf(e.items, 'ephemeral')).toBeCloseTo(2 * 2 * H * k['autopilot-ephemeral-gib-hour'].value, 12);
  });

  it('rounds requests the way Autopilot bills them', () => {
    expect(autopilotRequest(0.3, 0.2)).toEqual({ cpu: 0.5, memoryGib: 0.5 });
    expect(autopilotRequest(0.25, 4)).toEqual({ cpu: 0.75, memoryGib: 4 });
    expect(autopilotRequest(1, 2)).toEqual({ cpu: 1, memoryGib: 2 });
    const e = est([{ ...samples['k8s-workload'], replicas: 1, cpu: 0.3, memoryGib: 0.2 }]);
    expect(e.monthly).toBeCloseTo(0.5 * H * 0.0445 + 0.5 * H * 0.0049225, 10);
  });
});

describe('k8s-workload on a Standard node pool', () => {
  it('computes allocatable capacity with the GKE reservations', () => {
    const a = gkeAllocatable(2, 8);
    expect(a.cpu).toBeCloseTo(1.93, 10); // 2 − 0.06 − 0.01
    expect(a.memoryGib).toBeCloseTo(8 - 1.8 - 100 / 1024, 10); // 25% of 4 + 20% of 4, eviction 100 MiB
    expect(gkeAllocatable(1, 4).cpu).toBeCloseTo(0.94, 10); // GKE's published e2-medium figure
  });

  it('packs all workloads onto enough nodes and adds boot disks', () => {
    const w = { ...samples['k8s-workload'], replicas: 3, cpu: 1, memoryGib: 2 };
    const e = est([w], { k8sNodeType: 'e2-standard-2' });
    // 3 vCPU / 1.93 → 2 nodes; 6 GiB / 6.1 → 1 node
    expect(nodePoolSize([w], k['node-e2-standard-2'], 1).nodes).toBe(2);
    const expected = 2 * H * k['node-e2-standard-2'].value + 2 * 100 * k['node-boot-disk-gb-month'].value;
    expect(e.monthly).toBeCloseTo(expected, 10);
    expect(e.monthly).toBeCloseTo(117.8366732, 7); // 2 × 730 × 0.06701142 + 20
  });

  it('prices the pool once for several workloads and respects the minimum node count', () => {
    const a = { ...samples['k8s-workload'], id: 'web', replicas: 1, cpu: 0.5, memoryGib: 1 };
    const b = { ...a, id: 'worker' };
    const e = est([a, b], { k8sNodeType: 'e2-standard-4', k8sMinNodes: 3 });
    expect(e.items.filter((i) => i.name.startsWith('Node pool'))).toHaveLength(1);
    expect(monthlyOf(e.items, 'Node pool')).toBeCloseTo(3 * H * k['node-e2-standard-4'].value, 10);
  });

  it('warns about an unknown node type', () => {
    const e = est([samples['k8s-workload']], { k8sNodeType: 'n9-giant' });
    expect(e.warnings.some((w) => w.includes('n9-giant'))).toBe(true);
  });
});

describe('k8s-load-balancer, k8s-database, k8s-redis, egress', () => {
  it('forwarding rule × hours', () => {
    expect(est([samples['k8s-load-balancer']]).monthly).toBeCloseTo(H * k['lb-forwarding-rule-hour'].value, 10);
    expect(est([samples['k8s-load-balancer']]).monthly).toBeCloseTo(18.25, 10);
  });

  it('database as Cloud SQL, Redis as Memorystore Basic', () => {
    const g = gcpTable.entries;
    expect(est([samples['k8s-database']]).monthly).toBeCloseTo(H * g['sql-db-f1-micro'].value + 10 * g['sql-ssd-gb-month'].value, 10);
    const redis = est([{ ...samples['k8s-redis'], capacityGb: 2 }]);
    expect(redis.monthly).toBeCloseTo(2 * H * g['memorystore-basic-m1'].value, 10);
    expect(redis.monthly).toBeCloseTo(71.54, 10);
  });

  it('egress at the Google rate', () => {
    expect(est([egress('kubernetes', 'us-central1')], { traffic: 'medium' }).monthly).toBeCloseTo(99 * k['egress-internet-gb'].value, 10);
    expect(est([egress('kubernetes', 'us-central1')], { traffic: 'medium' }).monthly).toBeCloseTo(11.88, 10);
  });
});
