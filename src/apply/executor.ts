/**
 * The step executor. For each step of a plan, in order:
 *
 * 1. skip it when the state says it was done with the same fingerprint (a second apply changes nothing),
 *    or, with --resume, when it was done or found in the interrupted run;
 * 2. run its probe: when the thing exists already it is recorded as pre-existing and not run (steps that
 *    ship code, `rerun: 'on-change'`, still run, as an update of something that existed);
 * 3. run the command (placeholders resolved, secrets only on stdin), with a timeout, and parse its outputs
 *    from the CLI's JSON; write the state atomically.
 *
 * When a step fails, the steps of this run are undone in reverse order — `rollback` for what this run
 * created, `undo` for what it updated — never touching what existed before, unless keepOnFailure.
 * Interrupts (Ctrl-C) let the running step finish (or, the second time, stop it and undo it), save the
 * state, and end the run as 'interrupted'.
 */
import { randomUUID } from 'node:crypto';
import type { SecretSpec, Step } from '../model/plan.js';
import type { ApplyEvent, Reporter } from './events.js';
import { projectHash, stepFingerprint } from './fingerprint.js';
import type { Interrupt } from './interrupt.js';
import { resolveArgv, resolveStdin, type Resolvers } from './placeholders.js';
import { runCommand, type RunResult, type Runner } from './runner.js';
import { Vault, type SecretInput } from './secrets.js';
import { matches, parseJsonOutput, select, selectText } from './select.js';
import { emptyStepState, readState, StateError, writeState, type ApplyState, type StepState } from './state.js';

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

/** A plain apply after one that stopped half-way (kept failure, Ctrl-C): the user must choose --resume or destroy. */
export function unfinishedError(previous: ApplyState): StateError {
  return new StateError(
    `the last apply of ${previous.target} stopped at ${previous.stoppedAt ?? 'a step'} (${previous.status}) and kept what it did: run apply --resume to continue from there, or destroy to remove it`,
  );
}

