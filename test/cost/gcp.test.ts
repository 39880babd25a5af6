import { describe, expect, it } from 'vitest';
import { gcpTable } from '../../src/targets/cloudrun/cost/price.js';
import { egress, est, monthlyOf, samples } from './fixtures.js';

const g = gcpTable.entries;
const H = 730;
const MONTH_S = H * 3600; // 2,628,000

describe('cloudrun-service, request-based billing', () => {
  const svc = samples['cloudrun-service']; // 1 vCPU, 0.5 GiB, min 0

  it('low traffic fits in the free tier', () => {
    const e = est([svc]);
    expect(e.monthly).toBe(0);
  });

  it('without free tiers: vCPU-seconds, GiB-seconds and requests', () => {
    const e = est([svc], { applyFreeTiers: false });
    const active = 1_000_000 * 0.1; // requests × 100 ms
    const expected =
      active * g['run-request-cpu-second'].value +
      0.5 * active * g['run-request-memory-gib-second'].value +
      1 * g['run-requests-million'].value;
    expect(e.monthly).toBeCloseTo(expected, 10);
    expect(e.monthly).toBeCloseTo(2.925, 10); // 2.40 + 0.125 + 0.40
  });

  it('medium traffic, after the free tier', () => {
    const e = est([svc], { traffic: 'medium' });
    const active = 10_000_000 * 0.1;
    const expected =
      (active - 180_000) * g['run-request-cpu-second'].value +
      (0.5 * active - 360_000) * g['run-request-memory-gib-second'].value +
      (10 - 2) * g['run-requests-million'].value;
    expect(e.monthly).toBeCloseTo(expected, 10);
    expect(e.monthly).toBeCloseTo(23.23, 10); // 19.68 + 0.35 + 3.20
  });

  it('a minimum instance adds idle time at the idle rates', () => {
    const e = est([{ ...svc, minInstances: 1 }], { traffic: 'medium' });
    const idle = MONTH_S - 1_000_000;
    expect(monthlyOf(e.items, 'idle minimum instances, vCPU')).toBeCloseTo(idle * g['run-request-idle-cpu-second'].value, 10);
    expect(monthlyOf(e.items, 'idle minimum instances, memory')).toBeCloseTo(0.5 * idle * g['run-request-idle-memory-gib-second'].value, 10);
    expect(e.monthly).toBeCloseTo(29.335, 10); // 23.23 + 4.07 + 2.035
  });

  it('the minInstances assumption overrides the service', () => {
    const a = est([{ ...svc, minInstances: 1 }], { traffic: 'medium', minInstances: 0 });
    expect(a.monthly).toBeCloseTo(23.23, 10);
  });

  it('warns outside Tier 1 regions', () => {
    expect(est([{ ...svc, region: 'southamerica-east1' }]).warnings.some((w) => w.includes('Tier 1'))).toBe(true);
  });
});

describe('cloudrun-service, instance-based billing', () => {
  it('bills the whole lifetime of the minimum instances', () => {
    const svc = { ...samples['cloudrun-service'], memoryGib: 1, minInstances: 1, cpuAlwaysAllocated: true };
    const e = est([svc]);
    const expected =
      (MONTH_S - 240_000) * g['run-instance-cpu-second'].value + (MONTH_S - 450_000) * g['run-instance-memory-gib-second'].value;
    expect(e.monthly).toBeCloseTo(expected, 10);
    expect(e.monthly).toBeCloseTo(47.34, 10); // 2,388,000 × 0.000018 + 2,178,000 × 0.000002
    expect(e.items.some((i) => i.name.includes('requests'))).toBe(false);
  });
});

describe('cloudrun-job', () => {
  it('runs × seconds at the instance rates', () => {
    const e = est([samples['cloudrun-job']], { applyFreeTiers: false });
    const s = 30 * 60;
    expect(e.monthly).toBeCloseTo(s * g['run-instance-cpu-second'].value + 0.5 * s * g['run-instance-memory-gib-second'].value, 12);
    expect(e.monthly).toBeCloseTo(0.0342, 12);
    expect(est([samples['cloudrun-job']]).monthly).toBe(0); // inside the free tier
  });
});

