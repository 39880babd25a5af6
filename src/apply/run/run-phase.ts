/**
 * The run phase: the plan's steps in order. A step is skipped when an earlier run did it with the same
 * fingerprint (a second apply changes nothing; --resume goes on where it stopped), recorded as
 * pre-existing when its probe finds the thing (steps that ship code, `rerun: 'on-change'`, still run, as
 * an update), and otherwise run, its outputs read and the state saved. The first failure or interrupt
 * stops the phase; what ran is returned for the undo phase.
 */
import type { Step } from '../../model/plan.js';
import { stepFingerprint } from '../fingerprint.js';
import type { StepState, StepStatus } from '../state.js';
import type { RunContext } from './context.js';
import { Interrupted, StepFailure, type RanStep, type RunRecord } from './types.js';

type FinishedStatus = 'done' | 'pre-existing' | 'unchanged';

/** Where a step stands in the run, for its events. */
interface Position {
  index: number;
  total: number;
  fingerprint: string;
  t0: number;
}

type StepEnd = { end: 'next' } | { end: 'failed'; error: StepFailure } | { end: 'interrupted' };

const NEXT: StepEnd = { end: 'next' };
const DONE_BEFORE: ReadonlySet<StepStatus> = new Set(['done', 'unchanged', 'pre-existing']);

/** Why a step need not run: done before with the same fingerprint, in an applied run or the one being resumed. */
export function skipAs(prev: StepState | undefined, fingerprint: string, resuming: boolean, previousApplied: boolean): { status: FinishedStatus; note?: string } | null {
  if (!prev || !DONE_BEFORE.has(prev.status) || prev.fingerprint !== fingerprint) return null;
  const status = prev.status === 'pre-existing' ? 'pre-existing' : 'unchanged';
  if (resuming) return { status, note: 'done in the interrupted run' };
  return previousApplied ? { status } : null;
}

/** Who made the step's thing, now that its command succeeded; the record tells the undo phase what to run. */
export function recordOrigin(st: StepState, step: Step, existed: boolean, runId: string): RanStep {
  const ours = st.origin === 'created';
  if (existed) {
    if (!ours) st.origin = 'pre-existing';
    st.updatedBy = runId;
    return { step, st, how: 'updated' };
  }
  if (!ours) {
    st.origin = 'created';
    st.createdBy = runId;
    return { step, st, how: 'created' };
  }
  // Ours from an earlier run and not found by a probe (or there is none): this run re-made it.
  if (step.probe) st.createdBy = runId;
  return { step, st, how: step.probe ? 'created' : 'updated' };
}

export async function runPhase(ctx: RunContext): Promise<RunRecord> {
  const record: RunRecord = { ran: [], failed: null, interrupted: false, changed: false };
  const total = ctx.steps.length;
  ctx.emit({ type: 'run-started', command: 'apply', target: ctx.target, steps: total, resume: ctx.resuming });
  await ctx.save();
  const sha = await ctx.projectHash();
  for (const [i, step] of ctx.steps.entries()) {
    if (ctx.interrupt?.requested) {
      record.interrupted = true;
      ctx.state.stoppedAt = step.id;
      break;
    }
    const end = await runStep(ctx, step, { index: i + 1, total, fingerprint: stepFingerprint(step, sha), t0: Date.now() }, record);
    if (end.end === 'failed') record.failed = { step, error: end.error };
    if (end.end === 'interrupted') record.interrupted = true;
    if (end.end !== 'next') break;
  }
  return record;
}

/** One step: skipped, found, or run; a failure is recorded and ends the phase. */
export async function runStep(ctx: RunContext, step: Step, at: Position, record: RunRecord): Promise<StepEnd> {
  const st = ctx.stateOf(step.id);
  const skip = skipAs(ctx.previous.get(step.id), at.fingerprint, ctx.resuming, ctx.previousStatus === 'applied');
  if (skip) {
    await finishStep(ctx, step, at, skip.status, skip.note);
    return NEXT;
  }
  ctx.emit({ type: 'step-started', step: step.id, index: at.index, total: at.total, description: step.description });
  st.status = 'running';
  st.startedAt = new Date().toISOString();
  st.fingerprint = at.fingerprint;
  st.error = null;
  await ctx.save();
  try {
    await attempt(ctx, step, at, record);
    return NEXT;
  } catch (err) {
    return stepStopped(ctx, step, at, err);
  }
}

async function attempt(ctx: RunContext, step: Step, at: Position, record: RunRecord): Promise<void> {
  const st = ctx.stateOf(step.id);
  const c = ctx.commands;
  const exists = await c.probe(step);
  if (exists && !step.rerun) {
    const ours = st.origin === 'created';
    if (!ours) st.origin = 'pre-existing';
    await c.readOutputs(step, null).catch((err: unknown) => {
      if (!(err instanceof StepFailure) || step.outputs?.command) throw err;
    });
    await finishStep(ctx, step, at, ours ? 'unchanged' : 'pre-existing', ours ? 'exists (created by an earlier apply)' : 'exists already; left as it is');
    return;
  }
  const argv = await c.argv(step.command);
  await c.noteImageTag(step);
  const r = await c.run(step, argv, { stdin: await c.stdin(step), abortable: true });
  if (r.code !== 0 || r.spawnError) {
    // A command stopped by the second Ctrl-C may have done part of its work: undo it like a created step.
    if (r.aborted && !exists && step.rollback) record.ran.push({ step, st, how: 'created' });
    if (r.aborted) throw new Interrupted();
    throw c.failure(argv, r);
  }
  record.changed = true;
  record.ran.push(recordOrigin(st, step, exists, ctx.state.runId));
  await c.readOutputs(step, r.stdout);
  await finishStep(ctx, step, at, 'done');
}

async function finishStep(ctx: RunContext, step: Step, at: Position, status: FinishedStatus, note?: string): Promise<void> {
  const st = ctx.stateOf(step.id);
  st.status = status;
  st.finishedAt = new Date().toISOString();
  st.elapsedMs = Date.now() - at.t0;
  await ctx.save();
  ctx.emit({ type: 'step-finished', step: step.id, index: at.index, total: at.total, description: step.description, status, elapsedMs: st.elapsedMs, ...(note ? { note } : {}) });
}

/** The step failed or was stopped by the second Ctrl-C: record it and end the phase. */
async function stepStopped(ctx: RunContext, step: Step, at: Position, err: unknown): Promise<StepEnd> {
  const st = ctx.stateOf(step.id);
  st.finishedAt = new Date().toISOString();
  st.elapsedMs = Date.now() - at.t0;
  st.status = 'failed';
  ctx.state.stoppedAt = step.id;
  if (err instanceof Interrupted) {
    st.error = 'interrupted';
    await ctx.save();
    ctx.emit({ type: 'interrupted', step: step.id, message: `stopped ${step.id}` });
    return { end: 'interrupted' };
  }
  const failure = ctx.commands.asFailure(err);
  st.error = failure.message;
  await ctx.save();
  ctx.emit({ type: 'step-failed', step: step.id, index: at.index, total: at.total, description: step.description, elapsedMs: st.elapsedMs, error: failure.message, stderr: failure.stderr });
  return { end: 'failed', error: failure };
}
