#!/usr/bin/env node
// Prints the statement coverage of each stage folder of src/ from vitest's coverage/coverage-summary.json
// (written by `vitest run --coverage`; the per-folder floors are vitest.config.ts's thresholds, which
// fail the run on their own). One line per folder, for CI logs and notes.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const summary = JSON.parse(readFileSync(new URL('../coverage/coverage-summary.json', import.meta.url), 'utf8'));
const root = fileURLToPath(new URL('..', import.meta.url));
const folders = new Map();
for (const [file, figures] of Object.entries(summary)) {
  if (file === 'total') continue;
  const parts = relative(root, file).split('/');
  const folder = parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
  const f = folders.get(folder) ?? { covered: 0, total: 0 };
  f.covered += figures.statements.covered;
  f.total += figures.statements.total;
  folders.set(folder, f);
}
for (const [folder, f] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
  if (f.total === 0) continue;
  console.log(`coverage ${folder}: ${((100 * f.covered) / f.total).toFixed(2)}% of ${f.total} statements`);
}
