/**
 * scripts/sobelow-parity.mjs on a corpus of one app: each Sobelow finding is matched to ours by class and place,
 * a finding of ours already answering one Sobelow finding does not answer another, unreported findings need a
 * reason, and a true finding we miss is listed as a gap.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/sobelow-parity.mjs');
const app = 'acme+shop';
const router = 'lib/shop_web/router.ex';

const sobelow = {
  findings: {
    high_confidence: [
      { file: 'config/prod.exs', line: 0, type: 'Config.HTTPS: HTTPS Not Enabled' },
      { file: router, line: 12, pipeline: 'browser', type: 'Config.CSP: Missing Content-Security-Policy' },
      { file: router, line: 30, pipeline: 'admin', type: 'Config.CSP: Missing Content-Security-Policy' },
      { file: router, line: 40, pipeline: 'assets', type: 'Config.CSP: Missing Content-Security-Policy' },
    ],
    medium_confidence: [{ file: router, line: 55, route: 'callback', type: 'Config.CSRFRoute: CSRF via Action Reuse' }],
    low_confidence: [],
  },
};

const review = [
  '## acme+shop (Phoenix root: .)',
  '### Sobelow config findings',
  `- Config.CSP ${router}:12 — **TP**: no CSP (hardening). phoenix-ops: -`,
  `- Config.CSP ${router}:30 — **TP**: admin pages without a CSP. phoenix-ops: -`,
  `- Config.CSP ${router}:40 — **FP**: serves static assets only. phoenix-ops: -`,
  '- Config.HTTPS config/prod.exs:0 — **FP**: fly.toml force_https = true. phoenix-ops: -',
  '',
].join('\n');

const finding = (ruleId: string, severity: string, file: string, line: number, eq: string) => ({
  ruleId,
  severity,
  evidence: [{ file, line }],
  equivalents: [eq],
});
const audit = {
  findings: [
    finding('csp-missing', 'medium', router, 12, 'sobelow:Config.CSP'),
    finding('https-not-enforced', 'low', 'fly.toml', 20, 'sobelow:Config.HTTPS'),
  ],
};

let dir: string;
function run(reasons: object, ...extra: string[]) {
  writeFileSync(join(dir, 'reasons.json'), JSON.stringify(reasons));
  const args = ['--corpus', join(dir, 'corpus'), '--audit-json', join(dir, 'audit'), '--out', join(dir, 'parity.md')];
  const p = spawnSync(process.execPath, [script, ...args, '--reasons', join(dir, 'reasons.json'), ...extra], { encoding: 'utf8' });
  return { status: p.status, stdout: p.stdout, doc: readFileSync(join(dir, 'parity.md'), 'utf8') };
}
const row = (doc: string, where: string) => doc.split('\n').find((l) => l.includes(`| ${where} |`)) ?? '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sobelow-parity-'));
  mkdirSync(join(dir, 'corpus/sobelow'), { recursive: true });
  mkdirSync(join(dir, 'audit'));
  writeFileSync(join(dir, 'corpus/truth.json'), JSON.stringify([{ repo: 'acme/shop', root: '.' }]));
  writeFileSync(join(dir, `corpus/sobelow/${app}.config.json`), JSON.stringify(sobelow));
  writeFileSync(join(dir, 'corpus/sobelow/REVIEW.md'), review);
  writeFileSync(join(dir, `audit/${app}.json`), JSON.stringify(audit));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sobelow-parity', () => {
  it('matches by class and place, lists the gap and fails on a finding neither reported nor explained', () => {
    const { status, stdout, doc } = run({});
    expect(status).toBe(1);
    expect(stdout).toContain(`unexplained: ${app}|Config.CSRFRoute|${router}:55|callback`);
    expect(row(doc, `${router}:12`)).toContain('csp-missing (medium) lib/shop_web/router.ex:12 |');
    // the finding at :12 answers the :12 pipeline, not the admin one: that one is a gap
    expect(row(doc, `${router}:30`)).toContain('**GAP**');
    expect(row(doc, `${router}:40`)).toContain('serves static assets only.');
    expect(row(doc, 'config/prod.exs:0')).toContain('https-not-enforced (low) fly.toml:20 (app-wide) — reported though false');
    expect(doc).toContain('we report 1 of the 2 true ones; of the 3 false ones we report 1 (as https-not-enforced low ×1)');
  });

  it('passes once every unreported finding has a reason, and --check then finds the doc current', () => {
    const reasons = { [`${app}|Config.CSRFRoute|${router}:55|callback`]: { verdict: 'FP', reason: 'OAuth callback: GET required.' } };
    expect(run(reasons).status).toBe(0);
    const checked = run(reasons, '--check');
    expect(checked.status).toBe(0);
    expect(row(checked.doc, `${router}:55`)).toContain('| FP (our review) | — | OAuth callback: GET required. |');
  });
});
