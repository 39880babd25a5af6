import { describe, expect, it } from 'vitest';
import { assumptionsFromConfig, defaultAssumptions, resolveAssumptions } from '../../src/cost/assumptions.js';
import { estimate, sumMonthly } from '../../src/cost/estimate.js';
import { kindLabel, orderedPricings } from '../../src/cost/pricings.js';
import type { Resource, ResourceKind } from '../../src/model/resource.js';
import { TRAFFIC_SCENARIOS } from '../../src/cost/types.js';
import { TABLE_DATE, egress, est, samples } from './fixtures.js';

const allSamples = Object.values(samples) as Resource[];
const everyEgress = (['fly', 'gcp', 'aws', 'kubernetes', 'vps', 'render', 'gigalixir'] as const).map((p) => ({ ...egress(p, 'iad'), id: `egress-${p}` }));

describe('exhaustiveness', () => {
  it('every resource kind but egress is priced by exactly one registered target pricing, with a label', () => {
    const registered = orderedPricings.flatMap((e) => Object.keys(e.pricing.kinds));
    expect([...registered, 'egress'].sort()).toEqual(Object.keys(samples).sort());
    expect(new Set(registered).size).toBe(registered.length);
    for (const kind of Object.keys(samples) as ResourceKind[]) expect(kindLabel(kind)).not.toBe(kind);
  });

  it('every egress provider is priced by exactly one registered target pricing', () => {
    expect(orderedPricings.map((e) => e.pricing.provider).sort()).toEqual(everyEgress.map((r) => r.provider).sort());
  });

  it.each(Object.entries(samples) as [ResourceKind, Resource][])('prices %s with at least one sourced line item', (kind, resource) => {
    const e = est([resource], { applyFreeTiers: false });
    const lines = e.items.filter((i) => i.kind === kind);
    expect(lines.length).toBeGreaterThan(0);
    for (const item of lines) {
      expect(item.source).toMatch(/^https:\/\//);
      expect(Number.isNaN(Date.parse(item.asOf))).toBe(false);
      expect(Number.isFinite(item.monthly)).toBe(true);
      expect(item.monthly).toBeGreaterThanOrEqual(0);
    }
    expect(e.monthly).toBeGreaterThan(0);
  });

  it('prices egress for every provider', () => {
    for (const r of everyEgress) {
      const e = est([r], { traffic: 'high' });
      expect(e.items.some((i) => i.kind === 'egress'), r.provider).toBe(true);
    }
  });

  it('prices a plan holding every kind without throwing', () => {
    const e = est([...allSamples, ...everyEgress]);
    expect(new Set(e.items.map((i) => i.kind)).size).toBe(Object.keys(samples).length);
  });
});

describe('totals', () => {
  it('monthly equals the sum of the items, in every scenario', () => {
    for (const traffic of TRAFFIC_SCENARIOS) {
      const e = est([...allSamples, ...everyEgress], { traffic });
      expect(e.monthly).toBe(e.items.reduce((s, i) => s + i.monthly, 0));
      expect(e.monthly).toBe(sumMonthly(e.items));
      expect(e.scenarios![traffic]).toBe(e.monthly);
    }
  });

  it('every item is quantity × unit price', () => {
    for (const item of est([...allSamples, ...everyEgress]).items) {
      expect(item.monthly).toBe(item.quantity * item.unitPrice);
    }
  });

  it('keeps full precision (no rounding to cents inside)', () => {
    const e = est([samples['fly-machine']]);
    expect(e.monthly).toBe((2.19 / 720) * 730);
    expect(Math.round(e.monthly * 100) / 100).not.toBe(e.monthly);
  });

  it('orders scenarios low ≤ medium ≤ high', () => {
    const plans: Resource[][] = [
      allSamples,
      [...allSamples, ...everyEgress],
      [samples['cloudrun-service'], egress('gcp', 'us-central1')],
      [{ ...samples['fly-machine'], count: 3, autoStop: true, minRunning: 0 }, egress('fly', 'sin')],
      [{ ...samples['fly-redis'], plan: 'payg' }, samples['secret-manager']],
    ];
    for (const resources of plans) {
      const s = est(resources).scenarios!;
      expect(s.low).toBeLessThanOrEqual(s.medium);
      expect(s.medium).toBeLessThanOrEqual(s.high);
    }
    const usage = est([samples['cloudrun-service'], egress('gcp', 'us-central1')]).scenarios!;
    expect(usage.low).toBeLessThan(usage.high);
  });

  it('scales time-billed items with hoursPerMonth', () => {
    const full = est([samples['k8s-load-balancer']]);
    const half = est([samples['k8s-load-balancer']], { hoursPerMonth: 365 });
    expect(half.monthly).toBeCloseTo(full.monthly / 2, 10);
  });
});

describe('estimate shape', () => {
  it('serialises as {target, currency, items[], monthly, scenarios, assumptions, warnings}', () => {
    const e = estimate([samples['fly-machine'], samples['fly-volume']], { traffic: 'medium' }, 'fly', { now: TABLE_DATE });
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['assumptions', 'currency', 'items', 'monthly', 'scenarios', 'target', 'warnings']);
    expect(json).toMatchObject({ target: 'fly', currency: 'USD', monthly: expect.any(Number) });
    expect(json['scenarios']).toEqual({ low: expect.any(Number), medium: expect.any(Number), high: expect.any(Number) });
    const items = json['items'] as Record<string, unknown>[];
    expect(items.length).toBe(2);
    for (const item of items) {
      expect(item).toMatchObject({
        name: expect.any(String),
        kind: expect.any(String),
        quantity: expect.any(Number),
        unit: expect.any(String),
        unitPrice: expect.any(Number),
        monthly: expect.any(Number),
        source: expect.stringMatching(/^https:\/\//),
        asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
    }
    const a = json['assumptions'] as Record<string, unknown>;
    expect(a).toMatchObject({ hoursPerMonth: 730, traffic: 'medium', k8sNodeType: null, vpsSize: null });
    expect((a['notes'] as string[]).length).toBeGreaterThan(0);
    expect(json['warnings']).toEqual([]);
  });

  it('warns when there is nothing to price', () => {
    expect(est([]).warnings.some((w) => w.includes('No resources'))).toBe(true);
    expect(est([]).monthly).toBe(0);
  });

  it('warns about negative numbers instead of pricing them', () => {
    const e = est([{ ...samples['fly-volume'], sizeGb: -5 }]);
    expect(e.monthly).toBe(0);
    expect(e.warnings.some((w) => w.includes('-5'))).toBe(true);
  });
});

describe('assumptions', () => {
  it('defaults: 730 hours, low traffic, documented scenarios', () => {
    const d = defaultAssumptions();
    expect(d.hoursPerMonth).toBe(730);
    expect(d.traffic).toBe('low');
    expect(d.scenarios.low).toMatchObject({ requestsPerMonth: 1_000_000, egressGb: 10 });
    expect(d.scenarios.medium).toMatchObject({ requestsPerMonth: 10_000_000, egressGb: 100 });
    expect(d.scenarios.high).toMatchObject({ requestsPerMonth: 100_000_000, egressGb: 1000 });
    expect(resolveAssumptions({})).toEqual(d);
  });

  it('partial input keeps the other defaults; bad numbers fall back', () => {
    const a = resolveAssumptions({ hoursPerMonth: -1, scenarios: { high: { egressGb: 5000 } } });
    expect(a.hoursPerMonth).toBe(730);
    expect(a.scenarios.high.egressGb).toBe(5000);
    expect(a.scenarios.high.requestsPerMonth).toBe(100_000_000);
  });

  it('maps the cost: section of phoenix-ops.yaml', () => {
    const input = assumptionsFromConfig({
      hoursPerMonth: 720,
      traffic: 'high',
      egressGb: { low: 1, medium: 2, high: 3 },
      k8sNodeType: 'e2-standard-4',
      vpsSize: 'cx23',
    });
    const a = resolveAssumptions(input);
    expect(a).toMatchObject({ hoursPerMonth: 720, traffic: 'high', k8sNodeType: 'e2-standard-4', vpsSize: 'cx23' });
    expect([a.scenarios.low.egressGb, a.scenarios.medium.egressGb, a.scenarios.high.egressGb]).toEqual([1, 2, 3]);
    expect(resolveAssumptions(assumptionsFromConfig({ egressGb: null }))).toEqual(defaultAssumptions());
    expect(assumptionsFromConfig(undefined)).toEqual({});
  });
});
