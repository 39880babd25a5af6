import { didYouMean } from '../model/did-you-mean.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { print } from './output.js';

/** The docs folder shipped with the package (dist/ → ../docs, src/cli → ../../docs); `folder` is rules (audit) or verify. */
function docsPage(folder: 'rules' | 'verify', id: string): string | null {
  for (const rel of [`../docs/${folder}/`, `../../docs/${folder}/`]) {
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
    .description('print the documentation of an audit rule or a verify check (or --list both catalogs)')
    .argument('[rule-id]', 'rule or check id, e.g. csp-missing, hsts-header-missing')
    .option('--list', 'list every rule and check with its severity and category')
    .action(async (id: string | undefined, flags: { list?: boolean }) => {
      const [{ rules }, { checks }] = await Promise.all([import('../audit/rules/index.js'), import('../verify/checks/index.js')]);
      if (flags.list || !id) {
        const width = Math.max(...[...rules, ...checks].map((r) => r.id.length));
        for (const r of rules) print(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.category.padEnd(14)}  ${r.title}`);
        for (const c of checks) print(`${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.category.padEnd(14)}  ${c.title} (verify)`);
        return;
      }
      const rule = rules.find((r) => r.id === id);
      const check = rule ? undefined : checks.find((c) => c.id === id);
      const meta = rule ?? check;
      if (!meta) throw new UsageError(`unknown rule or check id "${id}" (see \`phoenix-ops explain --list\`).${didYouMean(id, [...rules, ...checks].map((r) => r.id))}`);
      print(docsPage(rule ? 'rules' : 'verify', id) ?? `${meta.title}\n\n${meta.description}\n\nHow to fix: ${meta.fix}`);
      if (rule?.requires.length) {
        const { REQUIREMENTS } = await import('../audit/requirements.js');
        print(`\nApplies when: ${rule.requires.map((r) => REQUIREMENTS[r].description).join('; ')}.`);
      }
    });
}