export function isUnfinished(state: ApplyState | null): state is ApplyState {
  return !!state && (state.status === 'failed' || state.status === 'interrupted' || state.status === 'running');
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

class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

interface Ran {
  step: Step;
  st: StepState;
  how: 'created' | 'updated';
}

export async function execute(opts: ExecuteOptions): Promise<ApplyResult> {
  const runner = opts.runner ?? runCommand;
  const started = Date.now();
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
  const emit = (e: ApplyEvent) => opts.reporter.event(e);
  const previous = await readState(opts.projectDir, opts.target);
  const unfinished = isUnfinished(previous);
  if (unfinished && !opts.resume) throw unfinishedError(previous);
  const resuming = !!opts.resume && !!unfinished;
  const runId = randomUUID();
  const prevSteps = new Map((previous?.steps ?? []).map((s) => [s.id, s]));

  const state: ApplyState = {
    version: 1,
    target: opts.target,
    app: opts.app,
    runId,
    status: 'running',
    startedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    stoppedAt: null,
    steps: opts.steps.map((s) => {
      const p = prevSteps.get(s.id);
      // Keep what earlier runs know (origin, outputs); the status is this run's.
      return p ? { ...p, description: s.description, status: 'pending', error: null } : emptyStepState(s.id, s.description);
    }),
  };
  // Steps of earlier plans that are gone from this one: kept so destroy still knows them.
  for (const p of previous?.steps ?? []) if (!opts.steps.some((s) => s.id === p.id)) state.steps.push({ ...p });
  const stateOf = (id: string) => state.steps.find((s) => s.id === id)!;
  const save = () => writeState(opts.projectDir, state);

  const env = opts.env ?? process.env;
  const sensitive = new Map<string, string>();
  const stepById = new Map(opts.steps.map((s) => [s.id, s]));
  const timeoutMs = (step: Step) => 1000 * (opts.timeoutSeconds ?? step.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
  const run = (argv: string[], step: Step, stdin?: string, abortable = true): Promise<RunResult> =>
    runner({ argv, cwd: opts.projectDir, env, stdin, timeoutMs: timeoutMs(step), signal: abortable ? opts.interrupt?.signal : undefined });

  const describeFailure = (argv: string[], r: RunResult): StepFailure => {
    const cmd = argv.slice(0, 3).join(' ');
    const why = r.spawnError ?? (r.timedOut ? `timed out` : r.aborted ? 'stopped (interrupted)' : `exited with ${r.code}`);
    const lastLine = vault.redact(r.stderr.trim()).split('\n').filter(Boolean).pop() ?? '';
    return new StepFailure(`${cmd} ${why}${lastLine ? `: ${lastLine}` : ''}`, vault.redact(r.stderr));
  };

  /** Reads a step's outputs from its own stdout or from its outputs command. */
  const readOutputs = async (step: Step, ownStdout: string | null): Promise<void> => {
    const spec = step.outputs;
    if (!spec) return;
    let text = ownStdout;
    if (spec.command || text === null) {
      if (!spec.command) throw new StepFailure(`cannot read the outputs of ${step.id}: it did not run in this apply and has no query command`, '');
      const argv = await resolveArgv(spec.command, resolvers);
      const r = await run(argv, step, undefined, false);
      if (r.code !== 0) throw describeFailure(argv, r);
      text = r.stdout;
    }
    const data = spec.text ? null : parseJsonOutput(text);
    if (!spec.text && data === undefined) throw new StepFailure(`${step.id}: the output is not JSON`, '');
    const st = stateOf(step.id);
    for (const [key, selector] of Object.entries(spec.values)) {
      const v = spec.text ? selectText(text, selector) : select(data, selector);
      if (v === undefined || v === null || typeof v === 'object') throw new StepFailure(`${step.id}: no "${selector}" in the output`, '');
      const value = String(v);
      if (spec.sensitive?.includes(key)) {
        sensitive.set(`${step.id}.${key}`, value);
        vault.remember(value);
      } else st.outputs[key] = value;
    }
  };

  const resolvers: Resolvers = {
    generate: (kind) => vault.generate(kind),
    input: (name) => vault.ask(name),
    output: async (stepId, key) => {
      const mem = sensitive.get(`${stepId}.${key}`);
      if (mem !== undefined) return mem;
      const recorded = stateOf(stepId)?.outputs[key];
      if (recorded !== undefined) return recorded;
      const source = stepById.get(stepId);
      if (source?.outputs?.command) {
        await readOutputs(source, null);
        const again = sensitive.get(`${stepId}.${key}`) ?? stateOf(stepId).outputs[key];
        if (again !== undefined) return again;
      }
      throw new StepFailure(`no output "${key}" from step ${stepId}`, '');
    },
  };

  const probe = async (step: Step): Promise<boolean> => {
    if (!step.probe) return false;
    const argv = await resolveArgv(step.probe.command, resolvers);
    const r = await run(argv, step, undefined, false);
    if (r.spawnError) throw describeFailure(argv, r);
    if (r.code !== 0) return false;
    if (!step.probe.select?.length) return true;
    const data = parseJsonOutput(r.stdout);
    return data !== undefined && step.probe.select.every((sel) => matches(data, sel));
  };

  const total = opts.steps.length;
  const ran: Ran[] = [];
  let failed: { step: Step; error: StepFailure } | null = null;
  let interrupted = false;
  let changed = false;

  emit({ type: 'run-started', command: 'apply', target: opts.target, steps: total, resume: resuming });
  await save();
  const sha = await projectHash(opts.projectDir);

  for (let i = 0; i < total; i++) {
    const step = opts.steps[i]!;
    const st = stateOf(step.id);
    const prev = prevSteps.get(step.id);
    const fp = stepFingerprint(step, sha);
    const index = i + 1;
    const t0 = Date.now();
    if (opts.interrupt?.requested) {
      interrupted = true;
      state.stoppedAt = step.id;
      break;
    }
    const finish = async (status: 'done' | 'pre-existing' | 'unchanged', note?: string) => {
      st.status = status;
      st.finishedAt = new Date().toISOString();
      st.elapsedMs = Date.now() - t0;
      await save();
      emit({ type: 'step-finished', step: step.id, index, total, description: step.description, status, elapsedMs: st.elapsedMs, ...(note ? { note } : {}) });
    };

    const doneBefore = prev && (prev.status === 'done' || prev.status === 'unchanged' || prev.status === 'pre-existing');
    if (doneBefore && resuming && prev.fingerprint === fp) {
      await finish(prev.status === 'pre-existing' ? 'pre-existing' : 'unchanged', 'done in the interrupted run');
      continue;
    }
    if (doneBefore && prev.fingerprint === fp && (previous?.status === 'applied' || resuming)) {
      await finish(prev.status === 'pre-existing' ? 'pre-existing' : 'unchanged');
      continue;
    }

    emit({ type: 'step-started', step: step.id, index, total, description: step.description });
    st.status = 'running';
    st.startedAt = new Date().toISOString();
    st.fingerprint = fp;
    st.error = null;
    await save();
    try {
      const exists = await probe(step);
      const ours = st.origin === 'created';
      if (exists && !step.rerun) {
        if (!ours) st.origin = 'pre-existing';
        await readOutputs(step, null).catch((err: unknown) => {
          if (!(err instanceof StepFailure) || step.outputs?.command) throw err;
        });
        await finish(ours ? 'unchanged' : 'pre-existing', ours ? 'exists (created by an earlier apply)' : 'exists already; left as it is');
        continue;
      }
      const argv = await resolveArgv(step.command, resolvers);
      const stdin = step.stdin === undefined ? undefined : await resolveStdin(step.stdin, resolvers, step.stdinEscape);
      const r = await run(argv, step, stdin);
      if (r.code !== 0 || r.spawnError) {
        // A command stopped by the second Ctrl-C may have done part of its work: undo it like a created step.
        if (r.aborted && !exists && step.rollback) ran.push({ step, st, how: 'created' });
        if (r.aborted) throw new Interrupted();
        throw describeFailure(argv, r);
      }
      changed = true;
      if (exists) {
        if (!ours) st.origin = 'pre-existing';
        st.updatedBy = runId;
        ran.push({ step, st, how: 'updated' });
      } else if (!ours) {
        st.origin = 'created';
        st.createdBy = runId;
        ran.push({ step, st, how: 'created' });
      } else {
        // Ours from an earlier run and not found by a probe (or there is none): this run re-made it.
        if (step.probe) st.createdBy = runId;
        ran.push({ step, st, how: step.probe ? 'created' : 'updated' });
      }
      await readOutputs(step, r.stdout);
      await finish('done');
    } catch (err) {
      st.finishedAt = new Date().toISOString();
      st.elapsedMs = Date.now() - t0;
      if (err instanceof Interrupted) {
        st.status = 'failed';
        st.error = 'interrupted';
        interrupted = true;
        state.stoppedAt = step.id;
        await save();
        emit({ type: 'interrupted', step: step.id, message: `stopped ${step.id}` });
        break;
      }
      const failure = err instanceof StepFailure ? err : new StepFailure(vault.redact(err instanceof Error ? err.message : String(err)), '');
      st.status = 'failed';
      st.error = failure.message;
      state.stoppedAt = step.id;
      await save();
      emit({ type: 'step-failed', step: step.id, index, total, description: step.description, elapsedMs: st.elapsedMs, error: failure.message, stderr: failure.stderr });
      failed = { step, error: failure };
      break;
    }
  }

  const rollbackFailures: string[] = [];
  const undoRun = async (): Promise<void> => {
    const todo = ran.filter((r) => (r.how === 'created' ? r.step.rollback : r.step.undo)).reverse();
    if (!todo.length) return;
    emit({ type: 'rollback-started', steps: todo.length });
    for (const r of todo) {
      const t0 = Date.now();
      const how = r.how === 'created' ? 'rollback' : 'undo';
      try {
        const argv = await resolveArgv((r.how === 'created' ? r.step.rollback : r.step.undo)!, resolvers);
        const res = await run(argv, r.step, undefined, false);
        if (res.code !== 0 || res.spawnError) throw describeFailure(argv, res);
        r.st.status = 'rolled-back';
        if (r.how === 'created') {
          r.st.origin = null;
          r.st.createdBy = null;
          r.st.outputs = {};
        }
        r.st.updatedBy = null;
        await save();
        emit({ type: 'step-rolled-back', step: r.step.id, description: r.step.description, elapsedMs: Date.now() - t0, how });
      } catch (err) {
        const f = err instanceof StepFailure ? err : new StepFailure(vault.redact(String(err)), '');
        r.st.status = 'rollback-failed';
        r.st.error = f.message;
        rollbackFailures.push(r.step.id);
        await save();
        emit({ type: 'rollback-failed', step: r.step.id, description: r.step.description, error: f.message, stderr: f.stderr });
      }
    }
  };

  let outcome: ApplyOutcome;
  let message: string;
  let checked: AfterApplyCheck | undefined;
  if (failed) {
    if (opts.keepOnFailure) {
      state.status = 'failed';
      outcome = 'failed';
      message = `step ${failed.step.id} failed; what ran is kept (--keep-on-failure): fix the cause, then run apply --resume`;
    } else {
      await undoRun();
      state.status = rollbackFailures.length ? 'failed' : 'rolled-back';
      outcome = rollbackFailures.length ? 'failed' : 'rolled-back';
      message = rollbackFailures.length
        ? `step ${failed.step.id} failed and the rollback of ${rollbackFailures.join(', ')} failed too: check them by hand (phoenix-ops status), then apply again`
        : `step ${failed.step.id} failed; this run's changes were rolled back`;
    }
  } else if (interrupted) {
    const stopped = state.stoppedAt ? stateOf(state.stoppedAt) : null;
    if (stopped?.status === 'failed' && ran.length && ran[ran.length - 1]!.step.id === stopped.id) {
      // The second Ctrl-C stopped a step half-way: undo just that one, if it got as far as making something.
      const last = ran.pop()!;
      ran.length = 0;
      const made = last.step.probe ? await probe(last.step).catch(() => true) : true;
      if (made) {
        ran.push(last);
        await undoRun();
      }
    }
    state.status = 'interrupted';
    outcome = 'interrupted';
    message = `interrupted${state.stoppedAt ? ` before finishing ${state.stoppedAt}` : ''}; state saved: run apply --resume to continue`;
  } else {
    state.status = 'applied';
    state.stoppedAt = null;
    outcome = changed ? 'applied' : 'unchanged';
    message = changed ? `applied ${opts.target}` : `${opts.target} is up to date; nothing changed`;
    if (changed && opts.check) {
      checked = (await opts.check()) ?? undefined;
      if (checked) emit({ type: 'verified', ok: checked.ok, message: checked.message });
      if (checked && !checked.ok) {
        const updates = ran.filter((r) => r.how === 'updated' && r.step.undo);
        if (checked.rollback && !opts.keepOnFailure && updates.length) {
          ran.splice(0, ran.length, ...updates);
          await undoRun();
          outcome = rollbackFailures.length ? 'failed' : 'rolled-back';
          message = rollbackFailures.length
            ? `the deployment failed its checks (${checked.message}) and going back to the previous release failed too (${rollbackFailures.join(', ')})`
            : `the deployment failed its checks (${checked.message}); the previous release is back`;
        } else {
          outcome = 'failed';
          message = `applied ${opts.target}, but the deployment failed its checks: ${checked.message}${checked.rollback && !updates.length ? ' (a first deploy: there is no previous release to go back to)' : ''}`;
        }
      }
    }
  }
  await save();
  emit({ type: 'run-finished', command: 'apply', status: outcome, elapsedMs: Date.now() - started, message });
  return { outcome, state, failedStep: failed?.step.id ?? (interrupted ? state.stoppedAt : null), error: failed?.error.message ?? (checked && !checked.ok ? checked.message : null), rollbackFailures, ...(checked ? { check: checked } : {}) };
}
