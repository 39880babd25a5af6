/**
 * Gigalixir prices (USD per month), looked up on 2026-12-06 from https://www.gigalixir.com/docs/tiers-pricing
 * (the page shows no date) and the database tier pages. Standard tier: memory is the only charge for replicas.
 */
import type { PriceEntry, PriceTable } from '../../../cost/price-table.js';

const AS_OF = '2026-12-06';
const TIERS = 'https://www.gigalixir.com/docs/tiers-pricing';
const FREE_DB = 'https://www.gigalixir.com/docs/database/free-tier';
const DB_SIZES = 'https://www.gigalixir.com/docs/database/standard-tier';
const DB_ESTIMATE = 'estimate: the sizes come from the standard-tier database page, but its "Database Pricing" table was not in the material read; this is the price Gigalixir long listed for the size (about $25 per size step of 0.6 GB, doubling with size)';

type Fields = Omit<PriceEntry, 'id' | 'source' | 'asOf'>;
const at =
  (source: string) =>
  <I extends string>(id: I, fields: Fields): PriceEntry & { id: I } => ({ id, source, asOf: AS_OF, ...fields });

const db = <I extends string>(id: I, size: number, value: number) =>
  at(DB_SIZES)(id, { description: `Standard-tier Postgres, size ${size}`, unit: 'database-month', basis: 'month', value, specs: { size }, note: DB_ESTIMATE });

const entries = {
  'replica-memory-mb': at(TIERS)('replica-memory-mb', {
    description: 'Standard tier: replica memory ("$5 for every 100MB of memory per month"); CPU and bandwidth are free',
    unit: 'MB-month per replica',
    basis: 'month',
    value: 0.05,
  }),
  'bandwidth-gb': at(TIERS)('bandwidth-gb', { description: 'Bandwidth (free on both tiers)', unit: 'GB', basis: 'usage', value: 0 }),
  'db-free': at(FREE_DB)('db-free', { description: 'Free-tier Postgres (2 connections, 10,000 rows, no backups)', unit: 'database-month', basis: 'month', value: 0, specs: { size: 0 } }),
  'db-0.6': db('db-0.6', 0.6, 25),
  'db-1.7': db('db-1.7', 1.7, 50),
  'db-4': db('db-4', 4, 100),
  'db-8': db('db-8', 8, 200),
  'db-16': db('db-16', 16, 400),
  'db-32': db('db-32', 32, 800),
  'db-48': db('db-48', 48, 1200),
  'db-64': db('db-64', 64, 1600),
  'db-96': db('db-96', 96, 2400),
} satisfies Record<string, PriceEntry>;

export const gigalixirTable = {
  provider: 'gigalixir',
  title: 'Gigalixir',
  currency: 'USD',
  asOf: AS_OF,
  sources: [TIERS, FREE_DB, DB_SIZES],
  entries,
} as const satisfies PriceTable;
