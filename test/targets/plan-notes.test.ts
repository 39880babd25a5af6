/**
 * Plan notes say each thing once and only what applies to the target (issue 21): the TCP health-check
 * note did not repeat itself ("…over TCP, because … so health checks connect to the port over TCP"),
 * the image's "pass them to `docker run --env`" note did not appear on fly, k8s, systemd or cloudrun
 * plans, and FLY_APP_NAME (which Fly sets in every Machine) was not listed as a value to set on Fly.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { plan } from '../../src/plan/planner.js';
import { TARGET_IDS, type TargetId } from '../../src/model/ids.js';
import { targets } from '../../src/targets/index.js';
import { replace, scanProject } from '../helpers/project.js';

const notesOf = async (t: TargetId, edits = {}) => {
  const profile = await scanProject(edits);
  return plan(profile, defaultConfig(profile), t);
};

/** The example app also reads FLY_APP_NAME and SMTP_RELAY at boot, both required. */
const READS_FLY_APP_NAME = {
  'config/runtime.exs': replace('import Config\n', 'import Config\n\nconfig :hello_phoenix, :fly_app, System.fetch_env!("FLY_APP_NAME")\nconfig :hello_phoenix, :smtp_relay, System.fetch_env!("SMTP_RELAY")\n'),
};

describe('plan notes', () => {
  it.each(TARGET_IDS)('%s: no note says the same thing twice, and none says "over TCP" twice', async (t) => {
    const p = await notesOf(t);
    for (const n of p.notes) {
      expect(n.match(/over TCP/g)?.length ?? 0, n).toBeLessThanOrEqual(1);
      expect(n.match(/--apply-patches/g)?.length ?? 0, n).toBeLessThanOrEqual(1);
    }
    // One note about the TCP health check per plan, not the image's and the platform's both.
    expect(p.notes.filter((n) => /over TCP/.test(n)).length, p.notes.join('\n')).toBeLessThanOrEqual(1);
  });

  it('the TCP health-check note says why and what to do, once', async () => {
    const fly = await notesOf('fly');
    expect(fly.notes).toContain('Health check: TCP on port 8080, because the app serves no health route and the patch adding /health is not applied (apply the patch with --apply-patches for an HTTP check).');
    const docker = await notesOf('docker');
    expect(docker.notes.filter((n) => n.startsWith('Health checks: '))).toEqual([
      "Health checks: the app serves no health route and the patch adding /health is not applied, so a platform's health check can only connect to the port over TCP (apply the patch with --apply-patches for an HTTP check).",
    ]);
  });

  it('"pass them to `docker run --env`" is on the docker plan only; each platform says where its values go', async () => {
    for (const t of TARGET_IDS) {
      const p = await notesOf(t, READS_FLY_APP_NAME);
      const dockerRun = p.notes.filter((n) => n.includes('docker run --env'));
      expect(dockerRun.length, t).toBe(t === 'docker' ? 1 : 0);
    }
    const k8s = await notesOf('k8s', READS_FLY_APP_NAME);
    expect(k8s.notes.filter((n) => n.startsWith('You must set'))).toEqual([expect.stringContaining('deploy/k8s/base/configmap.yaml): FLY_APP_NAME')]);
  });

  it('on Fly, FLY_APP_NAME is not a value to set (Fly sets it); SMTP_RELAY is a secret to set', async () => {
    const fly = await notesOf('fly', READS_FLY_APP_NAME);
    expect(targets.fly.platformEnv).toContain('FLY_APP_NAME');
    expect(fly.notes.join('\n')).not.toContain('FLY_APP_NAME (config/runtime.exs');
    expect(fly.secrets.map((s) => s.name)).not.toContain('FLY_APP_NAME');
    expect(fly.secrets.map((s) => s.name)).toContain('SMTP_RELAY');
  });

  it("no target lists as must-set a variable its platform sets in every instance", async () => {
    const reads = Object.fromEntries(TARGET_IDS.map((t) => [t, targets[t].platformEnv] as const));
    const all = [...new Set(Object.values(reads).flat())].filter((n) => n !== 'PORT');
    const edits = { 'config/runtime.exs': replace('import Config\n', `import Config\n\n${all.map((n, i) => `config :hello_phoenix, :platform_${i}, System.fetch_env!("${n}")`).join('\n')}\n`) };
    for (const t of TARGET_IDS) {
      const p = await notesOf(t, edits);
      const mustSet = p.notes.filter((n) => n.startsWith('You must set')).join('\n');
      const secrets = p.secrets.map((s) => s.name);
      for (const n of targets[t].platformEnv) {
        // The whole name: RENDER_EXTERNAL_HOSTNAME is not HOSTNAME.
        expect(mustSet, `${t}: ${n}`).not.toMatch(new RegExp(`(^|[\\s,:])${n} \\(`));
        expect(secrets, `${t}: ${n}`).not.toContain(n);
      }
    }
  });
});
