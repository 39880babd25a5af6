/**
 * One run of the step runner: this run's state (built from the previous run's, so what earlier runs know —
 * origin, outputs — is kept), the step commands, the reporter and the way to save. Every phase takes it.
 */
import { randomUUID } from 'node:crypto';
import type { Step } from '../../model/plan.js';
import type { ApplyEvent } from '../events.js';
import { projectHash } from '../fingerprint.js';
import type { Interrupt } from '../interrupt.js';
import { runCommand } from '../runner.js';
import { Vault } from '../secrets.js';
import { emptyStepState, writeState, type ApplyState, type RunStatus, type StepState } from '../state.js';
import { StepCommands, stepState } from './commands.js';
import type { ExecuteOptions } from './types.js';

export interface RunContext {
  readonly target: string;
  readonly steps: readonly Step[];
  /** This run's state, saved after every change. */
  readonly state: ApplyState;
  /** What the previous run recorded, by step id. */
  readonly previous: ReadonlyMap<string, StepState>;
  readonly previousStatus: RunStatus | null;
  /** --resume after a run that stopped half-way. */
  readonly resuming: boolean;
  /** Date.now() when the run began. */
  readonly startedMs: number;
  readonly interrupt?: Interrupt;
  readonly commands: StepCommands;
  emit(e: ApplyEvent): void;
  save(): Promise<void>;
  stateOf(id: string): StepState;
  /** The hash of the project's files that rerun-on-change fingerprints include. */
  projectHash(): Promise<string>;
}

/** The state a run starts from: every step pending, what earlier runs learned kept, steps gone from the plan kept for destroy. */
export function initialState(o: { target: string; app: string; steps: readonly Step[] }, previous: ApplyState | null, runId: string): ApplyState {
  const prevSteps = new Map((previous?.steps ?? []).map((s) => [s.id, s]));
  const now = new Date().toISOString();
  const steps: StepState[] = o.steps.map((s) => {
    const p = prevSteps.get(s.id);
    // Keep what earlier runs know (origin, outputs); the status is this run's.
    return p ? { ...p, description: s.description, status: 'pending', error: null } : emptyStepState(s.id, s.description);
  });
  // Steps of earlier plans that are gone from this one: kept so destroy still knows them.
  for (const p of previous?.steps ?? []) if (!o.steps.some((s) => s.id === p.id)) steps.push({ ...p });
  return { version: 1, target: o.target, app: o.app, runId, status: 'running', startedAt: now, updatedAt: now, stoppedAt: null, steps };
}

/** A run over `opts.steps` after `previous` (null: the first apply). `resuming` only when previous stopped half-way. */
export function createRunContext(opts: ExecuteOptions, previous: ApplyState | null, resuming: boolean, startedMs = Date.now()): RunContext {
  const descriptions = Object.fromEntries(opts.secrets.map((s) => [s.name, s.description]));
  const vault = new Vault(
    {
      ask: async (name, description) => {
        opts.reporter.pause?.();
        try {
          return await opts.input.ask(name, description);
        } finally {
          opts.reporter.resume?.();
        }
      },
    },
    descriptions,
  );
  const state = initialState(opts, previous, randomUUID());
  const commands = new StepCommands({
    projectDir: opts.projectDir,
    env: opts.env ?? process.env,
    runner: opts.runner ?? runCommand,
    vault,
    steps: opts.steps,
    state,
    timeoutSeconds: opts.timeoutSeconds,
    signal: opts.interrupt?.signal,
  });
  return {
    target: opts.target,
    steps: opts.steps,
    state,
    previous: new Map((previous?.steps ?? []).map((s) => [s.id, s])),
    previousStatus: previous?.status ?? null,
    resuming,
    startedMs,
    interrupt: opts.interrupt,
    commands,
    emit: (e) => opts.reporter.event(e),
    save: () => writeState(opts.projectDir, state),
    stateOf: (id) => stepState(state, id),
    projectHash: () => projectHash(opts.projectDir),
  };
}
