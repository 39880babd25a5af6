/**
 * Preflight checks about how the release boots on the target, beside the invariants of preflight.ts:
 *
 * - `env`: a kept `rel/env.sh.eex` written for Fly only (it builds RELEASE_NODE and friends from FLY_*
 *   variables with no fallback) on another target, where those variables do not exist, unless the patch
 *   that guards its Fly part (env-sh-portable.ts) is applied;
 * - `port`: `port:` in phoenix-ops.yaml that the app ignores because its prod config hardcodes another;
 * - `release`: a release built for an app the project runs under Mix bakes its prod.exs env reads (preflight-mix-mode.ts).
 */
import { listenPort } from '../facts/listen-port.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { Plan } from '../model/plan.js';
import type { Profile } from '../scan/profile.js';
import { ENV_SH_PATCH_ID, keptFlyOnlyEnvSh } from './env-sh-portable.js';
import { unguardedFlyReads } from '../facts/env-sh-shell.js';
import { isTargetId } from '../model/ids.js';
import { targets } from '../targets/index.js';
import { mixModeIssues } from './preflight-mix-mode.js';

/** A preflight issue (preflight.ts's PreflightIssue, which calls this module). */
export interface BootIssue {
  invariant: 'env' | 'port' | 'release';
  severity: 'error' | 'warning';
  file: string | null;
  message: string;
  fix: string;
}

export interface BootInput {
  profile: Profile;
  plan: Plan;
  keptFiles?: ReadonlySet<string>;
  config?: DeployConfig;
  /** Patch ids that will be applied: the env.sh.eex patch's text is then the one the release runs. */
  acceptedPatches?: ReadonlySet<string>;
}

export function bootIssues(input: BootInput): BootIssue[] {
  return [...flyOnlyEnvShIssues(input), ...portOverrideIssues(input), ...mixModeIssues(input.profile, input.plan)];
}

/**
 * The release keeps the project's own env.sh.eex (the plan's is not written over it) on a target that is
 * not Fly. With the patch that guards its Fly part accepted, the patched text is judged instead.
 */
function flyOnlyEnvShIssues({ profile, plan, keptFiles, acceptedPatches }: BootInput): BootIssue[] {
  const tpl = keptFlyOnlyEnvSh(profile, plan.target, plan.files, keptFiles);
  if (!tpl) return [];
  const patch = plan.patches.find((p) => p.id === ENV_SH_PATCH_ID);
  const text = patch && acceptedPatches?.has(patch.id) ? patch.after : tpl.text;
  const uses = unguardedFlyReads(text);
  if (uses.length === 0) return [];
  const first = uses[0]!;
  const byPatch = patch ? `rerun with --apply-patches to guard the Fly part (the ${patch.id} patch that \`plan\` shows), or by hand: ` : '';
  if (isTargetId(plan.target) && targets[plan.target].guardsFlyEnvShInBuild) {
    return [
      {
        invariant: 'env',
        severity: 'warning',
        file: tpl.file,
        message: `${tpl.file}:${first.line} sets ${first.sets} from ${first.reads.join(', ')}, which only Fly.io provides: the ${plan.target} build skips the file's Fly part in the release it builds, so whatever else the file sets does not apply on ${plan.target} either`,
        fix: `${byPatch}guard the Fly part with \`if [ -n "\${FLY_APP_NAME:-}" ]; then … fi\` so the rest of the file applies everywhere`,
      },
    ];
  }
  return [
    {
      invariant: 'env',
      severity: 'error',
      file: tpl.file,
      message: `${tpl.file}:${first.line} sets ${first.sets} from ${first.reads.join(', ')}, which only Fly.io provides: on ${plan.target} the release starts with a broken node name (and whatever else the file derives from them)`,
      fix: `${byPatch}guard the Fly part with \`if [ -n "\${FLY_APP_NAME:-}" ]; then … fi\` and give other platforms a fallback (e.g. \`export RELEASE_NODE="\${RELEASE_NODE:-<app>@$(hostname -i)}"\`), or remove ${tpl.file} so phoenix-ops writes one that works on every target`,
    },
  ];
}

/** `port:` set in phoenix-ops.yaml to a port the app never listens on: its prod config fixes another. */
function portOverrideIssues({ profile, config, plan }: BootInput): BootIssue[] {
  if (!config || plan.target === 'github-actions') return [];
  const listen = listenPort(profile);
  if (listen.kind !== 'fixed' || config.port === listen.port) return [];
  return [
    {
      invariant: 'port',
      severity: 'warning',
      file: null,
      message: `port: ${config.port} in phoenix-ops.yaml is not the port the app listens on: its prod config hardcodes ${listen.port}, so the target routes to ${listen.port} and ${config.port} is ignored`,
      fix: `set port: ${listen.port} in phoenix-ops.yaml, or read the port from the environment in config/runtime.exs (\`port: String.to_integer(System.get_env("PORT") || "${listen.port}")\`) to choose it per target`,
    },
  ];
}
