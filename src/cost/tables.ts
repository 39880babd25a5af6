/** Every registered price table's entries, and the check that tells when a table is too old to trust. */
import type { PriceEntry, PriceTable } from './price-table.js';
import { priceTables } from './pricings.js';

/** Every entry of every table, with the table it belongs to. */
export function allPriceEntries(): { table: PriceTable; entry: PriceEntry }[] {
  return priceTables().flatMap((table) => Object.values(table.entries).map((entry) => ({ table, entry })));
}

const DAY_MS = 86_400_000;

/**
 * Warnings for tables whose `asOf` date is more than `maxAgeDays` before `now`
 * (one warning per stale table; none when all are fresh).
 */
export function staleTables(now: Date, maxAgeDays = 180): string[] {
  const warnings: string[] = [];
  for (const table of priceTables()) {
    const asOf = Date.parse(table.asOf);
    if (Number.isNaN(asOf)) {
      warnings.push(`The ${table.title} price table has an unreadable date (${table.asOf}); check its prices.`);
      continue;
    }
    const ageDays = Math.floor((now.getTime() - asOf) / DAY_MS);
    if (ageDays > maxAgeDays) {
      warnings.push(
        `The ${table.title} price table was last checked on ${table.asOf} (${ageDays} days ago, more than ${maxAgeDays}); prices may have changed: ${table.sources.join(', ')}`,
      );
    }
  }
  return warnings;
}
