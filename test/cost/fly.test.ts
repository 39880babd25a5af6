import { describe, expect, it } from 'vitest';
import { flyTable } from '../../src/targets/fly/cost/price.js';
import { egress, est, monthlyOf, samples, total } from './fixtures.js';

const f = flyTable.entries;
const H = 730;
/** A Fly "30 days" price over 730 hours. */
const month = (per30Days: number) => (per30Days / 720) * H;

describe('fly-machine', () => {
  it('prices always-running machines from the preset, per 30 days scaled to 730 hours', () => {
    const e = est([{ ...samples['fly-machine'], count: 2 }]);
    expect(e.items).toHaveLength(1);
    expect(e.monthly).toBeCloseTo(2 * month(f['shared-cpu-1x'].value), 10);
    expect(e.monthly).toBeCloseTo(4.44083333, 6); // 2 × 2.19 / 720 × 730
    expect(e.items[0]!.quantity).toBe(2);
    expect(e.items[0]!.unit).toBe('machine-month');
  });

  it('adds RAM beyond the preset and the region multiplier', () => {
    const e = est([
      { ...samples['fly-machine'], cpuKind: 'performance', cpus: 2, memoryMb: 8192, region: 'fra' },
    ]);
    const expected = month((f['performance-2x'].value + 4 * f['ram-per-gb'].value) * f['region-fra'].value);
    expect(e.monthly).toBeCloseTo(expected, 10);
    expect(e.monthly).toBeCloseTo(105.288461, 5); // (66 + 4 × 6) × 1.153846154 / 720 × 730
  });

  it('shared-cpu-1x with 1 GB lands within a cent of the page figure per 30 days', () => {
    const e = est([{ ...samples['fly-machine'], memoryMb: 1024 }], { hoursPerMonth: 720 });
    expect(Math.abs(e.monthly - f['shared-cpu-1x-1gb'].value)).toBeLessThan(0.015);
    expect(e.monthly).toBeCloseTo(6.69, 10); // 2.19 + 0.75 × 6
  });

  it('splits auto-stopping machines into always-on, on-demand share and stopped rootfs', () => {
    const m = { ...samples['fly-machine'], count: 3, memoryMb: 512, autoStop: true, minRunning: 1 };
    const e = est([m]); // low: machines above the minimum run 10% of the month; rootfs 0.5 GB
    const per = month(f['shared-cpu-1x'].value + 0.25 * f['ram-per-gb'].value);
    const rootfs = 2 * 0.9 * 0.5 * (H / 720) * f['rootfs-stopped-gb'].value;
    expect(monthlyOf(e.items, 'always running')).toBeCloseTo(per, 10);
    expect(monthlyOf(e.items, 'on demand')).toBeCloseTo(2 * 0.1 * per, 10);
    expect(monthlyOf(e.items, 'root file system')).toBeCloseTo(rootfs, 10);
    expect(e.monthly).toBeCloseTo(4.626375, 6); // 3.74125 + 0.74825 + 0.136875
    // more traffic, more machine time
    expect(e.scenarios!.high).toBeCloseTo(3 * per, 10);
  });

  it('honours the minInstances override', () => {
    const m = { ...samples['fly-machine'], count: 2, autoStop: true, minRunning: 0 };
    const e = est([m], { minInstances: 2 });
    expect(e.items).toHaveLength(1);
    expect(e.monthly).toBeCloseTo(2 * month(f['shared-cpu-1x'].value), 10);
  });

  it('warns for an unknown region and prices it at iad', () => {
    const e = est([{ ...samples['fly-machine'], region: 'xyz' }]);
    expect(e.warnings.some((w) => w.includes('"xyz"'))).toBe(true);
    expect(e.monthly).toBeCloseTo(month(f['shared-cpu-1x'].value), 10);
  });
});

