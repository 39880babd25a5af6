/**
 * Table tests for rules (ESLint's RuleTester, for Phoenix projects). Each `valid` case must either
 * be checked and produce no finding, or — when it says `notApplicable` — be answered "not
 * applicable" with that reason: a valid case cannot pass silently because the rule did not apply.
 * Each `invalid` case must be checked and produce exactly the expected findings of the rule (file and
 * line of the first evidence), and what it reports (severity, message, fix) must match the case's
 * snapshot. A rule that throws or reports a message it does not declare fails
 * every case (the engine turns that into an internal-error finding), and every message the rule
 * declares must be produced by some invalid case, so each template is filled with real data in a
 * test before a user sees it. Cases with the same name, or
 * that build the same project (same base, same edited files, same deploy config), are rejected.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, type AuditResult } from '../../src/audit/engine.js';
import type { Rule } from '../../src/audit/rule.js';
import type { Severity } from '../../src/audit/types.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import { scan } from '../../src/scan/index.js';
import { profileOnce } from '../helpers/profile-memo.js';
import { EXAMPLE, makeProject, type Edits } from '../helpers/project.js';

export interface Case {
  name: string;
  /** Fixture folder to start from; defaults to the example app. */
  base?: string;
  edits?: Edits;
  deploy?: Partial<DeployConfig>;
}

export interface ValidCase extends Case {
  /**
   * The rule must answer "not applicable" with this reason (a string must equal it, a RegExp must
   * match it). Without it the rule must apply, and find nothing.
   */
  notApplicable?: string | RegExp;
}

export interface InvalidCase extends Case {
  /** Expected findings: `file:line` of each finding's first evidence (order-insensitive). */
  expect: string[];
  /** Substrings the first finding's message must contain. */
  messageIncludes?: string[];
  /** The severity every finding of the rule must have (a rule may lower its default when something mitigates the problem). */
  severity?: Severity;
}

/** What a case builds: its base, the final content of every file it edits, its deploy config. */
function caseKey(c: Case, dir: string): string {
  const h = createHash('sha256').update(c.base ?? EXAMPLE).update('\0').update(JSON.stringify(c.deploy ?? null));
  for (const rel of Object.keys(c.edits ?? {}).sort()) {
    const abs = join(dir, rel);
    h.update(`\0${rel}\0`).update(existsSync(abs) ? readFileSync(abs) : '<deleted>');
  }
  return h.digest('hex');
}

/** What makes a case's project: its rule and name (unique per rule), base, deploy config and edits. */
const definition = (rule: Rule, c: Case): string =>
  JSON.stringify([rule.id, c.name, c.base ?? null, c.deploy ?? null, Object.entries(c.edits ?? {}).map(([k, v]) => [k, typeof v === 'function' ? v.toString() : v])]);

async function run(rule: Rule, c: Case, seen: Map<string, string>): Promise<AuditResult> {
  const profile = await profileOnce(definition(rule, c), () => {
    const dir = makeProject(c.edits ?? {}, c.base ?? EXAMPLE);
    const key = caseKey(c, dir);
    const twin = seen.get(key);
    if (twin !== undefined && twin !== c.name) throw new Error(`${rule.id}: case "${c.name}" builds the same project as "${twin}"`);
    seen.set(key, c.name);
    return scan(dir);
  });
  return audit(profile, { rules: [rule], deploy: c.deploy as DeployConfig | undefined, configFile: c.deploy ? 'phoenix-ops.yaml' : null });
}

/** A rule's findings as the user reads them, in file:line order (the case's `expect` is order-insensitive). */
const reported = (findings: AuditResult['findings']) =>
  findings
    .map((f) => ({ at: `${f.evidence[0]?.file}:${f.evidence[0]?.line}`, severity: f.severity, messageId: f.messageId, message: f.message, fix: f.fix }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.message.localeCompare(b.message));

const show = (r: AuditResult) => r.findings.map((f) => `${f.ruleId} ${f.evidence[0]?.file}:${f.evidence[0]?.line} ${f.message}`);

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  if (new Set(names).size !== names.length) throw new Error(`${rule.id}: duplicate case names`);
  if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${rule.id}: needs at least one valid and one invalid case`);
  if (!cases.valid.some((c) => c.notApplicable === undefined)) throw new Error(`${rule.id}: needs a valid case where the rule applies (one without notApplicable)`);
  const seen = new Map<string, string>();
  const produced = new Set<string>();
  let invalidRun = 0;
  describe(rule.id, () => {
    for (const c of cases.valid) {
      const na = c.notApplicable;
      it(`valid: ${c.name}`, async () => {
        const result = await run(rule, c, seen);
        const reason = result.notApplicable.find((n) => n.ruleId === rule.id)?.reason;
        if (na === undefined) {
          expect(reason, 'a valid case must be checked: the rule answered "not applicable" (add notApplicable with the reason if that is the point)').toBeUndefined();
        } else if (typeof na === 'string') {
          expect(reason, 'the rule must answer "not applicable"').toBe(na);
        } else {
          expect(reason, 'the rule must answer "not applicable"').toMatch(na);
        }
        expect(show(result)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      if (c.expect.length === 0) throw new Error(`${rule.id}: invalid case "${c.name}" expects no findings`);
      it(`invalid: ${c.name}`, async () => {
        invalidRun += 1;
        const result = await run(rule, c, seen);
        expect(result.notApplicable.find((n) => n.ruleId === rule.id)?.reason, 'an invalid case must be checked').toBeUndefined();
        expect(result.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
        const mine = result.findings.filter((f) => f.ruleId === rule.id);
        for (const f of mine) produced.add(f.messageId!);
        const got = mine.map((f) => `${f.evidence[0]?.file}:${f.evidence[0]?.line}`);
        expect(got.sort()).toEqual([...c.expect].sort());
        for (const s of c.messageIncludes ?? []) expect(result.findings[0]!.message).toContain(s);
        if (c.severity) expect(mine.map((f) => f.severity)).toEqual(mine.map(() => c.severity));
        // What the user reads, whole: severity, message and fix of each finding (RuleTester's exact
        // messages). A changed word shows in the snapshot diff; `vitest -u` accepts it when intended.
        expect(reported(mine)).toMatchSnapshot();
      });
    }
    it('every message is produced by an invalid case', (ctx) => {
      // Only meaningful when every invalid case ran (not under a name filter).
      if (invalidRun < cases.invalid.length) ctx.skip();
      expect(Object.keys(rule.messages).filter((id) => !produced.has(id))).toEqual([]);
    });
  });
}
