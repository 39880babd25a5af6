import { describe, expect, it } from 'vitest';
import { findVpsSize } from '../../src/targets/systemd/cost/price.js';
import { vpsTable } from '../../src/targets/systemd/cost/price.js';
import { egress, est, samples } from './fixtures.js';

const v = vpsTable.entries;

describe('vps', () => {
  it('picks the cheapest DigitalOcean size that fits; 730 h reaches the monthly cap', () => {
    const e = est([{ ...samples.vps, count: 2, vcpu: 1, memoryGib: 2 }]);
    expect(e.items[0]!.name).toContain('s-1vcpu-2gb');
    expect(e.monthly).toBe(2 * v['do-s-1vcpu-2gb'].value);
    expect(e.monthly).toBe(24);
  });

  it('bills hourly below the cap', () => {
    const e = est([{ ...samples.vps, vcpu: 1, memoryGib: 2 }], { hoursPerMonth: 336 });
    expect(e.monthly).toBeCloseTo(v['do-s-1vcpu-2gb'].value * (336 / 672), 10);
    expect(e.monthly).toBeCloseTo(6, 10);
  });

  it('uses the vpsSize assumption, by table id or provider size name', () => {
    expect(findVpsSize('cx23')?.id).toBe('hetzner-cx23');
    expect(findVpsSize('do-s-2vcpu-4gb')?.id).toBe('do-s-2vcpu-4gb');
    const e = est([samples.vps], { vpsSize: 'cx23' });
    expect(e.monthly).toBeCloseTo(v['hetzner-cx23'].value, 10);
    expect(e.monthly).toBeCloseTo(4.77, 10);
  });

  it('a resource size wins over the assumption; an unknown size warns', () => {
    expect(est([{ ...samples.vps, size: 's-2vcpu-4gb' }], { vpsSize: 'cx23' }).monthly).toBe(24);
    const e = est([{ ...samples.vps, size: 'mega-1' }]);
    expect(e.warnings.some((w) => w.includes('mega-1'))).toBe(true);
    expect(e.monthly).toBe(6);
  });

  it('warns when the chosen size is smaller than asked', () => {
    const e = est([{ ...samples.vps, vcpu: 4, memoryGib: 8 }], { vpsSize: 's-1vcpu-1gb' });
    expect(e.warnings.some((w) => w.includes('smaller'))).toBe(true);
  });
});

describe('vps-database, vps-redis', () => {
  it('smallest managed plan with enough memory', () => {
    expect(est([samples['vps-database']]).monthly).toBe(v['do-db-1gb'].value);
    expect(est([{ ...samples['vps-database'], memoryGib: 2 }]).monthly).toBe(30);
    expect(est([samples['vps-redis']]).monthly).toBe(v['do-cache-1gb'].value);
    expect(est([samples['vps-redis']]).monthly).toBe(15);
  });

  it('warns when storage exceeds what the plan includes', () => {
    const e = est([{ ...samples['vps-database'], storageGb: 100 }]);
    expect(e.warnings.some((w) => w.includes('extra storage'))).toBe(true);
  });
});

describe('vps egress', () => {
  it('only traffic beyond the pooled allowance is billed', () => {
    const servers = { ...samples.vps, count: 2, vcpu: 1, memoryGib: 2 }; // 2 × 2,000 GB included
    const high = est([servers, egress('vps', 'nyc1')], { traffic: 'high' });
    expect(high.items.find((i) => i.kind === 'egress')!.monthly).toBe(0);
    const heavy = est([servers, egress('vps', 'nyc1')], { scenarios: { low: { egressGb: 5000 } } });
    const out = heavy.items.find((i) => i.kind === 'egress')!;
    expect(out.monthly).toBeCloseTo((5000 - 4000) * v['do-transfer-overage-gb'].value, 10);
    expect(out.monthly).toBeCloseTo(10, 10);
  });

  it('Hetzner servers use the Hetzner allowance and rate', () => {
    const e = est([samples.vps, egress('vps', 'fsn1')], { vpsSize: 'cx23', scenarios: { low: { egressGb: 21_000 } } });
    expect(e.items.find((i) => i.kind === 'egress')!.monthly).toBeCloseTo(1000 * v['hetzner-transfer-overage-gb'].value, 10);
  });
});
