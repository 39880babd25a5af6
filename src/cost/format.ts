/** Text renderings of estimates. Pure: they return strings and never print. */
import pc from 'picocolors';
import type { ResourceKind } from '../model/resource.js';
import type { Estimate, LineItem, TrafficScenario } from './types.js';
import { TRAFFIC_SCENARIOS } from './types.js';

/** Human labels for resource kinds (a full record: a new kind is a compile error until labelled). */
export const KIND_LABELS: Readonly<Record<ResourceKind, string>> = {
  'fly-machine': 'Fly machines',
  'fly-volume': 'Fly volumes',
  'fly-postgres': 'Fly Postgres',
  'fly-redis': 'Upstash Redis',
  'fly-tigris': 'Tigris storage',
  'fly-ipv4': 'IPv4 addresses',
  egress: 'Data transfer out',
  'cloudrun-service': 'Cloud Run services',
  'cloudrun-job': 'Cloud Run jobs',
  cloudsql: 'Cloud SQL',
  memorystore: 'Memorystore (Redis)',
  'artifact-registry': 'Artifact Registry',
  'secret-manager': 'Secret Manager',
  'gcs-bucket': 'Cloud Storage',
  'k8s-workload': 'Kubernetes compute',
  'k8s-load-balancer': 'Load balancer',
  'k8s-database': 'Database',
  'k8s-redis': 'Redis',
  vps: 'Servers',
  'vps-database': 'Managed database',
  'vps-redis': 'Managed Redis',
};

