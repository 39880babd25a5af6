/** What a run of the step runner takes and gives back, and the two ways a step stops early. */
import type { SecretSpec, Step } from '../../model/plan.js';
import type { Reporter } from '../events.js';
import type { Interrupt } from '../interrupt.js';
import type { Runner } from '../runner.js';
import type { SecretInput } from '../secrets.js';
import type { ApplyState, StepState } from '../state.js';

export const DEFAULT_TIMEOUT_SECONDS = 600;

export interface ExecuteOptions {
  projectDir: string;
  target: string;
  app: string;
  steps: Step[];
  secrets: SecretSpec[];
  /** Environment of the provider CLIs (default: this process's). */
  env?: NodeJS.ProcessEnv;
  runner?: Runner;
  reporter: Reporter;
  input: SecretInput;
  resume?: boolean;
  keepOnFailure?: boolean;
  interrupt?: Interrupt;
  /** Overrides every step's timeout (tests). */
  timeoutSeconds?: number;
  /**
   * Checks the deployment once every step succeeded and something changed (apply runs `verify`
   * here). A failed check with `rollback` undoes this run's updates (a new release goes back to the
   * previous one) unless keepOnFailure; what this run created stays: a first deploy has nothing to
   * go back to.
   */
  check?: () => Promise<AfterApplyCheck | null>;
}

export interface AfterApplyCheck {
  ok: boolean;
  message: string;
  /** The failure is one the previous release does not have: go back to it. */
  rollback: boolean;
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'failed' | 'rolled-back' | 'interrupted';

export interface ApplyResult {
  outcome: ApplyOutcome;
  state: ApplyState;
  failedStep: string | null;
  /** One line, redacted. */
  error: string | null;
  /** Steps whose rollback failed: they may still exist. */
  rollbackFailures: string[];
  /** The after-apply check's answer, when it ran. */
  check?: AfterApplyCheck;
}

/** A step that ran in this run, and whether it made its thing or changed one that was there. */
export interface RanStep {
  step: Step;
  st: StepState;
  how: 'created' | 'updated';
}

/** What the run phase did: the steps it ran (in order), the failure or interrupt that stopped it. */
export interface RunRecord {
  ran: RanStep[];
  failed: { step: Step; error: StepFailure } | null;
  interrupted: boolean;
  /** Some step ran its command (not only skipped or found). */
  changed: boolean;
}

/** How a run ends, decided by the undo or verify phase; the finish phase reports it. */
export interface Verdict {
  outcome: ApplyOutcome;
  message: string;
  rollbackFailures: string[];
  check?: AfterApplyCheck;
}

export class StepFailure extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

/** The second Ctrl-C stopped the running command. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}
