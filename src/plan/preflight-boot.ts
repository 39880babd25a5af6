/**
 * Preflight checks about how the release boots on the target, beside the invariants of preflight.ts:
 *
 * - `env`: a kept `rel/env.sh.eex` written for Fly only (it builds RELEASE_NODE and friends from FLY_*
 *   variables with no fallback) on another target, where those variables do not exist;
 * - `port`: `port:` in phoenix-ops.yaml that the app ignores because its prod config hardcodes another;
 * - `release`: a release built for an app the project runs under Mix bakes its prod.exs env reads (preflight-mix-mode.ts).
 */
import { listenPort } from '../facts/listen-port.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { Plan } from '../model/plan.js';
import type { Profile } from '../scan/profile.js';
import { mixModeIssues } from './preflight-mix-mode.js';

/** A preflight issue (preflight.ts's PreflightIssue, which calls this module). */
export interface BootIssue {
  invariant: 'env' | 'port' | 'release';
  severity: 'error' | 'warning';
  file: string | null;
  message: string;
  fix: string;
}

const ENV_SH = 'rel/env.sh.eex';

export interface BootInput {
  profile: Profile;
  plan: Plan;
  keptFiles?: ReadonlySet<string>;
  config?: DeployConfig;
}

export function bootIssues(input: BootInput): BootIssue[] {
  return [...flyOnlyEnvShIssues(input), ...portOverrideIssues(input), ...mixModeIssues(input.profile, input.plan)];
}

/** The release keeps the project's own env.sh.eex (the plan's is not written over it) on a target that is not Fly. */
function flyOnlyEnvShIssues({ profile, plan, keptFiles }: BootInput): BootIssue[] {
  const tpl = profile.facts?.relEnvTemplate;
  // The docker target's image may run on Fly too: only the targets that run it elsewhere are checked.
  if (!tpl || plan.target === 'fly' || plan.target === 'github-actions' || plan.target === 'docker') return [];
  const ours = plan.files.some((f) => f.path === ENV_SH) && !(keptFiles?.has(ENV_SH) ?? true);
  if (ours) return [];
  const uses = unguardedFlyReads(tpl.text);
  if (uses.length === 0) return [];
  const first = uses[0]!;
  return [
    {
      invariant: 'env',
      severity: 'error',
      file: tpl.file,
      message: `${tpl.file}:${first.line} sets ${first.sets} from ${first.reads.join(', ')}, which only Fly.io provides: on ${plan.target} the release starts with a broken node name (and whatever else the file derives from them)`,
      fix: `guard the Fly part with \`if [ -n "\${FLY_APP_NAME:-}" ]; then … fi\` and give other platforms a fallback (e.g. \`export RELEASE_NODE="\${RELEASE_NODE:-<app>@$(hostname -i)}"\`), or remove ${tpl.file} so phoenix-ops writes one that works on every target`,
    },
  ];
}

/**
 * Assignments that read FLY_* variables outside a block that tests a FLY_ variable first, and without
 * a fallback (`${FLY_APP_NAME:-x}`). Shell is read line by line: `if`/`case`/`[ … ] &&` guards that name
 * a FLY_ variable open a guarded region until the matching `fi`/`esac` (or the end of the line).
 */
export function unguardedFlyReads(text: string): { line: number; sets: string; reads: string[] }[] {
  const out: { line: number; sets: string; reads: string[] }[] = [];
  const blocks: boolean[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const opens = /^(if|case|while|until)\b/.exec(line);
    const flyTest = /\bFLY_[A-Z0-9_]*/.test(line.split(/\bthen\b|\bin\b|\bdo\b/)[0] ?? '');
    if (opens) {
      blocks.push(flyTest || blocks.includes(true));
      return;
    }
    if (/^(fi|esac|done)\b/.test(line)) {
      blocks.pop();
      return;
    }
    if (/^(elif)\b/.test(line)) {
      blocks[blocks.length - 1] = flyTest || blocks.slice(0, -1).includes(true);
      return;
    }
    if (/^else\b/.test(line)) {
      blocks[blocks.length - 1] = blocks.slice(0, -1).includes(true);
      return;
    }
    if (blocks.includes(true)) return;
    // `[ -n "$FLY_APP_NAME" ] && export …`: guarded on its own line.
    if (/^(\[\[?|test)\s[^&|]*FLY_/.test(line) && /&&/.test(line)) return;
    const assign = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!assign) return;
    const reads = [...assign[2]!.matchAll(/\$\{?(FLY_[A-Z0-9_]+)(:?[-=+?])?/g)].filter((m) => !m[2]).map((m) => m[1]!);
    if (reads.length) out.push({ line: i + 1, sets: assign[1]!, reads: [...new Set(reads)] });
  });
  return out;
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
