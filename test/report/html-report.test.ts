/**
 * The HTML report without a browser (issue 21 item 1): what it says and what it must never say. The
 * browser behaviour (layout, filter, anchors, axe) is test/report/html-browser.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/engine.js';
import type { Rule } from '../../src/audit/rule.js';
import { rules as catalog } from '../../src/audit/rules/index.js';
import { formatAuditHtml } from '../../src/report/audit-html.js';
import { excerpt, SourceReader } from '../../src/report/html/excerpt.js';
import { report } from '../../src/report/index.js';
import { formatVerifyHtml } from '../../src/report/verify-html.js';
import { checks } from '../../src/verify/checks/index.js';
import { runChecks } from '../../src/verify/engine.js';
import { runCliAsync } from '../helpers/cli.js';
import { EXAMPLE, makeProject, replace } from '../helpers/project.js';
import { scan } from '../../src/scan/index.js';
import { goodArtifacts, pageEx } from '../verify/harness.js';

const LOGGER = 'config :logger, level: :info';
const SECRET = 'hunter2hunter2-9f8e7d6c5b4a';

beforeEach(() => {
  process.env.SOURCE_DATE_EPOCH = '1780000000';
});
afterEach(() => {
  delete process.env.SOURCE_DATE_EPOCH;
});

/** Every href and src of a page. */
const links = (html: string) => [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? '');

describe('audit --format html', () => {
  it('shows the code around a committed secret with the line marked, and never the value', async () => {
    const dir = makeProject({ 'config/prod.exs': replace(LOGGER, `${LOGGER}\n\nconfig :hello_phoenix, HelloPhoenix.Mailer,\n  adapter: Swoosh.Adapters.SMTP,\n  auth: [username: "app", password: "${SECRET}"]`) });
    const profile = await scan(dir);
    const result = audit(profile);
    const finding = result.findings.find((f) => f.ruleId === 'hardcoded-secret-in-config');
    expect(finding?.evidence[0]).toMatchObject({ file: 'config/prod.exs' });
    const html = formatAuditHtml(result, { catalog, sourceRoot: profile.root, project: profile.web.otpApp });
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('hunter2');
    const marked = /<span class="ln mark" data-n="(\d+)"><span><span class="sr">evidence line: <\/span>([^<]*)<\/span>/g;
    const lines = [...html.matchAll(marked)].map((m) => ({ n: Number(m[1]), text: m[2] ?? '' }));
    expect(lines).toContainEqual({ n: finding?.evidence[0]?.line, text: expect.stringContaining('password: &quot;&lt;redacted&gt;&quot;') });
  });

  it('renders rule text from Markdown with no raw HTML, links absolute, passed and not-applicable rules listed', async () => {
    const rule: Rule = {
      id: 'demo-rule',
      title: 'Runs as `USER root`',
      category: 'web-security',
      severity: 'high',
      description: 'Why.',
      fix: 'Add `USER nobody` <img src=x onerror=alert(1)> and read [the docs](javascript:alert(1)).',
      equivalents: [],
      requires: [],
      messages: { only: 'the <script>alert(1)</script> `=> ~> <host>` value' },
      check: () => [{ messageId: 'only', evidence: [{ file: 'lib/hello_phoenix_web/router.ex', line: 12 }] }],
    };
    const profile = await scan(makeProject());
    const html = formatAuditHtml(audit(profile, { rules: [rule, ...catalog.slice(0, 3)] }), { catalog: [rule, ...catalog], sourceRoot: profile.root });
    expect(html).toContain('Runs as <code>USER root</code>');
    expect(html).toContain('<code>=&gt; ~&gt; &lt;host&gt;</code>');
    expect(html).toContain('the &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|href="javascript:/);
    expect(html.split('<script>').length - 1).toBe(1);
    for (const l of links(html)) expect(l).toMatch(/^(https:\/\/github\.com\/phoenix-ops\/phoenix-ops\/blob\/main\/|#)/);
    expect(html).toContain('href="https://github.com/phoenix-ops/phoenix-ops/blob/main/docs/rules/demo-rule.md"');
    expect(html).toMatch(/<summary>Passed rules \(\d+\)<\/summary>/);
    expect(html).toMatch(/<summary>Not applicable \(\d+\)<\/summary>/);
    // The category gauge links to the category's section.
    expect(html).toContain('href="#cat-web-security"');
    expect(html).toContain('id="cat-web-security"');
    expect(html).toContain('id="cat-web-security-high" data-severity="high"');
  });

  it('is the same bytes twice with SOURCE_DATE_EPOCH, whose date it shows', async () => {
    const profile = await scan(makeProject());
    const result = audit(profile);
    const one = formatAuditHtml(result, { catalog, sourceRoot: profile.root });
    expect(formatAuditHtml(result, { catalog, sourceRoot: profile.root })).toBe(one);
    expect(one).toContain('<time datetime="2026-05-28T20:26:40.000Z">2026-05-28 20:26 UTC</time>');
  });
});

describe('code excerpts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-excerpt-'));
  writeFileSync(join(dir, 'prod.exs'), ['import Config', '', 'config :app, :s3,', '  secret_access_key: "AKIAXXXXXXXXXXXXXXXX",', '  bucket: ~s(my-bucket)', ''].join('\n'));

  it('gives the lines around the evidence, redacted, and nothing outside the scanned folder', () => {
    const reader = new SourceReader(dir);
    const lines = excerpt(reader, 'prod.exs', 4, { secret: true, context: 1 });
    expect(lines).toEqual([
      { n: 3, text: 'config :app, :s3,', marked: false },
      { n: 4, text: '  secret_access_key: "<redacted>",', marked: true },
      { n: 5, text: '  bucket: <redacted>', marked: false },
    ]);
    expect(excerpt(reader, '../../etc/passwd', 1, { secret: false })).toBeNull();
    expect(excerpt(reader, 'prod.exs', 99, { secret: false })).toBeNull();
    expect(excerpt(reader, 'absent.exs', 1, { secret: false })).toBeNull();
  });
});

