/**
 * `phoenix-ops cost` and `phoenix-ops report` (the default command) end to end on the example app.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { EXAMPLE, makeProject } from '../helpers/project.js';

interface Item {
  name: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  monthly: number;
  source: string;
  asOf: string;
}
interface EstimateJson {
  target: string;
  currency: string;
  items: Item[];
  monthly: number;
  assumptions: { hoursPerMonth: number; traffic: string };
}

const sum = (items: Item[]) => items.reduce((s, i) => s + i.monthly, 0);

function checkEstimate(e: EstimateJson, target: string): void {
  expect(e.target).toBe(target);
  expect(e.currency).toBe('USD');
  expect(Array.isArray(e.items)).toBe(true);
  expect(typeof e.monthly).toBe('number');
  expect(Number.isFinite(e.monthly)).toBe(true);
  expect(e.monthly).toBeGreaterThanOrEqual(0);
  expect(Math.abs(e.monthly - sum(e.items))).toBeLessThan(0.005);
  expect(e.assumptions.hoursPerMonth).toBe(730);
  expect(e.assumptions.traffic).toBe('low');
  for (const i of e.items) {
    expect(i.source, i.name).toMatch(/^https:\/\//);
    expect(i.asOf, i.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(i.monthly, i.name).toBeCloseTo(i.quantity * i.unitPrice, 6);
  }
}

describe('cost', () => {
  const r: Record<string, CliResult> = {};
  beforeAll(async () => {
    const runs: Record<string, string[]> = {
      fly: ['cost', EXAMPLE, '--target', 'fly', '--json'],
      flyText: ['cost', EXAMPLE, '--target', 'fly'],
      compare: ['cost', EXAMPLE, '--compare', '--json'],
      compareText: ['cost', EXAMPLE, '--compare'],
      both: ['cost', EXAMPLE, '--compare', '--target', 'fly'],
      docker: ['cost', EXAMPLE, '--target', 'docker'],
      dockerJson: ['cost', EXAMPLE, '--target', 'docker', '--json'],
    };
    await Promise.all(Object.entries(runs).map(async ([k, args]) => (r[k] = await runCliAsync(args))));
  });

  it('--target fly --json is {target, currency: USD, items[], monthly, assumptions}, monthly = sum of items', () => {
    expect(r.fly!.code).toBe(0);
    expect(r.fly!.stderr).toBe('');
    const e = JSON.parse(r.fly!.stdout) as EstimateJson;
    for (const k of ['target', 'currency', 'items', 'monthly', 'assumptions']) expect(e).toHaveProperty(k);
    checkEstimate(e, 'fly');
    expect(e.items.length).toBeGreaterThan(0);
    expect(e.monthly).toBeGreaterThan(0);
    expect(e.items.some((i) => /postgres/i.test(i.name))).toBe(true);
  });

  it('text shows the items, the total in dollars, the assumptions and the sources', () => {
    const t = r.flyText!.stdout;
    expect(r.flyText!.code).toBe(0);
    const e = JSON.parse(r.fly!.stdout) as EstimateJson;
    expect(t).toContain('USD');
    expect(t).toMatch(/\$\d+\.\d\d/);
    expect(t).toContain(`$${e.monthly.toFixed(2)}`);
    expect(t).toMatch(/Assumptions/);
    expect(t).toContain(e.items[0]!.source);
  });

  it('--compare --json is an array over several targets, each a well-formed estimate', () => {
    expect(r.compare!.code).toBe(0);
    expect(r.compare!.stderr).toBe('');
    const all = JSON.parse(r.compare!.stdout) as EstimateJson[];
    expect(Array.isArray(all)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const targets = all.map((e) => e.target);
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets).toContain('fly');
    for (const e of all) checkEstimate(e, e.target);
    const fly = all.find((e) => e.target === 'fly')!;
    expect(fly.monthly).toBeCloseTo((JSON.parse(r.fly!.stdout) as EstimateJson).monthly, 6);
  });

  it('--compare text names every target', () => {
    expect(r.compareText!.code).toBe(0);
    for (const e of JSON.parse(r.compare!.stdout) as EstimateJson[]) expect(r.compareText!.stdout).toContain(e.target);
  });

  it('--target docker explains that a bare image has no hosting cost and points to --compare: no empty table, no $0.00', () => {
    const t = r.docker!;
    expect(t.code).toBe(0);
    expect(t.stderr).toBe('');
    expect(t.stdout).toMatch(/^A bare Docker image has no hosting cost of its own/);
    expect(t.stdout).toContain(`\`phoenix-ops cost ${EXAMPLE} --compare\``);
    expect(t.stdout).not.toMatch(/\$0\.00|Item\s+Quantity|Total/);
    const j = JSON.parse(r.dockerJson!.stdout) as { target: string; priced: boolean; monthly: number | null; reason: string };
    expect(j).toMatchObject({ target: 'docker', priced: false, monthly: null });
    expect(j.reason).toContain('--compare');
  });

  it('--compare with --target is a one-line usage error (exit 2)', () => {
    expect(r.both!.code).toBe(2);
    expect(r.both!.stdout).toBe('');
    expect(r.both!.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.both!.stderr).toMatch(/--compare/);
  });

  it('cost.traffic in phoenix-ops.yaml changes the scenario', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': 'version: 1\ncost:\n  traffic: high\n' });
    const res = await runCliAsync(['cost', dir, '--target', 'fly', '--json']);
    expect(res.code).toBe(0);
    const e = JSON.parse(res.stdout) as EstimateJson;
    expect(e.assumptions.traffic).toBe('high');
    expect(Math.abs(e.monthly - sum(e.items))).toBeLessThan(0.005);
    expect(e.monthly).toBeGreaterThanOrEqual((JSON.parse(r.fly!.stdout) as EstimateJson).monthly);
  });
});

interface ReportJson {
  schemaVersion: number;
  project: { otpApp: string; path: string; database: string };
  audit: { score: number; counts: Record<string, number>; top: { ruleId: string }[] };
  recommendation: { target: string; reason: string };
  plan: { files: { path: string }[]; secrets: string[] };
  cost: { recommended: EstimateJson; compare: { target: string; monthly: number }[] };
  nextSteps: string[];
}

describe('report', () => {
  const r: Record<string, CliResult> = {};
  let dir: string;
  beforeAll(async () => {
    dir = makeProject();
    const runs: [string, string[], string?][] = [
      ['text', ['report', dir]],
      ['textHere', ['report'], dir],
      ['bare', [], dir],
      ['json', ['report', dir, '--format', 'json']],
      ['markdown', ['report', dir, '--format', 'markdown']],
      ['bareJson', ['--json'], dir],
      ['audit', ['audit', dir, '--format', 'json']],
      ['cost', ['cost', dir, '--target', 'fly', '--json']],
      ['badFormat', ['report', dir, '--format', 'sarif']],
    ];
    await Promise.all(runs.map(async ([k, args, cwd]) => (r[k] = await runCliAsync(args, cwd ? { cwd } : {}))));
  });

  it('text prints every section, nothing on stderr', () => {
    const t = r.text!.stdout;
    expect(r.text!.code).toBe(0);
    expect(r.text!.stderr).toBe('');
    expect(t).toMatch(/^phoenix-ops report: hello_phoenix\n/);
    const sections = ['Project', 'Audit: ', 'Recommended target: fly', 'Estimated cost: $', 'Next steps'];
    let at = -1;
    for (const s of sections) {
      const i = t.indexOf(`\n${s}`);
      expect(i, s).toBeGreaterThan(at);
      at = i;
    }
    expect(t).toContain('Required at boot: DATABASE_URL, SECRET_KEY_BASE');
    expect(t).not.toMatch(/\u001b\[/);
  });

  it('bare `phoenix-ops` in the project folder is `report .`', () => {
    expect(r.bare!.code).toBe(0);
    expect(r.bare!.stderr).toBe('');
    expect(r.bare!.stdout).toBe(r.textHere!.stdout);
    expect(r.textHere!.stdout).toMatch(/^phoenix-ops report: hello_phoenix\n/);
    // Run from inside the folder, the next steps name no folder.
    expect(r.bare!.stdout).toContain('`phoenix-ops plan --target fly`');
    expect(r.text!.stdout).toContain(`\`phoenix-ops plan ${dir} --target fly\``);
  });

  it('--format json parses and has audit.score, recommendation.target and cost, consistent with audit and cost', () => {
    expect(r.json!.code).toBe(0);
    expect(r.json!.stderr).toBe('');
    const j = JSON.parse(r.json!.stdout) as ReportJson;
    expect(JSON.parse(r.bareJson!.stdout)).toEqual({ ...j, nextSteps: expect.any(Array) });
    expect(j.schemaVersion).toBe(1);
    expect(j.project).toMatchObject({ otpApp: 'hello_phoenix', path: '.', database: 'postgres' });
    const audit = JSON.parse(r.audit!.stdout) as { score: number; findings: { ruleId: string; severity: string }[] };
    expect(j.audit.score).toBe(audit.score);
    expect(j.audit.top.map((f) => f.ruleId)).toEqual(audit.findings.slice(0, 5).map((f) => f.ruleId));
    expect(j.audit.counts.high).toBe(audit.findings.filter((f) => f.severity === 'high').length);
    expect(j.recommendation.target).toBe('fly');
    expect(j.recommendation.reason).toBeTruthy();
    const cost = JSON.parse(r.cost!.stdout) as EstimateJson;
    expect(j.cost.recommended.target).toBe('fly');
    expect(j.cost.recommended.monthly).toBeCloseTo(cost.monthly, 6);
    expect(j.cost.compare.find((c) => c.target === 'fly')!.monthly).toBeCloseTo(cost.monthly, 6);
    expect(j.cost.compare.length).toBeGreaterThanOrEqual(2);
    expect(j.plan.secrets).toContain('SECRET_KEY_BASE');
    expect(j.plan.files.map((f) => f.path)).toContain('fly.toml');
    expect(j.nextSteps.length).toBeGreaterThan(0);
  });

  it('--format markdown starts with "# "', () => {
    expect(r.markdown!.code).toBe(0);
    expect(r.markdown!.stderr).toBe('');
    expect(r.markdown!.stdout).toMatch(/^# phoenix-ops report: hello_phoenix\n/);
    expect(r.markdown!.stdout).toContain('## Recommended target: fly');
    expect(r.markdown!.stdout).toMatch(/^## Audit: \d+\/100$/m);
  });

  it('an unknown --format is a one-line usage error (exit 2)', () => {
    expect(r.badFormat!.code).toBe(2);
    expect(r.badFormat!.stdout).toBe('');
    expect(r.badFormat!.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('report writes nothing', () => {
    expect(readdirSync(dir).sort()).toEqual(readdirSync(EXAMPLE).sort());
  });
});
