/**
 * `apply`, `status` and `destroy` as library calls: lock, preflight, the executor, and the hook that runs
 * after a successful apply (issue 12 wires `verify` in there).
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Plan, Step } from '../model/plan.js';
import type { AdapterContext, StatusCheck } from './adapter.js';
import { adapterFor } from './apply-targets.js';
import { destroySteps, type DestroyResult } from './destroy.js';
import type { Reporter } from './events.js';
import { execute, isUnfinished, unfinishedError, type AfterApplyCheck, type ApplyResult } from './executor.js';
import type { Interrupt } from './interrupt.js';
import { acquireLock } from './lock.js';
import { errnoCode, errorMessage } from './narrow.js';
import { preflight, PreflightError } from './preflight.js';
import { runCommand, type Runner } from './runner.js';
import type { SecretInput } from './secrets.js';
import { lockPath, readState, type ApplyState } from './state.js';

export { APPLY_TARGETS, UnsupportedTargetError } from './apply-targets.js';
export type { ApplyEvent, Reporter } from './events.js';
export type { AfterApplyCheck, ApplyResult } from './executor.js';
export { Interrupt } from './interrupt.js';
export { envSecretInput, type SecretInput } from './secrets.js';
export { readState } from './state.js';

/** Runs after a successful apply (not after an unchanged one). Return ok: false to make apply exit 1. */
export type PostApplyHook = (ctx: { target: string; projectDir: string; plan: Plan; state: ApplyState; healthUrl: string | null }) => Promise<{ ok: boolean; message: string } | void>;

/** Hooks every CLI apply runs, in order (issue 12: `verify` of the deployed URL goes here). */
export const postApplyHooks: PostApplyHook[] = [];

export interface TargetContext {
  projectDir: string;
  plan: Plan;
  config: DeployConfig;
  /** phoenix-ops.yaml `app`: the deployment name. */
  app: string;
  /** Files the project keeps as its own, as `generate` decided (previewPlan's keptFiles): the plan is rendered for them. */
  keptFiles?: ReadonlySet<string>;
  env?: NodeJS.ProcessEnv;
  runner?: Runner;
}

export interface ApplyOptions extends TargetContext {
  reporter: Reporter;
  input: SecretInput;
  resume?: boolean;
  keepOnFailure?: boolean;
  forceUnlock?: boolean;
  interrupt?: Interrupt;
  /** Asked after preflight, before the first step (not called with --yes). */
  confirm?: (steps: Step[]) => Promise<boolean>;
  postApply?: PostApplyHook[];
  timeoutSeconds?: number;
  /** Checks the deployed app once the steps succeeded (the CLI passes `verify`), given its health URL. */
  verify?: (healthUrl: string | null) => Promise<AfterApplyCheck | null>;
  /** The deployed app's health URL, when the target cannot tell (e.g. `apply --url`). */
  url?: string;
}

export interface ApplyRun extends Omit<ApplyResult, 'state'> {
  /** The state after the run; null when the user cancelled before a first apply. */
  state: ApplyState | null;
  /** The post-apply hooks' answers. */
  checks: { ok: boolean; message: string }[];
  cancelled: boolean;
}

function adapterContext(t: TargetContext): AdapterContext {
  return { projectDir: t.projectDir, plan: t.plan, config: t.config, app: t.app, keptFiles: t.keptFiles, env: t.env ?? process.env, runner: t.runner ?? runCommand };
}

