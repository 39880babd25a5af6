import { describe, expect, it } from 'vitest';
import { priceTables } from '../../src/cost/pricings.js';
import { staleTables } from '../../src/cost/tables.js';
import { estimate } from '../../src/cost/estimate.js';
import { TABLE_DATE, samples } from './fixtures.js';

describe('staleTables', () => {
  it('says nothing when the tables are fresh', () => {
    expect(staleTables(TABLE_DATE)).toEqual([]);
    expect(staleTables(new Date('2027-03-01T00:00:00Z'))).toEqual([]); // 99 days later
  });

  it('warns for every table once they are older than 180 days', () => {
    const warnings = staleTables(new Date('2030-01-01T00:00:00Z'));
    expect(warnings).toHaveLength(priceTables().length);
    expect(warnings.join('\n')).toMatch(/Fly\.io price table was last checked on 2026-11-22/);
    expect(warnings.join('\n')).toContain('https://fly.io/docs/about/pricing/');
  });

  it('honours maxAgeDays', () => {
    const tenDaysLater = new Date('2026-12-02T00:00:00Z');
    expect(staleTables(tenDaysLater, 30)).toEqual([]);
    expect(staleTables(tenDaysLater, 5)).toHaveLength(4);
  });

  it('reaches the estimate warnings', () => {
    const late = estimate([samples['fly-machine']], {}, 'fly', { now: new Date('2030-01-01T00:00:00Z') });
    expect(late.warnings.some((w) => w.includes('price table was last checked'))).toBe(true);
    const fresh = estimate([samples['fly-machine']], {}, 'fly', { now: TABLE_DATE });
    expect(fresh.warnings.some((w) => w.includes('price table was last checked'))).toBe(false);
  });
});
