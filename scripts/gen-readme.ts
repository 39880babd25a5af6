// Regenerates the README's rule, verify check and target tables from the metadata (`npx tsx scripts/gen-readme.ts`).
// `--check` exits 1 when the README is stale; a test does the same.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../src/audit/rules/index.js';
import { CATEGORY_TITLES } from '../src/audit/scoring.js';
import { TARGET_IDS, targets } from '../src/targets/index.js';
import { checks } from '../src/verify/checks/index.js';
import { VERIFY_CATEGORIES } from '../src/verify/engine.js';

const README = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

function between(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, i + start.length)}\n${body}${text.slice(j)}`;
}

export function renderReadme(current: string): string {
  const order = Object.keys(CATEGORY_TITLES);
  const sorted = [...rules].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || a.id.localeCompare(b.id));
  const ruleRows = [
    `${rules.length} rules. Equivalents name the Sobelow check covering the same ground.`,
    '',
    '| rule | severity | category | what it catches | equivalents |',
    '|---|---|---|---|---|',
    ...sorted.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${CATEGORY_TITLES[r.category]} | ${r.title} | ${r.equivalents.join(', ') || '—'} |`),
    '',
  ].join('\n');
  const targetRows = [
    '| target | what it generates | also writes |',
    '|---|---|---|',
    ...TARGET_IDS.map((id) => targets[id]).map((t) => `| \`${t.id}\` — ${t.title} | ${t.description.replace(/\|/g, '\\|')} | ${t.includes.join(', ') || '—'} |`),
    '',
  ].join('\n');
  const byCategory = [...checks].sort((a, b) => VERIFY_CATEGORIES.indexOf(a.category) - VERIFY_CATEGORIES.indexOf(b.category) || a.id.localeCompare(b.id));
  const checkRows = [
    `${checks.length} checks.`,
    '',
    '| check | severity | category | what it catches |',
    '|---|---|---|---|',
    ...byCategory.map((c) => `| [\`${c.id}\`](docs/verify/${c.id}.md) | ${c.severity} | ${CATEGORY_TITLES[c.category]} | ${c.title} |`),
    '',
  ].join('\n');
  return between(between(between(current, 'rules', ruleRows), 'targets', targetRows), 'verify', checkRows);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const current = readFileSync(README, 'utf8');
  const next = renderReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md tables are stale: run `npx tsx scripts/gen-readme.ts`');
      process.exit(1);
    }
  } else if (next !== current) writeFileSync(README, next);
}
