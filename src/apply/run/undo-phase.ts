/**
 * The undo phase: the steps of this run undone in reverse order — `rollback` for what the run created,
 * `undo` for what it updated — never touching what existed before. It runs after a failed step (unless
 * the user keeps what ran), for the step a second Ctrl-C stopped half-way, and (from the verify phase)
 * when the new release fails its checks.
 */
import type { RunContext } from './context.js';
import type { RanStep, RunRecord, Verdict } from './types.js';

/** The command that undoes a ran step, if it has one. */
export function undoCommand(r: RanStep): string[] | undefined {
  return r.how === 'created' ? r.step.rollback : r.step.undo;
}

/** Undoes `ran` (last first); returns the ids of the steps whose undo failed. */
export async function undoPhase(ctx: RunContext, ran: readonly RanStep[]): Promise<string[]> {
  const todo = ran.flatMap((r) => {
    const argv = undoCommand(r);
    return argv ? [{ r, argv }] : [];
  });
  if (!todo.length) return [];
  ctx.emit({ type: 'rollback-started', steps: todo.length });
  const failures: string[] = [];
  for (const { r, argv } of todo.reverse()) if (!(await undoStep(ctx, r, argv))) failures.push(r.step.id);
  return failures;
}

async function undoStep(ctx: RunContext, r: RanStep, template: string[]): Promise<boolean> {
  const t0 = Date.now();
  const c = ctx.commands;
  try {
    const argv = await c.argv(template);
    const res = await c.run(r.step, argv);
    if (res.code !== 0 || res.spawnError) throw c.failure(argv, res);
    r.st.status = 'rolled-back';
    if (r.how === 'created') {
      r.st.origin = null;
      r.st.createdBy = null;
      r.st.outputs = {};
    }
    r.st.updatedBy = null;
    await ctx.save();
    ctx.emit({ type: 'step-rolled-back', step: r.step.id, description: r.step.description, elapsedMs: Date.now() - t0, how: r.how === 'created' ? 'rollback' : 'undo' });
    return true;
  } catch (err) {
    const f = c.asFailure(err, String(err));
    r.st.status = 'rollback-failed';
    r.st.error = f.message;
    await ctx.save();
    ctx.emit({ type: 'rollback-failed', step: r.step.id, description: r.step.description, error: f.message, stderr: f.stderr });
    return false;
  }
}

/** After a failed step: undo this run (or keep it, --keep-on-failure, for --resume). */
export async function undoFailedRun(ctx: RunContext, run: RunRecord, failedStep: string, keepOnFailure: boolean): Promise<Verdict> {
  if (keepOnFailure) {
    ctx.state.status = 'failed';
    return { outcome: 'failed', message: `step ${failedStep} failed; what ran is kept (--keep-on-failure): fix the cause, then run apply --resume`, rollbackFailures: [] };
  }
  const failures = await undoPhase(ctx, run.ran);
  ctx.state.status = failures.length ? 'failed' : 'rolled-back';
  return {
    outcome: failures.length ? 'failed' : 'rolled-back',
    message: failures.length
      ? `step ${failedStep} failed and the rollback of ${failures.join(', ')} failed too: check them by hand (phoenix-ops status), then apply again`
      : `step ${failedStep} failed; this run's changes were rolled back`,
    rollbackFailures: failures,
  };
}

/**
 * After an interrupt: what finished stays (apply --resume continues); a step the second Ctrl-C stopped
 * half-way is undone, if its probe says it got as far as making something.
 */
export async function undoInterruptedRun(ctx: RunContext, run: RunRecord): Promise<Verdict> {
  const stopped = ctx.state.stoppedAt ? ctx.stateOf(ctx.state.stoppedAt) : null;
  const last = run.ran.at(-1);
  let failures: string[] = [];
  if (stopped?.status === 'failed' && last?.step.id === stopped.id) {
    const made = last.step.probe ? await ctx.commands.probe(last.step).catch(() => true) : true;
    if (made) failures = await undoPhase(ctx, [last]);
  }
  ctx.state.status = 'interrupted';
  return {
    outcome: 'interrupted',
    message: `interrupted${ctx.state.stoppedAt ? ` before finishing ${ctx.state.stoppedAt}` : ''}; state saved: run apply --resume to continue`,
    rollbackFailures: failures,
  };
}
