/**
 * Table tests for rules (ESLint's RuleTester, for Phoenix projects): each `invalid` case must
 * produce exactly the expected findings of the rule under test (file and line of the first
 * evidence); each `valid` case must produce none. An invalid case with no expectations is rejected.
 */
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import type { Rule } from '../../src/audit/types.js';
import type { DeployConfig } from '../../src/plan/config-types.js';
import { EXAMPLE, scanProject, type Edits } from '../helpers/project.js';

export interface Case {
  name: string;
  /** Fixture folder to start from; defaults to the example app. */
  base?: string;
  edits?: Edits;
  deploy?: Partial<DeployConfig>;
}

export interface InvalidCase extends Case {
  /** Expected findings: `file:line` of each finding's first evidence (order-insensitive). */
  expect: string[];
  /** Substrings the first finding's message must contain. */
  messageIncludes?: string[];
}

export function ruleTester(rule: Rule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  if (new Set(names).size !== names.length) throw new Error(`${rule.id}: duplicate case names`);
  if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${rule.id}: needs at least one valid and one invalid case`);
  describe(rule.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const profile = await scanProject(c.edits ?? {}, c.base ?? EXAMPLE);
        const result = audit(profile, { rules: [rule], deploy: c.deploy as DeployConfig | undefined, configFile: c.deploy ? 'phoenix-ops.yaml' : null });
        expect(result.findings.map((f) => `${f.evidence[0]?.file}:${f.evidence[0]?.line} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      if (c.expect.length === 0) throw new Error(`${rule.id}: invalid case "${c.name}" expects no findings`);
      it(`invalid: ${c.name}`, async () => {
        const profile = await scanProject(c.edits ?? {}, c.base ?? EXAMPLE);
        const result = audit(profile, { rules: [rule], deploy: c.deploy as DeployConfig | undefined, configFile: c.deploy ? 'phoenix-ops.yaml' : null });
        const got = result.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.evidence[0]?.file}:${f.evidence[0]?.line}`);
        expect(got.sort()).toEqual([...c.expect].sort());
        for (const s of c.messageIncludes ?? []) expect(result.findings[0]!.message).toContain(s);
      });
    }
  });
}
