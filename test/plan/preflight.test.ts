/**
 * Preflight: zero errors for every fixture × target as generate renders it, and one violating plan per
 * invariant (each a plan a target could have produced, with the one thing wrong).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_IDS } from '../../src/model/ids.js';
import type { Plan } from '../../src/model/plan.js';
import { defaultConfig } from '../../src/plan/config.js';
import { plan } from '../../src/plan/planner.js';
import { preflight, type Invariant } from '../../src/plan/preflight.js';
import { previewPlan } from '../../src/plan/preview.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { targets } from '../../src/targets/index.js';
import { EXAMPLE, fixture, makeProject, REPO, replace, scanProject } from '../helpers/project.js';

const FIXTURES: [string, string][] = [
  ['example', EXAMPLE],
  ...readdirSync(join(REPO, 'test', 'fixtures'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d): [string, string] => [d.name, fixture(d.name)]),
];

describe('preflight on every fixture × target', () => {
  it.each(FIXTURES)('%s: no errors, with and without the patches applied', async (_name, base) => {
    const dir = makeProject({}, base);
    const profile = await scan(dir);
    const projectDir = profile.projectPath === '.' ? dir : join(dir, profile.projectPath);
    for (const t of TARGET_IDS) {
      for (const applyPatches of [false, true]) {
        const p = await previewPlan(projectDir, profile, defaultConfig(profile), t, { applyPatches });
        expect(p.preflight.filter((i) => i.severity === 'error').map((i) => `${t}: ${i.message}`)).toEqual([]);
      }
    }
  });
});

/** One rendered plan to break. */
async function base(target: 'fly' | 'k8s' | 'compose', edits = {}): Promise<{ profile: Profile; plan: Plan }> {
  const profile = await scanProject(edits);
  return { profile, plan: plan(profile, defaultConfig(profile), target) };
}

const edit = (p: Plan, path: string, f: (s: string) => string): Plan => ({ ...p, files: p.files.map((x) => (x.path === path ? { ...x, content: f(x.content) } : x)) });
const invariants = (profile: Profile, p: Plan, extra = {}) =>
  preflight({ profile, plan: p, platformEnv: targets[p.target as keyof typeof targets].platformEnv, ...extra })
    .filter((i) => i.severity === 'error')
    .map((i) => i.invariant);

describe('one violating case per invariant', () => {
  it('a correct plan passes (the baseline for the cases below)', async () => {
    const { profile, plan: p } = await base('fly');
    expect(invariants(profile, p)).toEqual([]);
  });

  it('env: a required var nothing provides', async () => {
    const { profile, plan: p } = await base('fly');
    const broken = { ...p, secrets: p.secrets.filter((s) => s.name !== 'SECRET_KEY_BASE') };
    expect(invariants(profile, broken)).toEqual<Invariant[]>(['env']);
  });

  it('probe: a health check on a path the app does not serve', async () => {
    const { profile, plan: p } = await base('k8s');
    const broken = edit(p, 'deploy/k8s/base/deployment.yaml', (s) => s.replace(/tcpSocket:\n(\s+)port: http/g, 'httpGet:\n$1path: /health\n$1port: http'));
    expect(broken).not.toEqual(p);
    expect(invariants(profile, broken)).toContain('probe');
    // The same probe is fine once the health patch that adds /health is applied.
    const applied = plan(profile, defaultConfig(profile), 'k8s', { acceptedPatches: new Set(['health-route']) });
    expect(invariants(profile, applied, { acceptedPatches: new Set(['health-route']) })).toEqual([]);
  });

  it('port: fly.toml routes to another port than the Dockerfile listens on', async () => {
    const { profile, plan: p } = await base('fly');
    const broken = edit(p, 'fly.toml', (s) => s.replace(/internal_port = \d+/, 'internal_port = 4321'));
    expect(invariants(profile, broken)).toEqual<Invariant[]>(['port']);
  });

  it('release: bin/server starts another release than the one the Dockerfile builds', async () => {
    const { profile, plan: p } = await base('fly');
    const broken = edit(p, 'rel/overlays/bin/server', (s) => s.replace(/exec \.\/(\S+) start/, 'exec ./other_app start'));
    expect(invariants(profile, broken)).toEqual<Invariant[]>(['release']);
  });

  it('copy: the Dockerfile copies a file the build context lacks', async () => {
    const { profile, plan: p } = await base('fly');
    const broken = edit(p, 'Dockerfile', (s) => s.replace('COPY lib lib', 'COPY lib lib\nCOPY vendor/tools vendor/tools'));
    expect(invariants(profile, broken)).toEqual<Invariant[]>(['copy']);
  });

  it('writable: a *_PATH folder on a read-only root filesystem, or not writable by the image user', async () => {
    const { profile, plan: p } = await base('k8s', {
      'config/runtime.exs': replace('  host = System.get_env("PHX_HOST") || "example.com"', '  config :hello_phoenix, :exports, dir: System.get_env("EXPORTS_PATH", "/srv/exports")\n  host = System.get_env("PHX_HOST") || "example.com"'),
    });
    expect(invariants(profile, p)).toEqual([]);
    const noVolume = edit(p, 'deploy/k8s/base/deployment.yaml', (s) => s.replace(/\n\s+- name: writable-1\n\s+mountPath: \/srv\/exports/, ''));
    expect(noVolume).not.toEqual(p);
    expect(invariants(profile, noVolume)).toEqual<Invariant[]>(['writable']);
    // The image creates the folder for nobody, and hands the volume mounted there to nobody at start: undo both.
    const notOwned = edit(p, 'Dockerfile', (s) => s.replace(/RUN mkdir -p \/srv\/exports && chown nobody \/srv\/exports\n/, '').replace('chown nobody /srv/exports && exec setpriv', 'exec setpriv'));
    expect(notOwned).not.toEqual(p);
    expect(invariants(profile, notOwned)).toEqual<Invariant[]>(['writable']);
  });

  it('placeholders the user must set are warnings, not errors', async () => {
    const { profile } = await base('compose');
    const cloudrun = plan(profile, defaultConfig(profile), 'cloudrun');
    const issues = preflight({ profile, plan: cloudrun, platformEnv: targets.cloudrun.platformEnv });
    expect(issues.filter((i) => i.severity === 'warning').map((i) => i.message).join('\n')).toMatch(/PHX_HOST is a placeholder you must set/);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
