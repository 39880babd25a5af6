import { describe, expect, it } from 'vitest';
import { audit, failsAt } from '../../src/audit/engine.js';
import { scoreOutcomes } from '../../src/audit/scoring.js';
import { defineRule, type Rule } from '../../src/audit/rule.js';
import { notApplicable, type Category, type Severity } from '../../src/audit/types.js';
import { defaultSnippet, fingerprint, formatMessage, malformedPlaceholders, placeholders } from '../../src/audit/messages.js';
import { REQUIREMENTS } from '../../src/audit/requirements.js';
import { rule as httpsNotEnforced } from '../../src/audit/rules/https-not-enforced.js';
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
  requires: [],
  messages: { fired: '{{id}} fired' },
  check: () => [{ messageId: 'fired', data: { id }, evidence: [evidence] }],
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
    const onNext = make('a-rule', { check: () => [{ messageId: 'fired', data: { id: 'x' }, evidence: [{ file: 'config/prod.exs', line: line + 1 }] }] });
    const far = make('b-rule', { check: () => [{ messageId: 'fired', data: { id: 'x' }, evidence: [{ file: 'config/prod.exs', line: line + 2 }] }] });
    const r = audit(profile, { rules: [onNext, far] });
    expect(r.suppressed.map((f) => f.ruleId)).toEqual(['a-rule']);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['b-rule']);
    expect(profile.facts.suppressions[0]).toMatchObject({ ruleId: 'a-rule', reason: 'TLS ends at the load balancer' });
  });
  it('fingerprints are stable across runs and line shifts', async () => {
    const a = audit(await scanProject(), { rules: [make('a-rule')] });
    const b = audit(await scanProject(), { rules: [make('a-rule', { check: () => [{ messageId: 'fired', data: { id: 'a-rule' }, evidence: [{ file: 'config/prod.exs', line: 9 }] }] })] });
    expect(a.findings[0]!.fingerprint).toBe(b.findings[0]!.fingerprint);
  });
  it('a rule whose requirement is unmet is not applicable with its reason, and its check never runs', async () => {
    const profile = await scanProject();
    const boom = () => {
      throw new Error('check must not run');
    };
    const r = audit(profile, {
      rules: [
        make('docker-rule', { requires: ['dockerfiles'], check: boom }),
        // Checked in order: the first unmet one answers.
        make('ordered-rule', { requires: ['endpoint', 'flyTomls', 'dockerfiles'], check: boom }),
        make('met-rule', { requires: ['endpoint', 'database', 'ectoRepos'] }),
      ],
    });
    expect(r.notApplicable).toEqual([
      { ruleId: 'docker-rule', reason: REQUIREMENTS.dockerfiles.reason },
      { ruleId: 'ordered-rule', reason: REQUIREMENTS.flyTomls.reason },
    ]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['met-rule']);
  });
  it('a rule gets the artifacts it requires, resolved and typed (no lookups of its own)', async () => {
    const profile = await scanProject();
    const given = defineRule({
      ...make('given-rule'),
      requires: ['endpoint', 'ectoRepos', 'database'],
      messages: { m: '{{endpoint}} {{repo}} {{database}}' },
      check: ({ endpoint, ectoRepos, database }) => [{ messageId: 'm', data: { endpoint: endpoint.module, repo: ectoRepos[0].module, database }, evidence: [endpoint.evidence] }],
    });
    const r = audit(profile, { rules: [given] });
    expect(r.findings.map((f) => f.message)).toEqual(['HelloPhoenixWeb.Endpoint HelloPhoenix.Repo postgres']);
    expect(r.findings[0]?.evidence[0]?.file).toBe('lib/hello_phoenix_web/endpoint.ex');
  });
  it('an unknown message id or a missing placeholder value is an internal error, not a finding', async () => {
    const profile = await scanProject();
    const unknown = make('unknown-rule', { check: () => [{ messageId: 'nope', evidence: [evidence] }] });
    const missing = make('missing-rule', { messages: { fired: '{{id}} fired on {{host}}' } });
    const r = audit(profile, { rules: [unknown, missing] });
    expect(r.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['internal-error', 'rule unknown-rule could not run: rule unknown-rule reported an unknown message id "nope"'],
      ['internal-error', 'rule missing-rule could not run: message "fired" of rule missing-rule has no value for {{host}}'],
    ]);
  });
  it('findings carry the formatted message and its id', async () => {
    const r = audit(await scanProject(), { rules: [make('a-rule', { messages: { fired: '{{id}} fired ({{ id }} again)' } })] });
    expect(r.findings[0]).toMatchObject({ message: 'a-rule fired (a-rule again)', messageId: 'fired' });
  });
  it('fingerprints are over rule, message id, file and snippet: rewording a message keeps them', async () => {
    const profile = await scanProject();
    const a = audit(profile, { rules: [make('a-rule')] }).findings[0]!;
    const reworded = audit(profile, { rules: [make('a-rule', { messages: { fired: 'rule {{id}} went off, in other words' } })] }).findings[0]!;
    expect(reworded.message).not.toBe(a.message);
    expect(reworded.fingerprint).toBe(a.fingerprint);
    const otherId = audit(profile, { rules: [make('a-rule', { messages: { other: '{{id}} fired' }, check: () => [{ messageId: 'other', data: { id: 'a-rule' }, evidence: [evidence] }] })] }).findings[0]!;
    expect(otherId.fingerprint).not.toBe(a.fingerprint);
    const otherThing = audit(profile, { rules: [make('a-rule', { check: () => [{ messageId: 'fired', data: { id: 'b-thing' }, evidence: [evidence] }] })] }).findings[0]!;
    expect(otherThing.fingerprint).not.toBe(a.fingerprint);
    const snippet = audit(profile, { rules: [make('a-rule', { check: () => [{ messageId: 'fired', data: { id: 'b-thing' }, snippet: 'a-rule', evidence: [evidence] }] })] }).findings[0]!;
    expect(snippet.fingerprint).toBe(a.fingerprint);
  });
  it('a catalog rule keeps its fingerprint when its messages are reworded or the finding moves to another line', async () => {
    const before = audit(await scanProject(), { rules: [httpsNotEnforced] }).findings[0]!;
    expect(before.evidence[0]).toEqual({ file: 'config/prod.exs', line: 6 });
    const reworded = { ...httpsNotEnforced, messages: Object.fromEntries(Object.entries(httpsNotEnforced.messages).map(([k, v]) => [k, `Heads up: ${v.replace('does not enforce', 'fails to enforce')}`])) };
    const r = audit(await scanProject(), { rules: [reworded] }).findings[0]!;
    expect(r).toMatchObject({ ruleId: 'https-not-enforced', messageId: before.messageId });
    expect(r.message).toMatch(/^Heads up: HelloPhoenixWeb.Endpoint fails to enforce HTTPS/);
    expect(r.fingerprint).toBe(before.fingerprint);
    const moved = audit(await scanProject({ 'config/prod.exs': replace('import Config\n', 'import Config\n\n# Production settings.\n') }), { rules: [httpsNotEnforced] }).findings[0]!;
    expect(moved.evidence[0]).toEqual({ file: 'config/prod.exs', line: 8 });
    expect(moved.fingerprint).toBe(before.fingerprint);
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
  const o = (severity: Severity, passed: boolean, category: Category = 'secrets') => ({ category, severity, applicable: true, passed });
  it('a failed critical rule caps its category and the total at 49, a failed high at 79', () => {
    // Ten passing high rules and one failed critical: 60 / 70 = 86 by weight, capped at 49.
    const critical = scoreOutcomes([...Array.from({ length: 10 }, () => o('high', true)), o('critical', false)]);
    expect(critical.categories.find((c) => c.id === 'secrets')!.score).toBe(49);
    expect(critical.score).toBe(49);
    // Twenty passing medium rules and one failed high: 60 / 66 = 91, capped at 79.
    const high = scoreOutcomes([...Array.from({ length: 20 }, () => o('medium', true)), o('high', false)]);
    expect(high.categories.find((c) => c.id === 'secrets')!.score).toBe(79);
    expect(high.score).toBe(79);
    // A cap is per category: another category with only passing rules keeps 100; medium and low failures cap nothing.
    const mixed = scoreOutcomes([o('critical', false), o('high', true, 'docker'), ...Array.from({ length: 30 }, () => o('low', true)), o('medium', false, 'docker')]);
    expect(mixed.categories.find((c) => c.id === 'docker')!.score).toBe(Math.round((100 * 6) / 9));
    expect(mixed.score).toBeLessThan(50);
    expect(scoreOutcomes([...Array.from({ length: 30 }, () => o('low', true)), o('medium', false)]).score).toBe(Math.round((100 * 30) / 33));
  });
  it('an audit with a critical finding scores below 50 however many rules pass', async () => {
    const profile = await scanProject();
    const passing = Array.from({ length: 12 }, (_, i) => make(`pass-${i}-rule`, { severity: 'high', check: () => [] }));
    const r = audit(profile, { rules: [...passing, make('crit-rule', { severity: 'critical' })] });
    expect(r.findings.map((f) => f.severity)).toEqual(['critical']);
    expect(r.score).toBeLessThan(50);
  });

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

describe('rule messages', () => {
  it('fills {{placeholders}} and lists them', () => {
    expect(formatMessage('r', { m: '{{a}} and {{ b }} and {{a}}' }, 'm', { a: 'x', b: 2 })).toBe('x and 2 and x');
    expect(placeholders('{{a}} and {{ b }} and {{a}}')).toEqual(['a', 'b']);
    expect(malformedPlaceholders('{{a}} {{ }} {{a-b}} {{open')).toEqual(['{{ }}', '{{a-b}}', '{{open']);
  });
  it('the default snippet is the sorted data values with digits normalized', () => {
    expect(defaultSnippet({ b: 'config/prod.exs:12', a: 'HelloWeb.Endpoint' })).toBe(defaultSnippet({ a: 'config/prod.exs:40', b: 'HelloWeb.Endpoint' }));
    expect(defaultSnippet({ a: 'x', b: undefined })).toBe(defaultSnippet({ a: 'x' }));
    expect(defaultSnippet({ a: 'HelloWeb.Endpoint' })).not.toBe(defaultSnippet({ a: 'AdminWeb.Endpoint' }));
  });
  it('fingerprints depend on every part', () => {
    const base = { ruleId: 'r', messageId: 'm', file: 'config/prod.exs', snippet: '[[services]] #1' };
    for (const change of [{ ruleId: 'q' }, { messageId: 'n' }, { file: 'config/runtime.exs' }, { snippet: '[[services]] #2' }]) {
      expect(fingerprint({ ...base, ...change })).not.toBe(fingerprint(base));
    }
  });
});
