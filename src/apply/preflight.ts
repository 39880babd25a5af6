/**
 * Checks before the first step: the CLIs are there (minimum version) and logged in, phoenix-ops.yaml has
 * no placeholder left that the steps use, the generated files are present and unchanged since `generate`,
 * and the steps carry no secret in argv. Every problem is one line saying what to run.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, sha256 } from '../plan/manifest.js';
import { planPatches } from '../plan/writer.js';
import type { Plan } from '../model/plan.js';
import { compareVersions, type Adapter, type AdapterContext } from './adapter.js';
import { placeholderRefs } from './placeholders.js';

export interface PreflightResult {
  ok: boolean;
  /** One line each, what to run. */
  problems: string[];
  /** Worth knowing, not blocking (a patch of the plan left unapplied). */
  warnings: string[];
  passed: string[];
  /** Environment the provider CLIs get on top of apply's own (the adapter's runEnv). */
  env: Record<string, string>;
}

export class PreflightError extends Error {
  constructor(readonly problems: string[]) {
    const [only, ...more] = problems;
    super(only !== undefined && !more.length ? `preflight: ${only}` : `preflight found ${problems.length} problems (each listed above with what to run)`);
    this.name = 'PreflightError';
  }
}

/**
 * The plan's files that are not on disk as the plan has them. A file the project keeps as its own (never written by
 * phoenix-ops: its Dockerfile, rel/env.sh.eex) is no problem when the plan was rendered for it (`keptFiles`, as
 * `generate` and `plan` decide them): apply uses it, as generate said, and `passed` says so.
 */
export async function generatedFilesProblems(projectDir: string, plan: Plan, keptFiles: ReadonlySet<string> = new Set(), passed: string[] = []): Promise<string[]> {
  const manifest = await readManifest(projectDir);
  const regenerate = `phoenix-ops generate --target ${plan.target}`;
  const out: string[] = [];
  for (const f of plan.files) {
    let disk: Buffer;
    try {
      disk = await readFile(join(projectDir, f.path));
    } catch {
      out.push(`${f.path} is missing: run ${regenerate}`);
      continue;
    }
    const hash = sha256(disk);
    const entry = manifest.files[f.path];
    if (hash === sha256(f.content)) continue;
    if (!entry && keptFiles.has(f.path)) passed.push(`${f.path}: the project's own, kept (apply uses it)`);
    else if (!entry) out.push(`${f.path} was not written by phoenix-ops: run ${regenerate} --force (or move your file away)`);
    else if (entry.sha256 !== hash) out.push(`${f.path} was edited since generate: run ${regenerate} --force to restore it, or put your change in phoenix-ops.yaml`);
    else out.push(`${f.path} is out of date (the project or phoenix-ops.yaml changed since generate): run ${regenerate}`);
  }
  return out;
}

export function secretInArgvProblems(plan: Plan): string[] {
  const out: string[] = [];
  for (const s of plan.steps) {
    for (const argv of [s.command, s.rollback ?? [], s.undo ?? [], s.probe?.command ?? []]) {
      for (const ref of argv.flatMap((a) => placeholderRefs(a))) {
        if (ref.kind !== 'output' && ref.kind !== 'build') out.push(`step ${s.id} puts ${ref.token} on its command line; secrets go through stdin (a bug in the ${plan.target} target)`);
      }
    }
  }
  return out;
}

export async function preflight(adapter: Adapter, ctx: AdapterContext): Promise<PreflightResult> {
  const problems: string[] = [];
  const passed: string[] = [];
  const toolsOk = new Set<string>();
  for (const t of adapter.tools(ctx)) {
    const r = await ctx.runner({ argv: [t.bin, ...t.version], cwd: ctx.projectDir, env: ctx.env, timeoutMs: 30_000 });
    if (r.spawnError) {
      problems.push(`${t.bin} is not installed (or not on PATH): ${t.install}`);
      continue;
    }
    // Parsed whatever the exit code: `docker version` prints the client's JSON and exits 1 when the engine is down
    // (docker/cli cli/command/system/version.go:219-229); the engine check then says what is wrong.
    const v = t.parse(r.stdout, r.stderr);
    if (v === null) {
      problems.push(`could not read the version of ${t.bin} (${[t.bin, ...t.version].join(' ')} failed): ${t.install}`);
      continue;
    }
    if (compareVersions(v, t.min) < 0) {
      problems.push(`${t.bin} ${v} is older than ${t.min}: ${t.install}`);
      continue;
    }
    toolsOk.add(t.bin);
    passed.push(`${t.bin} ${v}`);
  }
  problems.push(...(await authProblems(adapter, ctx, toolsOk, passed)));
  const run = adapter.runEnv && !problems.length ? await adapter.runEnv(ctx) : { env: {}, problems: [], passed: [] };
  passed.push(...run.passed);
  problems.push(...run.problems);
  problems.push(...(await adapter.settings(ctx)));
  problems.push(...(await generatedFilesProblems(ctx.projectDir, ctx.plan, ctx.keptFiles, passed)));
  problems.push(...secretInArgvProblems(ctx.plan));
  const warnings = (await planPatches(ctx.projectDir, ctx.plan.patches))
    .filter((p) => p.status === 'applies')
    .map((p) => `warning: the patch "${p.description}" to ${p.file} is not applied (the deploy may depend on it): run phoenix-ops generate --target ${ctx.plan.target} --apply-patches, or apply it yourself`);
  return { ok: problems.length === 0, problems, warnings, passed, env: run.env };
}

async function authProblems(adapter: Adapter, ctx: AdapterContext, toolsOk: ReadonlySet<string>, passed: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const a of adapter.auth(ctx)) {
    const [bin] = a.argv;
    if (bin === undefined || !toolsOk.has(bin)) continue;
    const r = await ctx.runner({ argv: a.argv, cwd: ctx.projectDir, env: ctx.env, timeoutMs: 30_000 });
    if (r.code === 0 && a.ok(r.stdout)) passed.push(a.what);
    else problems.push(`${a.what}: no — ${a.fix}${a.why ? why(a.why(r.stdout, r.stderr)) : ''}`);
  }
  return problems;
}

const why = (text: string | null): string => (text ? ` (${text})` : '');