describe('verify --format html', () => {
  it('says checks, shows TLS, latency and the requests made', () => {
    const a = goodArtifacts();
    delete pageEx(a).response!.headers['x-content-type-options'];
    const r = runChecks(a);
    const html = formatVerifyHtml(r, { catalog: checks });
    const text = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/\d+ checks/);
    expect(text).not.toMatch(/\brules?\b/);
    expect(text).toContain(`TLS ${r.tls?.protocol}`);
    expect(r.latency).not.toBeNull();
    expect(text).toContain(`p50 ${r.latency?.p50Ms} ms`);
    expect(r.requestLog.length).toBeGreaterThan(2);
    expect(html).toContain(`<code>GET ${r.url}</code> → 200 OK`);
    expect(html).toContain('href="https://github.com/phoenix-ops/phoenix-ops/blob/main/docs/verify/nosniff-header-missing.md"');
  });
});

describe('report --format html', () => {
  it('has next steps, the cost of each target as bars and the plan with diffs', async () => {
    const r = await runCliAsync(['report', EXAMPLE, '--format', 'html'], { env: { SOURCE_DATE_EPOCH: '1780000000' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).toContain('<h2 id="h-next">Next steps</h2>');
    expect([...html.matchAll(/<span class="bar" aria-hidden="true"><span style="width:[\d.]+%"><\/span><\/span>/g)].length).toBeGreaterThanOrEqual(4);
    expect(html).toMatch(/<pre class="diff"><code><span class="hdr">--- \/dev\/null<\/span><span class="hdr">\+\+\+ b\/Dockerfile<\/span>/);
    expect(html).toContain('<h2 id="h-findings">Findings</h2>');
  });

  it('needs the whole audit and the plan', async () => {
    await expect(report({ kind: 'pipeline', result: { schemaVersion: 1 } as never }, 'html')).rejects.toThrow(/needs the whole audit/);
  });
});
