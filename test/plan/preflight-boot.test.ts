/**
 * Preflight about how the release boots on its target: a kept Fly-only rel/env.sh.eex elsewhere is an
 * error with the fix; `port:` in phoenix-ops.yaml that a hardcoded prod port overrides is a warning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { ENV_SH_PATCH_ID, portableEnvSh } from '../../src/plan/env-sh-portable.js';
import { unguardedFlyReads } from '../../src/facts/env-sh-shell.js';
import { previewPlan } from '../../src/plan/preview.js';
import { scan } from '../../src/scan/index.js';
import { runCli } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

/** What `fly launch` wrote for clustering years ago: FLY_* read with no guard and no fallback. */
const FLY_ONLY_ENV_SH = `#!/bin/sh

ip=$(grep fly-local-6pn /etc/hosts | cut -f 1)
export ERL_AFLAGS="-proto_dist inet6_tcp"
export RELEASE_DISTRIBUTION=name
export RELEASE_NODE=$FLY_APP_NAME@$ip
export DNS_CLUSTER_QUERY="\${FLY_APP_NAME}.internal"
`;

/** The same settings guarded, with a fallback elsewhere. */
const GUARDED_ENV_SH = `#!/bin/sh
export RELEASE_DISTRIBUTION=name

if [ -n "\${FLY_APP_NAME:-}" ]; then
  export RELEASE_NODE="\${FLY_APP_NAME}-\${FLY_IMAGE_REF##*-}@\${FLY_PRIVATE_IP}"
else
  export RELEASE_NODE="\${RELEASE_NODE:-hello_phoenix@$(hostname -i)}"
fi
[ -n "$FLY_REGION" ] && export REGION="$FLY_REGION"
`;

const envShIssues = async (envSh: string, target: 'k8s' | 'fly' | 'compose') => {
  const dir = makeProject({ 'rel/env.sh.eex': envSh });
  const profile = await scan(dir);
  const preview = await previewPlan(dir, profile, defaultConfig(profile), target);
  return preview.preflight.filter((i) => i.file === 'rel/env.sh.eex');
};

describe('a kept Fly-only rel/env.sh.eex', () => {
  it('is an error on Kubernetes and Compose, naming the line, the variables and the fix', async () => {
    for (const target of ['k8s', 'compose'] as const) {
      const issues = await envShIssues(FLY_ONLY_ENV_SH, target);
      expect(issues, target).toHaveLength(1);
      expect(issues[0]).toMatchObject({ invariant: 'env', severity: 'error' });
      expect(issues[0]!.message).toContain('rel/env.sh.eex:6 sets RELEASE_NODE from FLY_APP_NAME');
      expect(issues[0]!.fix).toContain('if [ -n "${FLY_APP_NAME:-}" ]');
      // The patch first, then the manual way.
      expect(issues[0]!.fix).toMatch(/^rerun with --apply-patches to guard the Fly part \(the env-sh-guard-fly patch that `plan` shows\), or by hand: guard the Fly part/);
    }
  });

  it('is fine on Fly, and a guarded file is fine everywhere', async () => {
    expect(await envShIssues(FLY_ONLY_ENV_SH, 'fly')).toEqual([]);
    expect(await envShIssues(GUARDED_ENV_SH, 'k8s')).toEqual([]);
  });

  it('reads guards line by line: if/elif/else blocks, `[ … ] &&` lines, `${FLY_X:-fallback}`', () => {
    expect(unguardedFlyReads(GUARDED_ENV_SH)).toEqual([]);
    expect(unguardedFlyReads('if [ "$X" = 1 ]; then\n  export A=$FLY_APP_NAME\nfi\nexport B="${FLY_REGION:-local}"\n')).toEqual([{ line: 2, sets: 'A', reads: ['FLY_APP_NAME'] }]);
  });
});