/** USD rounded to cents: "$1,234.56". */
export function formatUsd(amount: number): string {
  const cents = Math.round(amount * 100) / 100;
  const sign = cents < 0 ? '-' : '';
  return `${sign}$${Math.abs(cents).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A unit price with enough digits to be meaningful: "$6.79", "$0.0413", "$0.000024". */
export function formatUnitPrice(amount: number): string {
  if (amount === 0) return '$0';
  if (Math.abs(amount) >= 1) return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
  if (Math.abs(amount) >= 0.01) return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
  return `$${amount.toLocaleString('en-US', { maximumSignificantDigits: 3 })}`;
}

/** A quantity: thousands separators, at most three decimals (three significant digits below 1). */
export function formatQuantity(n: number): string {
  if (n === 0) return '0';
  if (Math.abs(n) < 1) return n.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const visible = (s: string) => s.replace(ANSI, '').length;
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - visible(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - visible(s))) + s;

/** Render rows as aligned columns; `right` marks right-aligned columns. */
function table(rows: string[][], right: boolean[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell))));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (right[i] ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!))).join('  ')).trimEnd(),
  );
}

/** Sources in first-use order, numbered from 1. */
function sourceIndex(items: readonly LineItem[]): Map<string, { n: number; asOf: string }> {
  const index = new Map<string, { n: number; asOf: string }>();
  for (const item of items) {
    if (!index.has(item.source)) index.set(item.source, { n: index.size + 1, asOf: item.asOf });
  }
  return index;
}

export interface FormatOptions {
  color: boolean;
}

/**
 * One estimate as text: an aligned table (item, quantity, unit price, monthly) with the sources
 * as numbered footnotes, the total, the scenario totals, the assumptions and the warnings.
 */
export function formatEstimateText(estimate: Estimate, options: FormatOptions): string {
  const c = pc.createColors(options.color);
  const sources = sourceIndex(estimate.items);
  const out: string[] = [];
  out.push(c.bold(`Cost estimate: ${estimate.target}`) + c.dim(` (USD per month, ${estimate.assumptions.traffic} traffic)`));
  out.push('');
  const rows: string[][] = [[c.bold('Item'), c.bold('Quantity'), c.bold('Unit price'), c.bold('Monthly'), '']];
  const itemNotes: string[] = [];
  for (const item of estimate.items) {
    const ref = `[${sources.get(item.source)!.n}]`;
    let name = item.name;
    if (item.note) {
      let n = itemNotes.indexOf(item.note) + 1;
      if (n === 0) n = itemNotes.push(item.note);
      name += c.dim(` (*${n})`);
    }
    rows.push([
      name,
      `${formatQuantity(item.quantity)} ${item.unit}`,
      formatUnitPrice(item.unitPrice),
      formatUsd(item.monthly),
      c.dim(ref),
    ]);
  }
  rows.push([c.bold('Total'), '', '', c.bold(formatUsd(estimate.monthly)), '']);
  out.push(...table(rows, [false, true, true, true, false]));
  if (estimate.scenarios) {
    const parts = TRAFFIC_SCENARIOS.map((s) => {
      const text = `${s} ${formatUsd(estimate.scenarios![s])}`;
      return s === estimate.assumptions.traffic ? c.bold(text) : text;
    });
    out.push('', `  By traffic scenario: ${parts.join(' · ')}`);
  }
  if (itemNotes.length > 0) {
    out.push('', c.bold('Notes'));
    itemNotes.forEach((note, i) => out.push(c.dim(`  *${i + 1} ${note}`)));
  }
  out.push('', c.bold('Assumptions'));
  for (const note of estimate.assumptions.notes) out.push(`  - ${note}`);
  if (estimate.warnings.length > 0) {
    out.push('', c.bold(c.yellow('Warnings')));
    for (const w of estimate.warnings) out.push(c.yellow(`  ! ${w}`));
  }
  out.push('', c.bold('Sources'));
  for (const [url, { n, asOf }] of sources) out.push(`  [${n}] ${url} (as of ${asOf})`);
  return out.join('\n') + '\n';
}

/** Per-kind subtotals of an estimate, in first-appearance order. */
export function subtotalsByKind(estimate: Estimate): Map<ResourceKind, number> {
  const totals = new Map<ResourceKind, number>();
  for (const item of estimate.items) totals.set(item.kind, (totals.get(item.kind) ?? 0) + item.monthly);
  return totals;
}

/**
 * Several estimates side by side: one column per target, a row per resource kind (subtotal),
 * the totals, and the totals under each traffic scenario.
 */
export function formatCompareText(estimates: readonly Estimate[]): string {
  if (estimates.length === 0) return 'No estimates to compare.\n';
  const subtotals = estimates.map(subtotalsByKind);
  const kinds: ResourceKind[] = [];
  for (const s of subtotals) for (const k of s.keys()) if (!kinds.includes(k)) kinds.push(k);
  const rows: string[][] = [['', ...estimates.map((e) => e.target)]];
  for (const kind of kinds) {
    rows.push([KIND_LABELS[kind], ...subtotals.map((s) => (s.has(kind) ? formatUsd(s.get(kind)!) : '-'))]);
  }
  const traffic = estimates.map((e) => e.assumptions.traffic);
  const sameTraffic = traffic.every((t) => t === traffic[0]);
  rows.push([`Total${sameTraffic ? ` (${traffic[0]} traffic)` : ''}`, ...estimates.map((e) => formatUsd(e.monthly))]);
  const lines = [`Monthly cost by target (USD)`, '', ...table(rows, [false, ...estimates.map(() => true)])];
  if (estimates.some((e) => e.scenarios)) {
    const scenarioRows: string[][] = [['Traffic scenario', ...estimates.map((e) => e.target)]];
    for (const s of TRAFFIC_SCENARIOS as readonly TrafficScenario[]) {
      scenarioRows.push([s, ...estimates.map((e) => (e.scenarios ? formatUsd(e.scenarios[s]) : '-'))]);
    }
    lines.push('', ...table(scenarioRows, [false, ...estimates.map(() => true)]));
  }
  const warned = estimates.filter((e) => e.warnings.length > 0);
  if (warned.length > 0) {
    lines.push('', ...warned.map((e) => `  ${e.target}: ${e.warnings.length} warning(s); see its estimate.`));
  }
  return lines.join('\n') + '\n';
}
