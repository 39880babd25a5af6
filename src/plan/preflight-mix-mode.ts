/**
 * Preflight `release` check for apps the project runs under Mix (`runtime.deployMode: "mix"`): with
 * `mix phx.server`, config/config.exs and the prod.exs it imports are evaluated when the app boots, so
 * their `System.get_env` reads see the deployment's environment. Every plan phoenix-ops writes builds a
 * release instead, and a release evaluates those files when it is built: the reads are baked in (nil or
 * their default) and what the target sets at run time is never read. Such a plan is not silent about
 * it: a warning names each read that would be baked and the fix (read them in config/runtime.exs, which
 * a release evaluates at boot).
 */
import type { Plan } from '../model/plan.js';
import type { EnvRead, Profile } from '../scan/profile.js';

export interface MixModeIssue {
  invariant: 'release';
  severity: 'warning';
  file: string | null;
  message: string;
  fix: string;
}

/** How many variable names the message lists before "and N more". */
const LISTED = 10;

export function mixModeIssues(profile: Profile, plan: Plan): MixModeIssue[] {
  if (profile.runtime?.deployMode !== 'mix' || !buildsRelease(plan)) return [];
  const baked = bakedReads(profile);
  if (baked.length === 0) return [];
  const names = [...new Set(baked.map((r) => r.name))];
  const listed = names.slice(0, LISTED).join(', ') + (names.length > LISTED ? ` and ${names.length - LISTED} more` : '');
  const files = [...new Set(baked.map((r) => r.file))];
  const where = files.map((f) => `${f}:${lineRange(baked.filter((r) => r.file === f))}`).join(', ');
  const how = profile.facts.reasons['runtime.deployMode'];
  return [
    {
      invariant: 'release',
      severity: 'warning',
      file: files[0] ?? null,
      message:
        `the project runs under Mix${how ? ` (${how})` : ''}, where ${files.join(' and ')} ${files.length > 1 ? 'are' : 'is'} read at boot; ` +
        `the ${plan.target} plan builds a release, which reads ${files.length > 1 ? 'them' : 'it'} when the image is built: ${listed} (${where}) ` +
        `would be baked in at build time, and the values the target sets at run time never read`,
      fix: `move those System.get_env reads into config/runtime.exs (inside \`if config_env() == :prod do … end\`), which a release evaluates at boot, then regenerate; or keep deploying with mix phx.server`,
    },
  ];
}

/** The plan builds a release: it writes the overlay script that starts one. */
function buildsRelease(plan: Plan): boolean {
  return plan.files.some((f) => /(^|\/)rel\/overlays\/bin\/server$/.test(f.path));
}

/**
 * Env reads of the build-time config that apply in prod (config.exs for every env, prod.exs) and that the
 * runtime config does not read again (a runtime read overrides the baked value): in file, then line order.
 */
function bakedReads(profile: Profile): EnvRead[] {
  const reads = profile.facts.envReads;
  const atRuntime = new Set(reads.filter((r) => r.runtime && r.envs.includes('prod')).map((r) => r.name));
  const baked = reads.filter((r) => !r.runtime && !r.dynamic && r.envs.includes('prod') && !atRuntime.has(r.name));
  // prod.exs (the file the Mix deployment was written around) first, then config.exs and other imports.
  const rank = (f: string) => (/(^|\/)prod\.exs$/.test(f) ? 0 : 1);
  return baked.sort((a, b) => rank(a.file) - rank(b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.evidence.line - b.evidence.line));
}

function lineRange(reads: readonly EnvRead[]): string {
  const lines = reads.map((r) => r.evidence.line);
  const lo = Math.min(...lines);
  const hi = Math.max(...lines);
  return lo === hi ? `${lo}` : `${lo}-${hi}`;
}