describe('the patch that guards the Fly part of a kept env.sh.eex', () => {
  const preview = async (envSh: string, target: 'k8s' | 'fly' | 'compose', applyPatches = false) => {
    const dir = makeProject({ 'rel/env.sh.eex': envSh });
    const profile = await scan(dir);
    return previewPlan(dir, profile, defaultConfig(profile), target, { applyPatches });
  };

  it('is offered where the error fires, as a diff that wraps the Fly lines', async () => {
    for (const target of ['k8s', 'compose'] as const) {
      const p = await preview(FLY_ONLY_ENV_SH, target);
      const patch = p.patches.find((x) => x.id === ENV_SH_PATCH_ID);
      expect(patch, target).toMatchObject({ file: 'rel/env.sh.eex', status: 'applies' });
      expect(patch!.diff).toContain('+if [ -n "${FLY_APP_NAME:-}" ]; then\n+  ip=$(grep fly-local-6pn /etc/hosts | cut -f 1)\n');
      expect(p.plan.patches.find((x) => x.id === ENV_SH_PATCH_ID)!.after).toBe(portableEnvSh(FLY_ONLY_ENV_SH));
    }
  });

  it('is not offered on Fly, nor for a file already guarded', async () => {
    expect((await preview(FLY_ONLY_ENV_SH, 'fly')).patches.map((x) => x.id)).not.toContain(ENV_SH_PATCH_ID);
    expect((await preview(GUARDED_ENV_SH, 'k8s')).patches.map((x) => x.id)).not.toContain(ENV_SH_PATCH_ID);
  });

  it('is not offered with --force, which writes our env.sh.eex over it (no error either)', async () => {
    const dir = makeProject({ 'rel/env.sh.eex': FLY_ONLY_ENV_SH });
    const profile = await scan(dir);
    const p = await previewPlan(dir, profile, defaultConfig(profile), 'k8s', { force: true });
    expect(p.writes.find((w) => w.path === 'rel/env.sh.eex')?.action).not.toMatch(/^skip/);
    expect(p.patches.map((x) => x.id)).not.toContain(ENV_SH_PATCH_ID);
    expect(p.preflight.filter((i) => i.file === 'rel/env.sh.eex')).toEqual([]);
  });

  it('planned with --apply-patches, the preflight judges the patched text: no error', async () => {
    const p = await preview(FLY_ONLY_ENV_SH, 'k8s', true);
    expect(p.options.acceptedPatches?.has(ENV_SH_PATCH_ID)).toBe(true);
    expect(p.preflight.filter((i) => i.file === 'rel/env.sh.eex')).toEqual([]);
  });

  it('`plan` shows it and `generate --apply-patches --target k8s` writes it, with no preflight error', () => {
    const dir = makeProject({ 'rel/env.sh.eex': FLY_ONLY_ENV_SH });
    const shown = runCli(['plan', dir, '--target', 'k8s', '--no-rehearse']);
    expect(shown.stdout).toContain(ENV_SH_PATCH_ID);
    expect(shown.stdout).toContain('+  export RELEASE_NODE=$FLY_APP_NAME@$ip');
    const r = runCli(['generate', dir, '--target', 'k8s', '--yes', '--apply-patches', '--no-rehearse']);
    expect(r.stderr).not.toContain('only Fly.io provides');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'rel/env.sh.eex'), 'utf8')).toBe(portableEnvSh(FLY_ONLY_ENV_SH));
  });
});

describe('port: overridden by a port the app hardcodes', () => {
  const fixedPort = {
    'config/runtime.exs': (t: string) => t.replace('  port = String.to_integer(System.get_env("PORT") || "4000")\n', '').replace(/    http: \[\n[\s\S]*?      port: port\n    \],\n/, ''),
    'config/prod.exs': (t: string) => `${t}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: 4001]\n`,
  };

  it('warns when phoenix-ops.yaml asks for another port', async () => {
    const dir = makeProject(fixedPort);
    const profile = await scan(dir);
    const config = { ...defaultConfig(profile), port: 8080 };
    const preview = await previewPlan(dir, profile, config, 'k8s');
    const warning = preview.preflight.find((i) => i.invariant === 'port' && i.severity === 'warning');
    expect(warning?.message).toContain('port: 8080 in phoenix-ops.yaml is not the port the app listens on: its prod config hardcodes 4001');
  });

  it('says nothing when the ports agree', async () => {
    const dir = makeProject(fixedPort);
    const profile = await scan(dir);
    const preview = await previewPlan(dir, profile, { ...defaultConfig(profile), port: 4001 }, 'k8s');
    expect(preview.preflight.filter((i) => i.invariant === 'port')).toEqual([]);
  });
});
