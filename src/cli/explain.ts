import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { print } from './output.js';

/** The docs folder shipped with the package (dist/ → ../docs, src/cli → ../../docs). */
function docsPage(id: string): string | null {
  for (const rel of ['../docs/rules/', '../../docs/rules/']) {
    try {
      return readFileSync(new URL(`${rel}${id}.md`, import.meta.url), 'utf8');
    } catch {
      // try the next location
    }
  }
  return null;
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('print the documentation of an audit rule (or --list the catalog)')
    .argument('[rule-id]', 'rule id, e.g. csp-missing')
    .option('--list', 'list every rule with its severity and category')
    .action(async (id: string | undefined, flags: { list?: boolean }) => {
      const { rules } = await import('../audit/rules/index.js');
      if (flags.list || !id) {
        const width = Math.max(...rules.map((r) => r.id.length));
        for (const r of rules) print(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.category.padEnd(14)}  ${r.title}`);
        return;
      }
      const rule = rules.find((r) => r.id === id);
      if (!rule) throw new UsageError(`unknown rule id "${id}" (see \`phoenix-ops explain --list\`)`);
      print(docsPage(id) ?? `${rule.title}\n\n${rule.description}\n\nHow to fix: ${rule.fix}`);
    });
}
