import { describe, expect, it } from 'vitest';
import { audit, failsAt } from '../../src/audit/engine.js';
import { scoreOutcomes } from '../../src/audit/scoring.js';
import type { Rule } from '../../src/audit/types.js';
import { notApplicable } from '../../src/audit/types.js';
import { defaultConfig } from '../../src/plan/config.js';
import { scanProject, replace } from '../helpers/project.js';

const evidence = { file: 'config/prod.exs', line: 6 };
const make = (id: string, over: Partial<Rule> = {}): Rule => ({
  id,
  title: `Rule ${id}`,
  category: 'runtime-config',
  severity: 'high',
  description: 'test rule',
  fix: 'fix it',
  equivalents: [],
  check: () => [{ message: `${id} fired`, evidence: [evidence] }],
  ...over,
});

describe('audit engine', () => {
  it('a rule that throws becomes one internal-error finding and the others still run', async () => {
    const profile = await scanProject();
    const boom = make('boom-rule', { check: () => { throw new Error('kaput'); } });
    const r = audit(profile, { rules: [boom, make('ok-rule')] });
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['internal-error', 'ok-rule']);
    expect(r.findings.find((f) => f.ruleId === 'internal-error')!.message).toContain('boom-rule could not run: kaput');
  });
  it('not applicable rules do not count in the score', async () => {
    const profile = await scanProject();
    const r = audit(profile, { rules: [make('na-rule', { check: () => notApplicable('no Dockerfile') }), make('pass-rule', { check: () => [] })] });
    expect(r.score).toBe(100);
    expect(r.notApplicable).toEqual([{ ruleId: 'na-rule', reason: 'no Dockerfile' }]);
  });
  it('--only and --skip select rules; unknown ids are usage errors', async () => {
    const profile = await scanProject();
    const rs = [make('a-rule'), make('b-rule')];
    expect(audit(profile, { rules: rs, only: ['a-rule'] }).findings.map((f) => f.ruleId)).toEqual(['a-rule']);
    expect(audit(profile, { rules: rs, skip: ['a-rule'] }).findings.map((f) => f.ruleId)).toEqual(['b-rule']);
    expect(() => audit(profile, { rules: rs, only: ['nope-rule'] })).toThrow(/unknown rule id "nope-rule"/);
  });
  it('phoenix-ops.yaml ignores suppress by rule and path', async () => {
    const profile = await scanProject();
    const deploy = defaultConfig(profile);
    deploy.audit.ignore = [{ rule: 'a-rule', path: 'config/', reason: 'handled by the CDN' }, { rule: 'b-rule', path: 'lib/', reason: 'elsewhere' }];
    const r = audit(profile, { rules: [make('a-rule'), make('b-rule')], deploy });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['b-rule']);
    expect(r.suppressed.map((f) => [f.ruleId, f.suppressed])).toEqual([['a-rule', { by: 'config', reason: 'handled by the CDN' }]]);
    expect(r.score).toBe(50);
  });
  it('an inline comment suppresses a finding on its line or the next', async () => {
    const profile = await scanProject({
      'config/prod.exs': replace('config :hello_phoenix, HelloPhoenixWeb.Endpoint,', '# phoenix-ops:ignore a-rule TLS ends at the load balancer\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint,'),
    });
    const line = profile.facts.suppressions[0]!.line;
    const onNext = make('a-rule', { check: () => [{ message: 'x', evidence: [{ file: 'config/prod.exs', line: line + 1 }] }] });
    const far = make('b-rule', { check: () => [{ message: 'x', evidence: [{ file: 'config/prod.exs', line: line + 2 }] }] });
    const r = audit(profile, { rules: [onNext, far] });
    expect(r.suppressed.map((f) => f.ruleId)).toEqual(['a-rule']);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['b-rule']);
    expect(profile.facts.suppressions[0]).toMatchObject({ ruleId: 'a-rule', reason: 'TLS ends at the load balancer' });
  });
  it('fingerprints are stable across runs and line shifts', async () => {
    const a = audit(await scanProject(), { rules: [make('a-rule')] });
    const b = audit(await scanProject(), { rules: [make('a-rule', { check: () => [{ message: 'a-rule fired', evidence: [{ file: 'config/prod.exs', line: 9 }] }] })] });
    expect(a.findings[0]!.fingerprint).toBe(b.findings[0]!.fingerprint);
  });
  it('failsAt honours the threshold', async () => {
    const r = audit(await scanProject(), { rules: [make('m-rule', { severity: 'medium' })] });
    expect(failsAt(r, 'high')).toBe(false);
    expect(failsAt(r, 'medium')).toBe(true);
    expect(failsAt(r, 'low')).toBe(true);
    expect(failsAt(r, 'none')).toBe(false);
  });
});

describe('scoring', () => {
  it('weights by severity, Lighthouse-style', () => {
    const s = scoreOutcomes([
      { category: 'secrets', severity: 'critical', applicable: true, passed: false },
      { category: 'secrets', severity: 'low', applicable: true, passed: true },
      { category: 'docker', severity: 'high', applicable: true, passed: true },
      { category: 'fly', severity: 'high', applicable: false, passed: true },
    ]);
    expect(s.categories.find((c) => c.id === 'secrets')!.score).toBe(Math.round((100 * 1) / 11));
    expect(s.categories.find((c) => c.id === 'docker')!.score).toBe(100);
    expect(s.categories.find((c) => c.id === 'fly')!.score).toBeNull();
    expect(s.score).toBe(Math.round((100 * 7) / 17));
  });
});
