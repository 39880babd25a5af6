/**
 * The step executor, as four phases over one run context (./run/):
 *
 * 1. run (run-phase.ts): each step in order — skipped when an earlier run did it with the same
 *    fingerprint, recorded as pre-existing when its probe finds the thing, otherwise run (placeholders
 *    resolved, secrets only on stdin, a timeout), its outputs parsed from the CLI's JSON, the state
 *    written atomically. The first failure or interrupt stops it.
 * 2. undo (undo-phase.ts): after a failure, this run's steps undone in reverse order — `rollback` for what
 *    it created, `undo` for what it updated — never what existed before, unless keepOnFailure. After an
 *    interrupt (Ctrl-C lets the running step finish; the second stops it), only a step stopped half-way.
 * 3. verify (verify-phase.ts): after success, the after-apply check; a failed one may bring the previous
 *    release back.
 * 4. finish (finish-phase.ts): the state saved, the last event, the result.
 */
import type { ApplyState } from './state.js';
import { readState, StateError } from './state.js';
import { createRunContext } from './run/context.js';
import { finishPhase } from './run/finish-phase.js';
import { runPhase } from './run/run-phase.js';
import type { ApplyResult, ExecuteOptions } from './run/types.js';
import { undoFailedRun, undoInterruptedRun } from './run/undo-phase.js';
import { verifyPhase } from './run/verify-phase.js';

export type { AfterApplyCheck, ApplyOutcome, ApplyResult, ExecuteOptions } from './run/types.js';

/** A plain apply after one that stopped half-way (kept failure, Ctrl-C): the user must choose --resume or destroy. */
export function unfinishedError(previous: ApplyState): StateError {
  return new StateError(
    `the last apply of ${previous.target} stopped at ${previous.stoppedAt ?? 'a step'} (${previous.status}) and kept what it did: run apply --resume to continue from there, or destroy to remove it`,
  );
}

export function isUnfinished(state: ApplyState | null): state is ApplyState {
  return !!state && (state.status === 'failed' || state.status === 'interrupted' || state.status === 'running');
}

export async function execute(opts: ExecuteOptions): Promise<ApplyResult> {
  const started = Date.now();
  const previous = await readState(opts.projectDir, opts.target);
  const unfinished = isUnfinished(previous);
  if (unfinished && !opts.resume) throw unfinishedError(previous);
  const ctx = createRunContext(opts, previous, !!opts.resume && unfinished, started);
  const run = await runPhase(ctx);
  const verdict = run.failed
    ? await undoFailedRun(ctx, run, run.failed.step.id, !!opts.keepOnFailure)
    : run.interrupted
      ? await undoInterruptedRun(ctx, run)
      : await verifyPhase(ctx, run, opts.check, !!opts.keepOnFailure);
  return finishPhase(ctx, run, verdict);
}
