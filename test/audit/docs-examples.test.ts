/** The Before/After examples in docs/rules are real code: every ```elixir block parses with the grammar the scanner uses. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElixir } from '../../src/scan/elixir/parser.js';
import { REPO } from '../helpers/project.js';

const DOCS = join(REPO, 'docs', 'rules');
const blocks = readdirSync(DOCS)
  .filter((f) => f.endsWith('.md'))
  .flatMap((f) => [...readFileSync(join(DOCS, f), 'utf8').matchAll(/```elixir\n([\s\S]*?)```/g)].map((m, i) => [`${f} #${i + 1}`, m[1]!] as const));

describe('docs/rules examples', () => {
  it('there are Elixir examples to check', () => expect(blocks.length).toBeGreaterThan(30));
  it.each(blocks)('%s parses', async (_name, code) => {
    const parsed = await parseElixir(code);
    try {
      expect(parsed.errorLine).toBeNull();
    } finally {
      parsed.tree.delete?.();
    }
  });
});