describe('cloudsql', () => {
  it('dedicated core with high availability doubles compute and storage', () => {
    const e = est([{ ...samples.cloudsql, tier: 'db-custom-2-7680', storageGb: 50, highAvailability: true }]);
    const ha = g['sql-ha-multiplier'].value;
    const expected =
      2 * H * ha * g['sql-vcpu-hour'].value + 7.5 * H * ha * g['sql-memory-gib-hour'].value + 50 * ha * g['sql-ssd-gb-month'].value;
    expect(e.monthly).toBeCloseTo(expected, 10);
    expect(e.monthly).toBeCloseTo(214.246, 10); // 120.596 + 76.65 + 17
  });

  it('shared core, storage raised to the 10 GB minimum', () => {
    const e = est([{ ...samples.cloudsql, tier: 'db-g1-small', storageGb: 5 }]);
    expect(e.monthly).toBeCloseTo(H * g['sql-db-g1-small'].value + 10 * g['sql-ssd-gb-month'].value, 10);
    expect(e.monthly).toBeCloseTo(27.25, 10);
    expect(e.warnings.some((w) => w.includes('10 GB minimum'))).toBe(true);
  });

  it('db-f1-micro', () => {
    expect(est([samples.cloudsql]).monthly).toBeCloseTo(7.665 + 1.7, 10);
  });

  it('an unknown tier warns and falls back to 1 vCPU / 3.75 GB', () => {
    const e = est([{ ...samples.cloudsql, tier: 'db-weird' }]);
    expect(e.warnings.some((w) => w.includes('db-weird'))).toBe(true);
    expect(e.monthly).toBeCloseTo(H * 0.0413 + 3.75 * H * 0.007 + 1.7, 10);
  });
});

describe('memorystore', () => {
  it('GB × hours at the capacity band rate', () => {
    expect(est([samples.memorystore]).monthly).toBeCloseTo(1 * H * g['memorystore-basic-m1'].value, 10);
    expect(est([samples.memorystore]).monthly).toBeCloseTo(35.77, 10);
    const std = est([{ ...samples.memorystore, tier: 'standard', capacityGb: 5 }]);
    expect(std.monthly).toBeCloseTo(5 * H * g['memorystore-standard-m2'].value, 10);
    expect(std.monthly).toBeCloseTo(197.1, 10);
  });
});

describe('artifact-registry, secret-manager, gcs-bucket', () => {
  it('Artifact Registry: storage beyond 0.5 GB', () => {
    const e = est([samples['artifact-registry']]);
    expect(e.monthly).toBeCloseTo(9.5 * g['artifact-registry-gb-month'].value, 10);
    expect(e.monthly).toBeCloseTo(0.95, 10);
  });

  it('Secret Manager: versions beyond 6 and accesses beyond 10,000, scaled by scenario', () => {
    const e = est([samples['secret-manager']]);
    expect(e.monthly).toBeCloseTo((10 - 6) * g['secret-version-month'].value + (5 - 1) * g['secret-access-10k'].value, 10);
    expect(e.monthly).toBeCloseTo(0.36, 10);
    expect(e.scenarios!.high).toBeCloseTo(0.24 + (25 - 1) * 0.03, 10); // 5 × the baseline reads
  });

  it('Cloud Storage: GB × price', () => {
    expect(est([samples['gcs-bucket']]).monthly).toBeCloseTo(100 * g['gcs-standard-gb-month'].value, 10);
    expect(est([samples['gcs-bucket']]).monthly).toBeCloseTo(2, 10);
  });
});

describe('gcp egress', () => {
  it('scenario volume less the free GB, shared across egress resources', () => {
    expect(est([egress('gcp', 'us-central1')]).monthly).toBeCloseTo((10 - 1) * g['egress-internet-gb'].value, 10);
    expect(est([egress('gcp', 'us-central1')]).monthly).toBeCloseTo(1.08, 10);
    const two = est([egress('gcp', 'us-central1'), { ...egress('gcp', 'us-central1'), id: 'egress-2' }]);
    expect(two.monthly).toBeCloseTo(1.08 + 1.2, 10); // the free GB is used once
  });
});
