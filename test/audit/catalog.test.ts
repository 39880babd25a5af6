/** The catalog is proven, not trusted: registry = folder, every rule has docs and tests, README tables are current. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/audit/rules/index.js';
import { malformedPlaceholders, placeholders } from '../../src/audit/messages.js';
import { REQUIREMENT_NAMES, REQUIREMENTS } from '../../src/audit/requirements.js';
import { CATEGORY_TITLES } from '../../src/audit/scoring.js';
import { SEVERITIES } from '../../src/audit/types.js';
import { REPO } from '../helpers/project.js';
import { renderReadme } from '../../scripts/gen-readme.js';

const RULES_DIR = join(REPO, 'src', 'audit', 'rules');

describe('rule catalog', () => {
  it('the generated index lists exactly the rule files', () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(rules.map((r) => `${r.id}.ts`).sort()).toEqual(files.sort());
  });
  it('has at least 40 rules with unique kebab-case ids named after their files', () => {
    expect(rules.length).toBeGreaterThanOrEqual(40);
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
      expect(existsSync(join(RULES_DIR, `${id}.ts`))).toBe(true);
    }
  });
  it('has the ids other tools and docs rely on', () => {
    for (const id of ['https-not-enforced', 'csp-missing', 'health-endpoint-missing', 'release-migrations-missing']) {
      expect(rules.map((r) => r.id)).toContain(id);
    }
  });
  it.each(rules.map((r) => [r.id, r] as const))('%s has metadata, a docs page and a test', (id, rule) => {
    expect(SEVERITIES).toContain(rule.severity);
    expect(Object.keys(CATEGORY_TITLES)).toContain(rule.category);
    expect(rule.title.length).toBeGreaterThan(5);
    expect(rule.description.length).toBeGreaterThan(30);
    expect(rule.fix.length).toBeGreaterThan(10);
    for (const eq of rule.equivalents) expect(eq).toMatch(/^[a-z]+:[A-Za-z.]+$/);
    const doc = readFileSync(join(REPO, 'docs', 'rules', `${id}.md`), 'utf8');
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    expect(doc).toContain(`**Severity:** ${rule.severity}`);
    for (const section of ['## Why it matters', '## How to fix', '## Example']) expect(doc).toContain(section);
    expect(doc).toMatch(/Before/);
    expect(doc).toMatch(/After/);
    const test = readFileSync(join(REPO, 'test', 'audit', 'rules', `${id}.test.ts`), 'utf8');
    expect(test).toContain(`rules/${id}.js`);
    expect(test).toMatch(/valid:/);
    expect(test).toMatch(/invalid:/);
  });
  it('no docs page without a rule', () => {
    const pages = readdirSync(join(REPO, 'docs', 'rules')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(rules.map((r) => r.id).sort());
  });
  it('README rule and target tables are generated from the metadata', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(renderReadme(readme)).toBe(readme);
  });
});

const source = (id: string) => readFileSync(join(RULES_DIR, `${id}.ts`), 'utf8');

/** String literals a rule gives as `messageId` (ternary branches too; not the operands of comparisons). */
function messageIdsInSource(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bmessageId\s*[:=]\s*/g)) {
    // The expression runs to the first `,` `;` `}` or line end outside quotes and parentheses.
    let depth = 0;
    let quote: string | null = null;
    let end = m.index + m[0].length;
    for (; end < text.length; end++) {
      const ch = text[end]!;
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (depth <= 0 && (ch === ',' || ch === ';' || ch === '}' || ch === '\n')) break;
    }
    const expr = text.slice(m.index + m[0].length, end).replace(/[!=]==?\s*'[^']*'/g, '');
    for (const lit of expr.matchAll(/'([^']*)'/g)) out.push(lit[1]!);
  }
  return out;
}

describe('rule requirements', () => {
  it('every requirement has a description and its own fixed "not applicable" reason', () => {
    expect(REQUIREMENT_NAMES.length).toBeGreaterThanOrEqual(5);
    for (const name of REQUIREMENT_NAMES) {
      expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(REQUIREMENTS[name].description.length).toBeGreaterThan(10);
      expect(REQUIREMENTS[name].reason.length).toBeGreaterThan(5);
    }
    const reasons = REQUIREMENT_NAMES.map((n) => REQUIREMENTS[n].reason);
    expect(new Set(reasons).size).toBe(reasons.length);
  });
  it('every requirement of the vocabulary is required by some rule', () => {
    const used = new Set(rules.flatMap((r) => r.requires));
    expect(REQUIREMENT_NAMES.filter((n) => !used.has(n))).toEqual([]);
  });
  it.each(rules.map((r) => [r.id, r] as const))('%s declares known requirements and does not re-check them itself', (id, rule) => {
    expect(Array.isArray(rule.requires)).toBe(true);
    for (const name of rule.requires) expect(REQUIREMENT_NAMES).toContain(name);
    expect(new Set(rule.requires).size).toBe(rule.requires.length);
    // A shared requirement is the engine's to answer: the rule must not return its reason by itself.
    const own = [...source(id).matchAll(/notApplicable\(\s*'([^']*)'/g)].map((m) => m[1]);
    for (const name of REQUIREMENT_NAMES) expect(own).not.toContain(REQUIREMENTS[name].reason);
  });
});

describe('rule messages', () => {
  it.each(rules.map((r) => [r.id, r] as const))('%s declares its messages and reports only those', (id, rule) => {
    const ids = Object.keys(rule.messages);
    expect(ids.length).toBeGreaterThan(0);
    for (const [key, template] of Object.entries(rule.messages)) {
      expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(template.length).toBeGreaterThan(20);
      expect(malformedPlaceholders(template), `${key}: malformed placeholder`).toEqual([]);
      // A message is the text of one finding: no line breaks, no template-literal leftovers.
      expect(template).not.toMatch(/\n|\$\{/);
      expect(placeholders(template).every((p) => /^[a-z][A-Za-z0-9]*$/.test(p))).toBe(true);
    }
    const text = source(id);
    const reported = messageIdsInSource(text);
    expect(reported.length, 'a hit names its message with a messageId literal').toBeGreaterThan(0);
    expect(reported.filter((m) => !ids.includes(m)), 'message ids reported but not declared').toEqual([]);
    expect(ids.filter((m) => !reported.includes(m)), 'messages declared but never reported').toEqual([]);
    expect(text, 'hits give a messageId and data, not a finished message').not.toMatch(/\bmessage:\s*`/);
  });
});
