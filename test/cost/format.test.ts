import { describe, expect, it } from 'vitest';
import { formatCompareText, formatEstimateText, formatQuantity, formatUnitPrice, formatUsd } from '../../src/cost/format.js';
import { egress, est, samples } from './fixtures.js';

const fly = est([samples['fly-machine'], samples['fly-postgres'], egress('fly', 'iad')], {}, 'fly');
const run = est([samples['cloudrun-service'], samples.cloudsql, egress('gcp', 'us-central1')], { traffic: 'medium' }, 'cloudrun');

describe('number formatting', () => {
  it('rounds money to cents only for display', () => {
    expect(formatUsd(4.440833333)).toBe('$4.44');
    expect(formatUsd(1234.005)).toBe('$1,234.01');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUnitPrice(0.000024)).toBe('$0.000024');
    expect(formatUnitPrice(0.0413)).toBe('$0.0413');
    expect(formatUnitPrice(0.4)).toBe('$0.40');
    expect(formatUnitPrice(38)).toBe('$38.00');
    expect(formatQuantity(2_628_000)).toBe('2,628,000');
    expect(formatQuantity(0.1)).toBe('0.1');
  });
});

describe('formatEstimateText', () => {
  const text = formatEstimateText(fly, { color: false });

  it('lists every item with its quantity, unit price and monthly amount, and the total', () => {
    for (const item of fly.items) {
      const row = text.split('\n').find((l) => l.includes(item.name));
      expect(row, item.name).toBeDefined();
      expect(row).toContain(formatUsd(item.monthly));
      expect(row).toContain(formatUnitPrice(item.unitPrice));
    }
    expect(text).toMatch(new RegExp(`Total\\s+\\${formatUsd(fly.monthly)}`));
  });

  it('aligns the monthly column', () => {
    const rows = text.split('\n').filter((l) => /\$\d+\.\d\d\s+\[\d+\]$/.test(l));
    expect(rows.length).toBe(fly.items.length);
    const ends = new Set(rows.map((l) => l.lastIndexOf('[')));
    expect(ends.size).toBe(1);
  });

  it('shows the scenarios, assumptions and sources as footnotes', () => {
    expect(text).toContain('By traffic scenario: low');
    expect(text).toContain('Assumptions');
    expect(text).toContain('730 hours per month');
    expect(text).toContain('[1] https://fly.io/docs/about/pricing/ (as of 2026-11-22)');
    expect(text).toContain('[2] https://fly.io/docs/mpg/');
    expect(text).not.toContain('\u001b[');
  });

  it('colours only when asked', () => {
    expect(formatEstimateText(fly, { color: true })).toContain('\u001b[');
  });

  it('shows warnings', () => {
    const warned = est([{ ...samples['fly-machine'], region: 'nowhere' }], {}, 'fly');
    expect(formatEstimateText(warned, { color: false })).toMatch(/Warnings\n\s+! app: no price multiplier/);
  });
});

describe('formatCompareText', () => {
  const text = formatCompareText([fly, run]);

  it('puts the targets side by side with per-kind subtotals and totals', () => {
    const lines = text.split('\n');
    expect(lines.find((l) => l.includes('fly') && l.includes('cloudrun'))).toBeDefined();
    const machines = lines.find((l) => l.includes('Fly machines'))!;
    expect(machines).toContain(formatUsd(fly.items.filter((i) => i.kind === 'fly-machine').reduce((s, i) => s + i.monthly, 0)));
    expect(machines.trimEnd().endsWith('-')).toBe(true);
    const egressRow = lines.find((l) => l.includes('Data transfer out'))!;
    expect(egressRow).toContain(formatUsd(run.items.filter((i) => i.kind === 'egress')[0]!.monthly));
    const totals = lines.find((l) => l.startsWith('  Total'))!;
    expect(totals).toContain(formatUsd(fly.monthly));
    expect(totals).toContain(formatUsd(run.monthly));
  });

  it('includes the scenario totals', () => {
    expect(text).toMatch(/high\s+\$[\d,.]+\s+\$[\d,.]+/);
  });

  it('handles an empty list', () => {
    expect(formatCompareText([])).toContain('No estimates');
  });
});
