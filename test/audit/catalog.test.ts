/** The catalog is proven, not trusted: registry = folder, every rule has docs and tests, README tables are current. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/audit/rules/index.js';
import { CATEGORY_TITLES } from '../../src/audit/scoring.js';
import { SEVERITIES } from '../../src/audit/types.js';
import { REPO } from '../helpers/project.js';
// @ts-expect-error plain ESM script without types
import { renderIndex } from '../../scripts/gen-rules-index.mjs';
import { renderReadme } from '../../scripts/gen-readme.js';

const RULES_DIR = join(REPO, 'src', 'audit', 'rules');

describe('rule catalog', () => {
  it('the generated index lists exactly the rule files', () => {
    expect(readFileSync(join(RULES_DIR, 'index.ts'), 'utf8')).toBe(renderIndex(readdirSync(RULES_DIR)));
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
