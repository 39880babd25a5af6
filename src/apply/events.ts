/** What apply, destroy and status report while they work: one event per change, rendered by a reporter. */
export type ApplyEvent =
  | { type: 'run-started'; command: 'apply' | 'destroy'; target: string; steps: number; resume: boolean }
  | { type: 'preflight'; check: string; ok: boolean; message: string }
  | { type: 'step-started'; step: string; index: number; total: number; description: string }
  | { type: 'step-finished'; step: string; index: number; total: number; description: string; status: 'done' | 'pre-existing' | 'unchanged' | 'kept' | 'destroyed' | 'nothing-to-remove'; elapsedMs: number; note?: string }
  | { type: 'step-failed'; step: string; index: number; total: number; description: string; elapsedMs: number; error: string; stderr: string }
  | { type: 'rollback-started'; steps: number }
  | { type: 'step-rolled-back'; step: string; description: string; elapsedMs: number; how: 'rollback' | 'undo' }
  | { type: 'rollback-failed'; step: string; description: string; error: string; stderr: string }
  | { type: 'interrupted'; step: string | null; message: string }
  /** The check apply ends with (`verify` of the deployed app). */
  | { type: 'verified'; ok: boolean; message: string }
  | { type: 'run-finished'; command: 'apply' | 'destroy'; status: string; elapsedMs: number; message: string };

export interface Reporter {
  event(e: ApplyEvent): void;
  /** Stop drawing (a prompt is about to ask something). */
  pause?(): void;
  resume?(): void;
}

export const silentReporter: Reporter = { event() {} };
