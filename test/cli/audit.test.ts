/**
 * `phoenix-ops audit` end to end: exit codes by --fail-on, every output format well-formed, --only/--skip,
 * suppressions from phoenix-ops.yaml and inline comments, and an invalid phoenix-ops.yaml reported at its line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { EXAMPLE, makeProject, replace } from '../helpers/project.js';

interface AuditFinding {
  ruleId: string;
  severity: string;
  category: string;
  message: string;
  evidence: { file: string; line: number }[];
  fingerprint: string;
  suppressed?: { by: string; reason: string };
}
interface AuditJson {
  schemaVersion: number;
  score: number;
  categories: { id: string; score: number | null; rules: number; failed: number }[];
  findings: AuditFinding[];
  suppressedCount: number;
  suppressed?: AuditFinding[];
  notApplicable: { ruleId: string; reason: string }[];
}

const oneLineError = (r: CliResult) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
};

describe('audit on the example app', () => {
  const out: Record<string, CliResult> = {};
  let j: AuditJson;

  beforeAll(async () => {
    const runs: Record<string, string[]> = {
      text: ['audit', EXAMPLE],
      failNone: ['audit', EXAMPLE, '--fail-on', 'none'],
      failCritical: ['audit', EXAMPLE, '--fail-on', 'critical'],
      json: ['audit', EXAMPLE, '--format', 'json'],
      sarif: ['audit', EXAMPLE, '--format', 'sarif'],
      markdown: ['audit', EXAMPLE, '--format', 'markdown'],
      html: ['audit', EXAMPLE, '--format', 'html'],
      only: ['audit', EXAMPLE, '--only', 'https-not-enforced', '--format', 'json'],
      skip: ['audit', EXAMPLE, '--skip', 'https-not-enforced', '--format', 'json', '--fail-on', 'none'],
      unknownOnly: ['audit', EXAMPLE, '--only', 'no-such-rule'],
      unknownSkip: ['audit', EXAMPLE, '--skip', 'https-not-enforced,no-such-rule'],
      badFormat: ['audit', EXAMPLE, '--format', 'xml'],
      jsonFlag: ['audit', EXAMPLE, '--json'],
    };
    const entries = await Promise.all(Object.entries(runs).map(async ([k, args]) => [k, await runCliAsync(args, k === 'here' ? { cwd: EXAMPLE } : {})] as const));
    for (const [k, r] of entries) out[k] = r;
    j = JSON.parse(out.json!.stdout) as AuditJson;
  });

  it('json parses, follows the contract, and has a high finding (https-not-enforced: no force_ssl in prod)', () => {
    expect(out.json!.stderr).toBe('');
    expect(Object.keys(j)).toEqual(['schemaVersion', 'score', 'categories', 'findings', 'suppressedCount', 'notApplicable']);
    expect(j.schemaVersion).toBe(1);
    expect(j.score).toBeGreaterThanOrEqual(0);
    expect(j.score).toBeLessThanOrEqual(100);
    expect(j.suppressedCount).toBe(0);
    const https = j.findings.filter((f) => f.ruleId === 'https-not-enforced');
    expect(https).toHaveLength(1);
    expect(https[0]).toMatchObject({ severity: 'high', category: 'web-security', evidence: [{ file: 'config/prod.exs', line: 6 }] });
    for (const f of j.findings) {
      expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(f.ruleId).not.toBe('internal-error');
    }
    expect(JSON.parse(out.jsonFlag!.stdout)).toEqual(j);
  });

  it('exits 1 with the default --fail-on high, since a high finding is active', () => {
    expect(j.findings.some((f) => f.severity === 'high' || f.severity === 'critical')).toBe(true);
    expect(out.text!.code).toBe(1);
    expect(out.json!.code).toBe(1);
    expect(out.sarif!.code).toBe(1);
  });

  it('exits 0 with --fail-on none; --fail-on critical follows the findings', () => {
    expect(out.failNone!.code).toBe(0);
    expect(out.failNone!.stdout).toBe(out.text!.stdout);
    expect(out.failCritical!.code).toBe(j.findings.some((f) => f.severity === 'critical') ? 1 : 0);
  });

  it('text groups findings with file:line and a score line, nothing on stderr', () => {
    const t = out.text!.stdout;
    expect(out.text!.stderr).toBe('');
    expect(t).not.toMatch(/\u001b\[/);
    expect(t).toMatch(/^phoenix-ops audit of hello_phoenix\n/);
    expect(t).toContain('(https-not-enforced)');
    expect(t).toContain('config/prod.exs:6');
    expect(t).toMatch(new RegExp(`Score ${j.score}/100 · \\d+ rules`));
    for (const f of j.findings) expect(t).toContain(`(${f.ruleId})`);
  });

  it('sarif is SARIF 2.1.0 and every result names a rule of the driver', () => {
    expect(out.sarif!.stderr).toBe('');
    const s = JSON.parse(out.sarif!.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; help?: { text: string } }[] } }; results: { ruleId: string; ruleIndex?: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[] }[];
    };
    expect(s.version).toBe('2.1.0');
    expect(s.runs).toHaveLength(1);
    const driver = s.runs[0]!.tool.driver;
    expect(driver.name).toBe('phoenix-ops');
    const ids = driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of driver.rules) expect(r.help?.text, r.id).toBeTruthy();
    const results = s.runs[0]!.results;
    expect(results.map((r) => r.ruleId).sort()).toEqual(j.findings.map((f) => f.ruleId).sort());
    for (const r of results) {
      expect(ids, `result ${r.ruleId}`).toContain(r.ruleId);
      expect(driver.rules[r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(r.locations.length).toBeGreaterThan(0);
      for (const l of r.locations) {
        expect(l.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
        expect(l.physicalLocation.artifactLocation.uri).not.toMatch(/^\//);
      }
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]+$/);
    }
  });

  it('markdown is a heading, a score and tables whose rows all have the header\'s column count', () => {
    const md = out.markdown!.stdout;
    expect(out.markdown!.stderr).toBe('');
    expect(md).toMatch(new RegExp(`^## .*: ${j.score}/100\\n`));
    const lines = md.split('\n');
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    let header: number | null = null;
    for (const l of lines) {
      if (!l.startsWith('|')) {
        header = null;
        continue;
      }
      if (header === null) header = cells(l);
      else expect(cells(l), l).toBe(header);
    }
    for (const f of j.findings) expect(md).toContain(`\`${f.ruleId}\``);
    expect(md.split(/<details[ >]/).length).toBe(md.split('</details>').length);
  });

  it('html is a whole document with balanced tags and every finding', () => {
    const html = out.html!.stdout;
    expect(out.html!.stderr).toBe('');
    expect(html.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const voids = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
    const body = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
    const stack: string[] = [];
    for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
      const [, close, rawName, selfClose] = m;
      const name = rawName!.toLowerCase();
      if (voids.has(name) || selfClose) continue;
      if (close) expect(stack.pop(), `</${name}>`).toBe(name);
      else stack.push(name);
    }
    expect(stack).toEqual([]);
    for (const f of j.findings) expect(html).toContain(f.ruleId);
  });

  it('--only gives only that rule', () => {
    const o = JSON.parse(out.only!.stdout) as AuditJson;
    expect(o.findings.map((f) => f.ruleId)).toEqual(['https-not-enforced']);
    const applicable = o.categories.filter((c) => c.rules > 0);
    expect(applicable.map((c) => c.id)).toEqual(['web-security']);
    expect(o.score).toBe(0);
    expect(out.only!.code).toBe(1);
  });

  it('--skip leaves that rule out', () => {
    const o = JSON.parse(out.skip!.stdout) as AuditJson;
    expect(o.findings.map((f) => f.ruleId)).not.toContain('https-not-enforced');
    expect(o.findings.length).toBe(j.findings.length - 1);
    expect(out.skip!.code).toBe(0);
  });

  it('an unknown rule id in --only or --skip is a one-line usage error (exit 2)', () => {
    oneLineError(out.unknownOnly!);
    expect(out.unknownOnly!.stderr).toMatch(/^phoenix-ops: unknown rule id "no-such-rule"/);
    oneLineError(out.unknownSkip!);
    expect(out.unknownSkip!.stderr).toContain('"no-such-rule"');
  });

  it('an unknown --format value is a one-line usage error (exit 2)', () => {
    oneLineError(out.badFormat!);
    expect(out.badFormat!.stderr).toContain('xml');
  });
});

describe.concurrent('audit suppressions', () => {
  const ignoreYaml = (extra = '') => `version: 1\naudit:\n  ignore:\n    - rule: https-not-enforced\n${extra}      reason: TLS ends at the load balancer\n`;

  it('phoenix-ops.yaml audit.ignore suppresses the finding: counted, listed with --show-suppressed, and ignored by the exit code', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': ignoreYaml() });
    const [json, jsonShow, text, textShow] = await Promise.all([
      runCliAsync(['audit', dir, '--format', 'json', '--fail-on', 'none']),
      runCliAsync(['audit', dir, '--format', 'json', '--fail-on', 'none', '--show-suppressed']),
      runCliAsync(['audit', dir]),
      runCliAsync(['audit', dir, '--fail-on', 'none', '--show-suppressed']),
    ]);
    const j = JSON.parse(json.stdout) as AuditJson;
    expect(json.stderr).toBe('');
    expect(j.findings.map((f) => f.ruleId)).not.toContain('https-not-enforced');
    expect(j.suppressedCount).toBe(1);
    expect(j).not.toHaveProperty('suppressed');

    const js = JSON.parse(jsonShow.stdout) as AuditJson;
    expect(js.suppressed).toHaveLength(1);
    expect(js.suppressed![0]).toMatchObject({ ruleId: 'https-not-enforced', suppressed: { by: 'config', reason: 'TLS ends at the load balancer' } });
    expect(js.findings).toEqual(j.findings);

    expect(text.stdout).not.toContain('(https-not-enforced)');
    expect(text.stdout).toMatch(/ 1 suppressed/);
    expect(text.code).toBe(j.findings.some((f) => f.severity === 'high' || f.severity === 'critical') ? 1 : 0);
    expect(textShow.stdout).toContain('(https-not-enforced)');
    expect(textShow.stdout).toContain('TLS ends at the load balancer');
  });

  it('an ignore with a path elsewhere does not suppress; one with the finding\'s folder does', async () => {
    const other = makeProject({ 'phoenix-ops.yaml': ignoreYaml('      path: lib/hello_phoenix_web/router.ex\n') });
    const folder = makeProject({ 'phoenix-ops.yaml': ignoreYaml('      path: config\n') });
    const [a, b] = await Promise.all([
      runCliAsync(['audit', other, '--format', 'json', '--only', 'https-not-enforced']),
      runCliAsync(['audit', folder, '--format', 'json', '--only', 'https-not-enforced']),
    ]);
    const ja = JSON.parse(a.stdout) as AuditJson;
    expect(ja.findings.map((f) => f.ruleId)).toEqual(['https-not-enforced']);
    expect(ja.suppressedCount).toBe(0);
    expect(a.code).toBe(1);
    const jb = JSON.parse(b.stdout) as AuditJson;
    expect(jb.findings).toEqual([]);
    expect(jb.suppressedCount).toBe(1);
    // Suppressed findings count as passing.
    expect(jb.score).toBe(100);
    expect(b.code).toBe(0);
  });

  it('an inline `# phoenix-ops:ignore <id> reason` on the line above the evidence suppresses it', async () => {
    // config/prod.exs:6 is the endpoint config call the finding points at.
    const dir = makeProject({
      'config/prod.exs': replace('config :hello_phoenix, HelloPhoenixWeb.Endpoint,', '# phoenix-ops:ignore https-not-enforced TLS ends at the proxy\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint,'),
    });
    expect(readFileSync(join(dir, 'config/prod.exs'), 'utf8').split('\n')[5]).toContain('phoenix-ops:ignore');
    const [json, show] = await Promise.all([
      runCliAsync(['audit', dir, '--format', 'json', '--only', 'https-not-enforced']),
      runCliAsync(['audit', dir, '--format', 'json', '--only', 'https-not-enforced', '--show-suppressed']),
    ]);
    const j = JSON.parse(json.stdout) as AuditJson;
    expect(j.findings).toEqual([]);
    expect(j.suppressedCount).toBe(1);
    expect(json.code).toBe(0);
    const js = JSON.parse(show.stdout) as AuditJson;
    expect(js.suppressed![0]).toMatchObject({ ruleId: 'https-not-enforced', evidence: [{ file: 'config/prod.exs', line: 7 }], suppressed: { by: 'comment', reason: 'TLS ends at the proxy' } });
  });

  it('an inline ignore for another rule on the line above, or for this rule further up, does not suppress', async () => {
    const dir = makeProject({
      'config/prod.exs': replace(
        'config :hello_phoenix, HelloPhoenixWeb.Endpoint,',
        '# phoenix-ops:ignore https-not-enforced too far away\n\n# phoenix-ops:ignore csp-missing not this rule\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint,',
      ),
    });
    const r = await runCliAsync(['audit', dir, '--format', 'json', '--only', 'https-not-enforced']);
    const jr = JSON.parse(r.stdout) as AuditJson;
    expect(jr.findings.map((f) => `${f.ruleId} ${f.evidence[0]!.file}:${f.evidence[0]!.line}`)).toEqual(['https-not-enforced config/prod.exs:9']);
    expect(jr.suppressedCount).toBe(0);
    expect(r.code).toBe(1);
  });
});

describe.concurrent('audit with an invalid phoenix-ops.yaml', () => {
  it('a wrong type is exit 2 and one stderr line phoenix-ops.yaml:LINE:COL: at the offending line', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': 'version: 1\napp: hello\nmachine:\n  count: two\n' });
    const r = await runCliAsync(['audit', dir]);
    oneLineError(r);
    expect(r.stderr).toMatch(/^phoenix-ops: phoenix-ops\.yaml:4:\d+: .*machine\.count/);
    expect(r.stderr).toContain('two');
  });

  it('a YAML syntax error is reported at its line', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': 'version: 1\napp: hello\n\nregion: [iad\n' });
    const r = await runCliAsync(['audit', dir, '--format', 'json']);
    oneLineError(r);
    expect(r.stderr).toMatch(/^phoenix-ops: phoenix-ops\.yaml:[45]:\d+: /);
  });

  it('an unknown setting is reported at its line', async () => {
    const dir = makeProject({ 'phoenix-ops.yaml': 'version: 1\napp: hello\nregoin: iad\n' });
    const r = await runCliAsync(['audit', dir]);
    oneLineError(r);
    expect(r.stderr).toMatch(/^phoenix-ops: phoenix-ops\.yaml:3:\d+: .*regoin/);
  });
});