export async function applyTarget(o: ApplyOptions): Promise<ApplyRun> {
  const target = o.plan.target;
  const adapter = adapterFor(target);
  const lock = await acquireLock(lockPath(o.projectDir, target), 'apply', { forceUnlock: o.forceUnlock });
  try {
    const ctx = adapterContext(o);
    const previous = await readState(o.projectDir, target);
    if (isUnfinished(previous) && !o.resume) throw unfinishedError(previous);
    const pre = await preflight(adapter, ctx);
    for (const p of pre.passed) o.reporter.event({ type: 'preflight', check: p, ok: true, message: p });
    for (const w of pre.warnings) o.reporter.event({ type: 'preflight', check: w, ok: true, message: w });
    for (const p of pre.problems) o.reporter.event({ type: 'preflight', check: p, ok: false, message: p });
    if (!pre.ok) throw new PreflightError(pre.problems);
    ctx.env = { ...ctx.env, ...pre.env };
    if (o.confirm && !(await o.confirm(o.plan.steps))) {
      const state = await readState(o.projectDir, target);
      return { outcome: 'unchanged', state, failedStep: null, error: null, rollbackFailures: [], checks: [], cancelled: true };
    }
    const verify = o.verify;
    const result = await execute({
      projectDir: o.projectDir,
      target,
      app: o.app,
      steps: o.plan.steps,
      secrets: o.plan.secrets,
      env: ctx.env,
      runner: ctx.runner,
      reporter: o.reporter,
      input: o.input,
      resume: o.resume,
      keepOnFailure: o.keepOnFailure,
      interrupt: o.interrupt,
      timeoutSeconds: o.timeoutSeconds,
      ...(verify ? { check: async () => verify(o.url ?? (await healthUrlOf(target, ctx, []))) } : {}),
    });
    const checks: { ok: boolean; message: string }[] = [];
    if (result.outcome === 'applied') {
      const healthUrl = o.url ?? (await healthUrlOf(target, ctx, []));
      for (const hook of o.postApply ?? []) {
        const r = await hook({ target, projectDir: o.projectDir, plan: o.plan, state: result.state, healthUrl });
        if (r) checks.push(r);
      }
    }
    return { ...result, checks, cancelled: false };
  } finally {
    await lock.release();
  }
}

async function healthUrlOf(target: string, ctx: AdapterContext, live: StatusCheck[]): Promise<string | null> {
  const adapter = adapterFor(target);
  const fromConfig = adapter.healthUrl(ctx, live);
  if (fromConfig || !adapter.serviceUrl) return fromConfig;
  const url = await adapter.serviceUrl(ctx);
  return url ? `${url.replace(/\/$/, '')}${ctx.config.health.path}` : null;
}

export interface StatusReport {
  target: string;
  /** What the state file says (null: never applied). */
  state: ApplyState | null;
  live: StatusCheck[];
  health: { url: string; ok: boolean; detail: string } | null;
  ok: boolean;
}

/** The state file plus live checks against the provider and the app's health URL. */
export async function statusOf(t: TargetContext & { healthUrl?: string | null; fetchTimeoutMs?: number }): Promise<StatusReport> {
  const target = t.plan.target;
  const adapter = adapterFor(target);
  const ctx = adapterContext(t);
  const state = await readState(t.projectDir, target);
  const live = state ? await adapter.status(ctx) : [];
  let health: StatusReport['health'] = null;
  const url = t.healthUrl ?? (state ? await healthUrlOf(target, ctx, live) : null);
  if (url && state) health = await checkHealth(url, t.fetchTimeoutMs ?? 10_000);
  const ok = !!state && state.status === 'applied' && live.every((c) => c.ok) && (health?.ok ?? true);
  return { target, state, live, health, ok };
}

export async function checkHealth(url: string, timeoutMs: number): Promise<{ url: string; ok: boolean; detail: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual', headers: { 'user-agent': 'phoenix-ops status' } });
    await res.body?.cancel();
    return { url, ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const cause = err instanceof Error ? errnoCode(err.cause) : undefined;
    return { url, ok: false, detail: timedOut ? `no answer within ${timeoutMs / 1000}s` : (cause ?? errorMessage(err)) };
  }
}

export interface DestroyOptions extends TargetContext {
  reporter: Reporter;
  includeData?: boolean;
  forceUnlock?: boolean;
  /** Asked before anything is removed (not called with --yes). */
  confirm?: (state: ApplyState) => Promise<boolean>;
}

export async function destroyTarget(o: DestroyOptions): Promise<DestroyResult & { cancelled: boolean }> {
  const target = o.plan.target;
  adapterFor(target);
  const lock = await acquireLock(lockPath(o.projectDir, target), 'destroy', { forceUnlock: o.forceUnlock });
  try {
    const state = await readState(o.projectDir, target);
    if (!state) return { outcome: 'nothing', removed: [], kept: [], failed: null, error: null, state: null, cancelled: false };
    if (o.confirm && !(await o.confirm(state))) return { outcome: 'nothing', removed: [], kept: [], failed: null, error: null, state, cancelled: true };
    const ctx = adapterContext(o);
    return { ...(await destroySteps({ projectDir: o.projectDir, state, steps: o.plan.steps, includeData: !!o.includeData, env: ctx.env, runner: ctx.runner, reporter: o.reporter })), cancelled: false };
  } finally {
    await lock.release();
  }
}
