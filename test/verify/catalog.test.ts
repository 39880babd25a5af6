/** The verify catalog is proven, not trusted: registry = folder, every check has metadata, a docs page and a table test. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/audit/rules/index.js';
import { malformedPlaceholders, placeholders } from '../../src/audit/messages.js';
import { SEVERITIES } from '../../src/audit/types.js';
import { checks } from '../../src/verify/checks/index.js';
import { runChecks, VERIFY_CATEGORIES } from '../../src/verify/engine.js';
import { VERIFY_REQUIREMENTS } from '../../src/verify/requirements.js';
import { REPO } from '../helpers/project.js';
import { goodArtifacts } from './harness.js';

const DIR = join(REPO, 'src', 'verify', 'checks');

describe('verify check catalog', () => {
  it('the registry lists exactly the check files, in file order', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(checks.map((c) => c.id)).toEqual(files);
  });

  it('ids are unique kebab-case and never reuse an audit rule id (explain and SARIF share the namespace)', () => {
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
    const ruleIds = new Set(rules.map((r) => r.id));
    expect(ids.filter((id) => ruleIds.has(id))).toEqual([]);
  });

  it('a broken deployment is critical: what apply rolls back on', () => {
    const critical = checks.filter((c) => c.severity === 'critical').map((c) => c.id).sort();
    expect(critical).toEqual([
      'csp-blocks-live-socket',
      'health-check-failing',
      'live-socket-refused',
      'page-not-served',
      'readiness-not-ready',
      'redirect-loop',
      'tls-certificate-expired',
      'tls-certificate-wrong-host',
      'tls-chain-untrusted',
    ]);
  });

  it('every check passes on a healthy deployment, and none is skipped there', () => {
    const r = runChecks(structuredClone(goodArtifacts()), { checks });
    expect(r.notApplicable).toEqual([]);
    expect(r.findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(r.rulesRun).toBe(checks.length);
  });

  it('every requirement of the vocabulary has a description and is required by some check', () => {
    const names = Object.keys(VERIFY_REQUIREMENTS);
    for (const name of names) expect(Object.entries(VERIFY_REQUIREMENTS).find(([n]) => n === name)?.[1].description.length).toBeGreaterThan(10);
    const used = new Set<string>(checks.flatMap((c) => c.requires));
    expect(names.filter((n) => !used.has(n))).toEqual([]);
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s has metadata, a docs page and a table test', (id, c) => {
    expect(SEVERITIES).toContain(c.severity);
    expect(VERIFY_CATEGORIES).toContain(c.category);
    expect(c.title.length).toBeGreaterThan(5);
    expect(c.description.length).toBeGreaterThan(30);
    expect(c.fix.length).toBeGreaterThan(10);
    for (const name of c.requires) expect(Object.keys(VERIFY_REQUIREMENTS)).toContain(name);
    expect(Object.keys(c.messages).length).toBeGreaterThan(0);
    for (const [key, template] of Object.entries(c.messages)) {
      expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(malformedPlaceholders(template), `${key}: malformed placeholder`).toEqual([]);
      expect(template).not.toMatch(/\n|\$\{/);
      expect(placeholders(template).every((p) => /^[a-z][A-Za-z0-9]*$/.test(p))).toBe(true);
    }
    // Hits name a message and give data: no finished message strings in a check.
    expect(readFileSync(join(DIR, `${id}.ts`), 'utf8')).not.toMatch(/\bmessage:\s*`/);
    const doc = readFileSync(join(REPO, 'docs', 'verify', `${id}.md`), 'utf8');
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    expect(doc).toContain(`**Category:** ${c.category} · **Severity:** ${c.severity}`);
    for (const section of ['## Why it matters', '## What verify checks', '## How to fix', '## Example']) expect(doc).toContain(section);
    expect(doc).toMatch(/Before/);
    expect(doc).toMatch(/After/);
    const test = join(REPO, 'test', 'verify', 'checks', `${id}.test.ts`);
    expect(existsSync(test)).toBe(true);
    const text = readFileSync(test, 'utf8');
    expect(text).toContain(`checks/${id}.js`);
    expect(text).toMatch(/valid:/);
    expect(text).toMatch(/invalid:/);
  });

  it('no docs page without a check', () => {
    const pages = readdirSync(join(REPO, 'docs', 'verify')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(checks.map((c) => c.id).sort());
  });
});
