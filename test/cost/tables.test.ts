import { describe, expect, it } from 'vitest';
import type { PriceTable } from '../../src/cost/price-table.js';
import { priceTables } from '../../src/cost/pricings.js';
import { allPriceEntries } from '../../src/cost/tables.js';
import { flyTable } from '../../src/targets/fly/cost/price.js';

const tables = priceTables();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('price tables', () => {
  it('cover every provider, in USD, with a parseable date and https sources', () => {
    expect(tables.map((t) => t.provider)).toEqual(['fly', 'gcp', 'kubernetes', 'vps', 'aws', 'render', 'gigalixir']);
    for (const table of tables) {
      expect(table.currency).toBe('USD');
      expect(table.asOf).toMatch(ISO_DATE);
      expect(Number.isNaN(Date.parse(table.asOf))).toBe(false);
      expect(table.sources.length).toBeGreaterThan(0);
      for (const s of table.sources) expect(new URL(s).protocol).toBe('https:');
    }
  });

  it.each(allPriceEntries().map(({ table, entry }) => [`${table.provider}/${entry.id}`, table, entry] as const))(
    '%s has an https source, a date, a finite price and a description',
    (_name, table, entry) => {
      expect(table.entries[entry.id]).toBe(entry);
      expect(new URL(entry.source).protocol).toBe('https:');
      expect(entry.asOf).toMatch(ISO_DATE);
      expect(Number.isNaN(Date.parse(entry.asOf))).toBe(false);
      expect(Date.parse(entry.asOf)).toBeLessThanOrEqual(Date.parse(table.asOf));
      expect(Number.isFinite(entry.value)).toBe(true);
      expect(entry.value).toBeGreaterThanOrEqual(0);
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.unit.length).toBeGreaterThan(0);
      if (entry.note !== undefined) expect(entry.note.length).toBeGreaterThan(0);
    },
  );

  it('keys entries by their id and never repeats an id within a table', () => {
    for (const table of tables) {
      for (const [key, entry] of Object.entries(table.entries)) expect(entry.id).toBe(key);
    }
  });

  it('marks estimated figures with a reason', () => {
    const estimates = allPriceEntries().filter(({ entry }) => entry.note?.startsWith('estimate:'));
    expect(estimates.length).toBeGreaterThan(0);
    for (const { entry } of estimates) expect(entry.note!.length).toBeGreaterThan('estimate: '.length + 20);
  });

  it('has the entries the brief asks for', () => {
    const ids = (p: PriceTable['provider']) => Object.keys(tables.find((t) => t.provider === p)?.entries ?? {});
    expect(ids('fly')).toEqual(
      expect.arrayContaining([
        'shared-cpu-1x', 'shared-cpu-2x', 'shared-cpu-4x', 'shared-cpu-8x',
        'performance-1x', 'performance-2x', 'performance-4x', 'performance-8x',
        'ram-per-gb', 'rootfs-stopped-gb', 'volume-gb-month', 'mpg-basic', 'mpg-storage-gb-month',
        'upstash-payg', 'upstash-fixed-250mb', 'tigris-storage-gb-month', 'ipv4-dedicated',
        'egress-na-eu', 'egress-apac-oceania-sa', 'egress-africa-india',
      ]),
    );
    expect(ids('gcp')).toEqual(
      expect.arrayContaining([
        'run-request-cpu-second', 'run-request-memory-gib-second', 'run-request-idle-cpu-second',
        'run-instance-cpu-second', 'run-requests-million', 'sql-vcpu-hour', 'sql-memory-gib-hour',
        'sql-db-f1-micro', 'sql-db-g1-small', 'sql-ssd-gb-month', 'sql-ha-multiplier',
        'memorystore-basic-m1', 'memorystore-standard-m1', 'artifact-registry-gb-month',
        'secret-version-month', 'secret-access-10k', 'gcs-standard-gb-month',
      ]),
    );
    expect(ids('kubernetes')).toEqual(
      expect.arrayContaining([
        'autopilot-vcpu-hour', 'autopilot-memory-gib-hour', 'autopilot-ephemeral-gib-hour', 'cluster-fee-hour',
        'node-e2-standard-2', 'node-e2-standard-4', 'lb-forwarding-rule-hour',
      ]),
    );
    expect(ids('vps').filter((id) => id.startsWith('do-s-')).length).toBeGreaterThanOrEqual(4);
    expect(ids('vps').filter((id) => id.startsWith('hetzner-cx')).length).toBeGreaterThanOrEqual(3);
    expect(ids('vps')).toEqual(expect.arrayContaining(['do-db-1gb', 'do-cache-1gb']));
  });

  it('keeps the Fly presets consistent with the one-CPU price and the listed memory steps', () => {
    const e = flyTable.entries;
    expect(e['shared-cpu-4x'].value).toBeCloseTo(4 * e['shared-cpu-1x'].value, 10);
    expect(e['performance-8x'].value).toBeCloseTo(8 * e['performance-1x'].value, 10);
    // preset + extra RAM reproduces the page's listed steps within a cent
    expect(e['shared-cpu-1x'].value + 0.25 * e['ram-per-gb'].value).toBeCloseTo(e['shared-cpu-1x-512mb'].value, 2);
    expect(Math.abs(e['shared-cpu-1x'].value + 0.75 * e['ram-per-gb'].value - e['shared-cpu-1x-1gb'].value)).toBeLessThan(0.015);
    expect(Math.abs(e['shared-cpu-2x'].value + 1.5 * e['ram-per-gb'].value - e['shared-cpu-2x-2gb'].value)).toBeLessThan(0.015);
  });
});
