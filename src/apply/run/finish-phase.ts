/** The finish phase: the state saved with the run's end, the last event, and the result apply returns. */
import type { RunContext } from './context.js';
import type { ApplyResult, RunRecord, Verdict } from './types.js';

export async function finishPhase(ctx: RunContext, run: RunRecord, verdict: Verdict): Promise<ApplyResult> {
  await ctx.save();
  ctx.emit({ type: 'run-finished', command: 'apply', status: verdict.outcome, elapsedMs: Date.now() - ctx.startedMs, message: verdict.message });
  const failedCheck = verdict.check && !verdict.check.ok ? verdict.check.message : null;
  return {
    outcome: verdict.outcome,
    state: ctx.state,
    failedStep: run.failed?.step.id ?? (run.interrupted ? ctx.state.stoppedAt : null),
    error: run.failed?.error.message ?? failedCheck,
    rollbackFailures: verdict.rollbackFailures,
    ...(verdict.check ? { check: verdict.check } : {}),
  };
}
