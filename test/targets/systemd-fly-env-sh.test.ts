/**
 * systemd builds the release itself: with a kept Fly-only rel/env.sh.eex, deploy.sh's build wraps the
 * release's env.sh in a FLY_APP_NAME guard, so the release boots on the server with its default node
 * name (the preflight warns and still offers the patch that keeps the rest of the file). The wrapping
 * function is run for real with bash, and the wrapped env.sh sourced by sh.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { previewPlan } from '../../src/plan/preview.js';
import { scan } from '../../src/scan/index.js';
import { makeProject } from '../helpers/project.js';
import { validateShell } from '../helpers/validate.js';

/** The Fly launcher's clustering template: the node name from FLY_* with no guard. */
const FLY_ONLY_ENV_SH = `#!/bin/sh
export ERL_AFLAGS="-proto_dist inet6_tcp"
export RELEASE_DISTRIBUTION="name"
export RELEASE_NODE="\${FLY_APP_NAME}-\${FLY_IMAGE_REF##*-}@\${FLY_PRIVATE_IP}"
`;

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function systemdPlan(envSh: string | null) {
  const dir = makeProject(envSh === null ? {} : { 'rel/env.sh.eex': envSh });
  const profile = await scan(dir);
  return previewPlan(dir, profile, defaultConfig(profile), 'systemd');
}

const deploySh = (preview: Awaited<ReturnType<typeof systemdPlan>>) => preview.plan.files.find((f) => f.path.endsWith('deploy.sh'))!.content;

/** The `guard_fly_env_sh` function of deploy.sh, as written. */
function guardFunction(script: string): string {
  const start = script.indexOf('guard_fly_env_sh() {');
  expect(start).toBeGreaterThan(-1);
  return script.slice(start, script.indexOf('\n}\n', start) + 3);
}

/** Sources env.sh with sh in an empty environment plus `env`; prints the node settings. */
function sourced(envSh: string, env: Record<string, string> = {}): string {
  const r = spawnSync('env', ['-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'sh', '-c', `. "$1"; printf '%s|%s' "\${RELEASE_NODE:-}" "\${RELEASE_DISTRIBUTION:-}"`, 'sh', envSh], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('systemd with a kept Fly-only rel/env.sh.eex', () => {
  it('is a preflight warning, not an error, and the patch is still offered', async () => {
    const preview = await systemdPlan(FLY_ONLY_ENV_SH);
    const issues = preview.preflight.filter((i) => i.file === 'rel/env.sh.eex');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ invariant: 'env', severity: 'warning' });
    expect(issues[0]!.message).toContain('the systemd build skips the file\'s Fly part in the release it builds');
    expect(preview.plan.patches.map((p) => p.id)).toContain('env-sh-guard-fly');
  });

  it("deploy.sh's build wraps the release's env.sh: sh then leaves the node name to the release off Fly, and keeps Fly's on Fly", async () => {
    const script = deploySh(await systemdPlan(FLY_ONLY_ENV_SH));
    await validateShell(script, 'deploy.sh');
    expect(script).toMatch(/mix release --overwrite\n\s+rel="_build\/prod\/rel\/\$RELEASE_NAME"\n\s+guard_fly_env_sh "\$rel"/);
    const rel = mkdtempSync(join(tmpdir(), 'phoenix-ops-fly-env-'));
    made.push(rel);
    mkdirSync(join(rel, 'releases/0.1.0'), { recursive: true });
    const envSh = join(rel, 'releases/0.1.0/env.sh');
    writeFileSync(envSh, FLY_ONLY_ENV_SH);
    chmodSync(envSh, 0o750);
    // Unwrapped, off Fly: the broken name the VM refuses ("Can't set long node name!").
    expect(sourced(envSh)).toBe('-@|name');
    for (let i = 0; i < 2; i++) {
      const r = spawnSync('bash', ['-euc', `${guardFunction(script)}\nguard_fly_env_sh "$1"`, 'bash', rel], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    // Wrapped once (a second build does not wrap again), mode kept.
    expect(readFileSync(envSh, 'utf8').match(/phoenix-ops: Fly only/g)).toHaveLength(1);
    expect(statSync(envSh).mode & 0o777).toBe(0o750);
    expect(sourced(envSh)).toBe('|');
    expect(sourced(envSh, { FLY_APP_NAME: 'hello', FLY_IMAGE_REF: 'registry.fly.io/hello:deployment-01JABC', FLY_PRIVATE_IP: 'fdaa:0:1::3' })).toBe('hello-01JABC@fdaa:0:1::3|name');
  });

  it('without such a file the build leaves env.sh alone', async () => {
    expect(deploySh(await systemdPlan(null))).not.toContain('guard_fly_env_sh');
  });
});
