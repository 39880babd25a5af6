import { describe, expect, it } from 'vitest';
import { loadPriceTable } from '../../src/cost/load-price-table.js';

const FILE = 'src/targets/example/cost/prices.json';

/** A small table shaped like the shipped data files (two entries, one with specs and a note). */
function table(): Record<string, unknown> & { entries: Record<string, Record<string, unknown>> } {
  return {
    provider: 'fly',
    title: 'Fly.io',
    currency: 'USD',
    asOf: '2026-11-22',
    about: ['Machine figures are for iad.'],
    sources: ['https://fly.io/docs/about/pricing/'],
    entries: {
      'shared-cpu-1x': {
        id: 'shared-cpu-1x',
        description: 'Running machine, 1 shared vCPU with 256 MB RAM included',
        unit: 'machine (30 days)',
        basis: 'month-30d',
        value: 2.19,
        region: 'iad',
        specs: { cpuKind: 'shared', cpus: 1, memoryMb: 256 },
        source: 'https://fly.io/docs/about/pricing/',
        asOf: '2026-11-22',
      },
      'ram-per-gb': {
        id: 'ram-per-gb',
        description: 'RAM added to a machine beyond what its CPU preset includes',
        unit: 'GB (30 days)',
        basis: 'month-30d',
        value: 6,
        note: 'estimate: the page rounds this figure',
        source: 'https://fly.io/docs/about/pricing/',
        asOf: '2026-11-22',
      },
    },
  };
}

function errorOf(json: { entries: Record<string, unknown> }): string {
  try {
    loadPriceTable('fly', json, FILE);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the table loaded');
}

describe('loadPriceTable', () => {
  it('returns a well-formed table with every entry and figure as written', () => {
    const loaded = loadPriceTable('fly', table(), FILE);
    expect(loaded).toEqual(table());
    expect(Object.keys(loaded.entries)).toEqual(['shared-cpu-1x', 'ram-per-gb']);
    expect(loaded.entries['shared-cpu-1x']?.specs).toEqual({ cpuKind: 'shared', cpus: 1, memoryMb: 256 });
  });

  it('names the file and the field of a figure that is not a number', () => {
    const bad = table();
    bad.entries['ram-per-gb']!['value'] = '6.00';
    expect(errorOf(bad)).toMatch(/^src\/targets\/example\/cost\/prices\.json: entries\.ram-per-gb\.value: .*expected number/);
  });

  it('rejects an entry stored under a key other than its id', () => {
    const bad = table();
    bad.entries['ram-per-gb']!['id'] = 'ram-gb';
    expect(errorOf(bad)).toBe(`${FILE}: entries.ram-per-gb.id: expected "ram-per-gb", the key the entry is stored under`);
  });

  it('rejects a misspelt field rather than dropping it', () => {
    const bad = table();
    bad.entries['ram-per-gb']!['notes'] = 'estimate: typo for note';
    expect(errorOf(bad)).toMatch(/entries\.ram-per-gb: Unrecognized key: "notes"/);
  });

  it('reports every problem, one line each: an unknown basis, an http source, a bad date, a missing provenance', () => {
    const bad = table();
    bad.entries['shared-cpu-1x']!['basis'] = 'monthly';
    bad.entries['shared-cpu-1x']!['source'] = 'http://fly.io/docs/about/pricing/';
    bad['asOf'] = '22/11/2026';
    delete bad['about'];
    const lines = errorOf(bad).split('\n');
    expect(lines.map((l) => l.split(': ')[1])).toEqual(
      expect.arrayContaining(['asOf', 'about', 'entries.shared-cpu-1x.basis', 'entries.shared-cpu-1x.source']),
    );
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l.startsWith(`${FILE}: `)).toBe(true);
  });

  it('rejects a negative price, a currency other than USD and another provider\'s table', () => {
    const bad = table();
    bad.entries['ram-per-gb']!['value'] = -1;
    bad['currency'] = 'EUR';
    bad['provider'] = 'render';
    const message = errorOf(bad);
    expect(message).toContain(`${FILE}: entries.ram-per-gb.value:`);
    expect(message).toContain(`${FILE}: currency:`);
    expect(message).toContain(`${FILE}: provider:`);
  });
});
