/** All price tables, and the check that tells when they are too old to trust. */
import { flyTable } from './fly.js';
import { gcpTable } from './gcp.js';
import { kubernetesTable } from './kubernetes.js';
import { vpsTable } from './vps.js';
import type { PriceEntry, PriceTable } from './types.js';

export type { PriceBasis, PriceEntry, PriceProvider, PriceTable } from './types.js';
export { flyTable, flyRegionEgressGroup, flyUnmanagedPostgresPresets } from './fly.js';
export type { FlyEgressGroup, FlyEntryId, FlyPostgresPreset } from './fly.js';
export { gcpTable, cloudRunTier1Regions } from './gcp.js';
export type { GcpEntryId } from './gcp.js';
export { kubernetesTable } from './kubernetes.js';
export type { KubernetesEntryId } from './kubernetes.js';
export { vpsTable } from './vps.js';
export type { VpsEntryId } from './vps.js';

/** Every price table, keyed by provider. */
export const priceTables = {
  fly: flyTable,
  gcp: gcpTable,
  kubernetes: kubernetesTable,
  vps: vpsTable,
} as const satisfies Record<PriceTable['provider'], PriceTable>;

/** Every entry of every table, with the table it belongs to. */
export function allPriceEntries(): { table: PriceTable; entry: PriceEntry }[] {
  const out: { table: PriceTable; entry: PriceEntry }[] = [];
  for (const table of Object.values(priceTables) as PriceTable[]) {
    for (const entry of Object.values(table.entries)) out.push({ table, entry });
  }
  return out;
}

const DAY_MS = 86_400_000;

/**
 * Warnings for tables whose `asOf` date is more than `maxAgeDays` before `now`
 * (one warning per stale table; none when all are fresh).
 */
export function staleTables(now: Date, maxAgeDays = 180): string[] {
  const warnings: string[] = [];
  for (const table of Object.values(priceTables) as PriceTable[]) {
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