describe('fly-volume, fly-ipv4, fly-tigris', () => {
  it('volumes: GB × price per GB-month', () => {
    const e = est([{ ...samples['fly-volume'], count: 2, sizeGb: 10 }]);
    expect(e.monthly).toBeCloseTo(20 * f['volume-gb-month'].value, 10);
    expect(e.monthly).toBeCloseTo(3.0, 10);
  });

  it('IPv4: dedicated costs the monthly price, shared is free', () => {
    expect(est([samples['fly-ipv4']]).monthly).toBe(f['ipv4-dedicated'].value);
    expect(est([samples['fly-ipv4']]).monthly).toBe(2);
    expect(est([{ ...samples['fly-ipv4'], dedicated: false }]).monthly).toBe(0);
  });

  it('Tigris: storage beyond the free 5 GB', () => {
    const e = est([{ ...samples['fly-tigris'], storageGb: 25 }]);
    expect(e.monthly).toBeCloseTo((25 - 5) * f['tigris-storage-gb-month'].value, 10);
    expect(e.monthly).toBeCloseTo(0.4, 10);
    expect(est([{ ...samples['fly-tigris'], storageGb: 25 }], { applyFreeTiers: false }).monthly).toBeCloseTo(0.5, 10);
  });
});

describe('fly-postgres', () => {
  it('managed: plan price plus storage', () => {
    const e = est([{ ...samples['fly-postgres'], plan: 'launch', storageGb: 50 }]);
    expect(e.monthly).toBeCloseTo(f['mpg-launch'].value + 50 * f['mpg-storage-gb-month'].value, 10);
    expect(e.monthly).toBeCloseTo(296, 10); // 282 + 50 × 0.28
  });

  it('managed: an unknown plan warns and falls back to Basic', () => {
    const e = est([{ ...samples['fly-postgres'], plan: 'huge' }]);
    expect(e.warnings.some((w) => w.includes('"huge"'))).toBe(true);
    expect(e.monthly).toBeCloseTo(38 + 10 * 0.28, 10);
  });

  it('unmanaged: machines plus one volume per node', () => {
    const e = est([{ ...samples['fly-postgres'], managed: false, plan: 'production', storageGb: 0 }]);
    const node = month(f['shared-cpu-2x'].value + 3.5 * f['ram-per-gb'].value);
    expect(e.monthly).toBeCloseTo(3 * node + 3 * 40 * f['volume-gb-month'].value, 10);
    expect(e.monthly).toBeCloseTo(95.1975, 6); // 3 × (4.38 + 21) / 720 × 730 + 120 × 0.15
  });

  it('unmanaged: a machine size as plan, with the given storage', () => {
    const e = est([{ ...samples['fly-postgres'], managed: false, plan: 'shared-cpu-1x-1gb', storageGb: 10 }]);
    expect(e.monthly).toBeCloseTo(month(2.19 + 0.75 * 6) + 10 * 0.15, 10);
  });
});

describe('fly-redis', () => {
  it('fixed plans are flat', () => {
    expect(est([{ ...samples['fly-redis'], plan: 'fixed-1gb' }]).monthly).toBe(f['upstash-fixed-1gb'].value);
    expect(est([{ ...samples['fly-redis'], plan: '1gb' }]).monthly).toBe(20);
  });

  it('pay-as-you-go follows the scenario command count', () => {
    const e = est([{ ...samples['fly-redis'], plan: 'payg' }]);
    expect(e.monthly).toBeCloseTo((1_000_000 / 100_000) * f['upstash-payg'].value, 10);
    expect(e.scenarios).toEqual({ low: expect.closeTo(2, 10), medium: expect.closeTo(20, 10), high: expect.closeTo(200, 10) });
  });
});

describe('fly egress', () => {
  it('uses the region group rate and the scenario volume', () => {
    expect(est([egress('fly', 'iad')]).monthly).toBeCloseTo(10 * f['egress-na-eu'].value, 10);
    expect(est([egress('fly', 'sin')]).monthly).toBeCloseTo(0.4, 10);
    expect(est([egress('fly', 'jnb')]).monthly).toBeCloseTo(1.2, 10);
    const e = est([egress('fly', 'iad')], { traffic: 'high' });
    expect(e.monthly).toBeCloseTo(1000 * 0.02, 10);
    expect(total(e.items)).toBe(e.monthly);
  });

  it('config egressGb overrides the scenario volume', () => {
    const e = est([egress('fly', 'iad')], { scenarios: { low: { egressGb: 50 } } });
    expect(e.monthly).toBeCloseTo(1, 10);
  });
});
