/**
 * The verify phase, after every step succeeded: the run is applied; when something changed, the
 * after-apply check (apply's `verify`) runs. A failed check that the previous release does not have
 * (`rollback`) undoes this run's updates — the previous release comes back — unless keepOnFailure; what
 * this run created stays: a first deploy has nothing to go back to.
 */
import type { RunContext } from './context.js';
import { undoPhase } from './undo-phase.js';
import type { AfterApplyCheck, RunRecord, Verdict } from './types.js';

export async function verifyPhase(ctx: RunContext, run: RunRecord, check: (() => Promise<AfterApplyCheck | null>) | undefined, keepOnFailure: boolean): Promise<Verdict> {
  ctx.state.status = 'applied';
  ctx.state.stoppedAt = null;
  const applied: Verdict = run.changed
    ? { outcome: 'applied', message: `applied ${ctx.target}`, rollbackFailures: [] }
    : { outcome: 'unchanged', message: `${ctx.target} is up to date; nothing changed`, rollbackFailures: [] };
  if (!run.changed || !check) return applied;
  const checked = await check();
  if (!checked) return applied;
  ctx.emit({ type: 'verified', ok: checked.ok, message: checked.message });
  if (checked.ok) return { ...applied, check: checked };
  const updates = run.ran.filter((r) => r.how === 'updated' && r.step.undo);
  if (checked.rollback && !keepOnFailure && updates.length) {
    const failures = await undoPhase(ctx, updates);
    return {
      outcome: failures.length ? 'failed' : 'rolled-back',
      message: failures.length
        ? `the deployment failed its checks (${checked.message}) and going back to the previous release failed too (${failures.join(', ')})`
        : `the deployment failed its checks (${checked.message}); the previous release is back`,
      rollbackFailures: failures,
      check: checked,
    };
  }
  return {
    outcome: 'failed',
    message: `applied ${ctx.target}, but the deployment failed its checks: ${checked.message}${checked.rollback && !updates.length ? ' (a first deploy: there is no previous release to go back to)' : ''}`,
    rollbackFailures: [],
    check: checked,
  };
}
