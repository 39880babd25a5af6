/**
 * HTTPS enforced by the repository around the scanned folder: an app in `apps/web` of a repository
 * whose Helm chart (at the top) puts an nginx Ingress with TLS in front of it. The enforcement counts
 * whichever folder is scanned, is named in the finding's message and never cited as its evidence;
 * a sibling Mix project's own proxy config does not count for this app.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../../src/audit/engine.js';
import { enclosingRepoRoot } from '../../../src/scan/enclosing-repo.js';
import { scan } from '../../../src/scan/index.js';
import { helmIngress } from '../../helpers/edge-https.js';
import { EXAMPLE } from '../../helpers/project.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

const INGRESS = helmIngress('web');

const NGINX_REDIRECT = 'server {\n    listen 80;\n    return 301 https://$host$request_uri;\n}\n';
const WORKER_MIX = 'defmodule Worker.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :worker, version: "0.1.0"]\nend\n';

/** A repository: `marker` at its top (`.git` or a copy's `.github/`), the example app in apps/web, and `files`. */
function repo(marker: '.git' | '.github', files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-edge-above-'));
  made.push(dir);
  mkdirSync(join(dir, marker));
  cpSync(EXAMPLE, join(dir, 'apps/web'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

async function httpsFinding(dir: string) {
  const findings = audit(await scan(dir)).findings.filter((f) => f.ruleId === 'https-not-enforced');
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

describe('HTTPS enforced by the repository above the scanned folder', () => {
  it('a Helm Ingress with TLS at the top makes the finding low, named in the message, not cited as evidence', async () => {
    const dir = repo('.git', { 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'charts/web/templates/ingress.yaml': INGRESS });
    const f = await httpsFinding(join(dir, 'apps/web'));
    expect(f.severity).toBe('low');
    expect(f.message).toContain('at ../../charts/web/templates/ingress.yaml:8 redirects to HTTPS in front of it');
    expect(f.evidence.map((e) => e.file)).toEqual(['config/prod.exs']);
  });

  it('the same verdict when the top of the repository is scanned', async () => {
    const dir = repo('.git', { 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'charts/web/templates/ingress.yaml': INGRESS });
    const f = await httpsFinding(dir);
    expect(f.severity).toBe('low');
    expect(f.message).toContain('charts/web/templates/ingress.yaml:8');
  });

  it("in a copy without .git, the top is the highest folder with .github/ (the app's own stray .github/ is not it)", async () => {
    const dir = repo('.github', { 'apps/web/.github/workflows/ci.yml': 'on: push\n', 'deploy/nginx/web.conf': NGINX_REDIRECT });
    expect(enclosingRepoRoot(join(dir, 'apps/web'))).toBe(dir);
    const f = await httpsFinding(join(dir, 'apps/web'));
    expect(f.severity).toBe('low');
    expect(f.message).toContain('../../deploy/nginx/web.conf:3');
  });

  it("a sibling Mix project's own nginx redirect does not count for this app (high)", async () => {
    const dir = repo('.git', { 'apps/worker/mix.exs': WORKER_MIX, 'apps/worker/nginx/worker.conf': NGINX_REDIRECT });
    const f = await httpsFinding(join(dir, 'apps/web'));
    expect(f.severity).toBe('high');
  });

  it('a project at the top of its repository looks no higher', () => {
    const dir = repo('.git', {});
    mkdirSync(join(dir, 'apps/web/.git'));
    expect(enclosingRepoRoot(join(dir, 'apps/web'))).toBeNull();
  });
});
