/**
 * Render prices (USD per month, every region alike), looked up on 2026-12-06. render.com/pricing itself
 * was not in the material that could be read; the plan prices come from Render's own pricing table in its
 * Claude Code plugin (github.com/render-oss/render-plugin-claude-code, a Render-authored repository; the
 * table was last changed 2026-04-29), bandwidth from Render's docs.
 */
import type { PriceEntry, PriceTable } from '../../../cost/price-table.js';

const AS_OF = '2026-12-06';
const PLANS = 'https://github.com/render-oss/render-plugin-claude-code';
const BANDWIDTH = 'https://render.com/docs/outbound-bandwidth';
const DISKS = 'https://render.com/docs/disks';
const FROM_PLUGIN = "Render's own pricing table (render-oss/render-plugin-claude-code, changed 2026-04-29)";

type Fields = Omit<PriceEntry, 'id' | 'source' | 'asOf'>;
const at =
  (source: string) =>
  <I extends string>(id: I, fields: Fields): PriceEntry & { id: I } => ({ id, source, asOf: AS_OF, ...fields });
const plan = at(PLANS);

const instance = <I extends string>(id: I, label: string, value: number, memoryMb: number, cpus: number) =>
  plan(id, { description: `Web service instance, ${label} (${memoryMb >= 1024 ? `${memoryMb / 1024} GB` : `${memoryMb} MB`}, ${cpus} CPU)`, unit: 'instance-month', basis: 'month', value, specs: { memoryMb, cpus, plan: label }, note: FROM_PLUGIN });
const postgres = <I extends string>(id: I, value: number) =>
  plan(id, { description: `Render Postgres ${id.replace(/^pg-/, '')} instance (storage billed apart)`, unit: 'database-month', basis: 'month', value, specs: { plan: id.replace(/^pg-/, '') }, note: FROM_PLUGIN });
const keyValue = <I extends string>(id: I, value: number, memoryMb: number) =>
  plan(id, { description: `Key Value ${id.replace(/^kv-/, '')} instance (${memoryMb} MB)`, unit: 'instance-month', basis: 'month', value, specs: { plan: id.replace(/^kv-/, ''), memoryMb }, note: FROM_PLUGIN });

const entries = {
  'web-starter': instance('web-starter', 'starter', 7, 512, 0.5),
  'web-standard': instance('web-standard', 'standard', 25, 2048, 1),
  'web-pro': instance('web-pro', 'pro', 85, 4096, 2),
  'web-pro-plus': instance('web-pro-plus', 'pro plus', 175, 8192, 4),
  'web-pro-max': instance('web-pro-max', 'pro max', 225, 16384, 4),
  'web-pro-ultra': instance('web-pro-ultra', 'pro ultra', 450, 32768, 8),
  'pg-free': postgres('pg-free', 0),
  'pg-basic-256mb': postgres('pg-basic-256mb', 6),
  'pg-basic-1gb': postgres('pg-basic-1gb', 19),
  'pg-pro-4gb': postgres('pg-pro-4gb', 55),
  'pg-pro-8gb': postgres('pg-pro-8gb', 100),
  'pg-accelerated-16gb': postgres('pg-accelerated-16gb', 160),
  'pg-accelerated-32gb': postgres('pg-accelerated-32gb', 350),
  'pg-storage-gb-month': plan('pg-storage-gb-month', { description: 'Render Postgres storage, per provisioned GB', unit: 'GB-month', basis: 'month', value: 0.3, note: FROM_PLUGIN }),
  'kv-free': keyValue('kv-free', 0, 25),
  'kv-starter': keyValue('kv-starter', 10, 256),
  'kv-standard': keyValue('kv-standard', 32, 1024),
  'kv-pro-plus': keyValue('kv-pro-plus', 250, 10240),
  'kv-pro-max': keyValue('kv-pro-max', 550, 20480),
  'disk-gb-month': at(DISKS)('disk-gb-month', {
    description: 'Persistent disk attached to a service, per provisioned GB',
    unit: 'GB-month',
    basis: 'month',
    value: 0.25,
    note: 'estimate: the disks page states no price and render.com/pricing was not readable; $0.25 per GB-month is the figure Render long listed there',
  }),
  'bandwidth-gb': at(BANDWIDTH)('bandwidth-gb', {
    description: 'Outbound bandwidth beyond the workspace allowance ($15 per 100 GB)',
    unit: 'GB',
    basis: 'usage',
    value: 0.15,
    specs: { freeGb: 100 },
    note: 'estimate: the included 100 GB is the Hobby workspace allowance from Render\'s plugin table; Professional workspaces include more',
  }),
} satisfies Record<string, PriceEntry>;

export const renderTable = {
  provider: 'render',
  title: 'Render',
  currency: 'USD',
  asOf: AS_OF,
  sources: [PLANS, BANDWIDTH, DISKS],
  entries,
} as const satisfies PriceTable;
