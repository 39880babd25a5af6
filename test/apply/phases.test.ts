/**
 * The step runner's phases, each alone, on hand-built steps and state: a fake provider CLI (a runner that
 * answers from a table and records every call), a temporary project folder for the state file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.js';
import { Interrupt } from '../../src/apply/interrupt.js';
import type { RunRequest, RunResult } from '../../src/apply/runner.js';
import { createRunContext, type RunContext } from '../../src/apply/run/context.js';
import { finishPhase } from '../../src/apply/run/finish-phase.js';
import { recordOrigin, runPhase, skipAs } from '../../src/apply/run/run-phase.js';
import { StepFailure, type RanStep, type RunRecord } from '../../src/apply/run/types.js';
import { undoFailedRun, undoInterruptedRun, undoPhase } from '../../src/apply/run/undo-phase.js';
import { verifyPhase } from '../../src/apply/run/verify-phase.js';
import { emptyStepState, readState, type ApplyState } from '../../src/apply/state.js';
import type { Step } from '../../src/model/plan.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '', timedOut: false, aborted: false, spawnError: null });
const fail = (stderr: string, code = 1): RunResult => ({ code, stdout: '', stderr, timedOut: false, aborted: false, spawnError: null });

/** A fake provider CLI: the first rule whose words start the argv answers; unknown commands exit 0. */
function fakeCli(rules: [string, RunResult | ((req: RunRequest) => RunResult)][] = []) {
  const calls: { argv: string; stdin: string | undefined }[] = [];
  const runner = async (req: RunRequest): Promise<RunResult> => {
    const argv = req.argv.join(' ');
    calls.push({ argv, stdin: req.stdin });
    const hit = rules.find(([words]) => argv.startsWith(words));
    if (!hit) return ok();
    return typeof hit[1] === 'function' ? hit[1](req) : hit[1];
  };
  return { runner, calls, argvs: () => calls.map((c) => c.argv) };
}

interface Built {
  ctx: RunContext;
  events: ApplyEvent[];
  dir: string;
}

function build(steps: Step[], cli: ReturnType<typeof fakeCli>, o: { previous?: ApplyState | null; resuming?: boolean; interrupt?: Interrupt; inputs?: Record<string, string> } = {}): Built {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-phases-'));
  dirs.push(dir);
  const events: ApplyEvent[] = [];
  const ctx = createRunContext(
    {
      projectDir: dir,
      target: 'fly',
      app: 'hello',
      steps,
      secrets: [],
      runner: cli.runner,
      reporter: { event: (e) => events.push(e) },
      input: { ask: async (name) => o.inputs?.[name] ?? '' },
      interrupt: o.interrupt,
    },
    o.previous ?? null,
    o.resuming ?? false,
  );
  return { ctx, events, dir };
}

const step = (id: string, extra: Partial<Step> = {}): Step => ({ id, description: `make ${id}`, command: ['prov', 'create', id], rollback: ['prov', 'delete', id], ...extra });

/** A previous state in which every step is done with the fingerprint this run computes. */
async function appliedBefore(steps: Step[]): Promise<ApplyState> {
  const first = build(steps, fakeCli());
  await runPhase(first.ctx);
  first.ctx.state.status = 'applied';
  return structuredClone(first.ctx.state);
}

describe('run phase', () => {
  it('runs every step in order, records what it created and the outputs parsed from JSON', async () => {
    const cli = fakeCli([['prov create db', ok('{"db": {"id": "db-42", "password": "s3cr3t-pw"}}')]]);
    const steps = [step('app'), step('db', { outputs: { values: { id: 'db.id', password: 'db.password' }, sensitive: ['password'] } }), step('attach', { command: ['prov', 'attach', '{{output:db.id}}'], stdin: 'PW={{output:db.password}}' })];
    const { ctx, events, dir } = build(steps, cli);
    const run = await runPhase(ctx);
    expect(run.failed).toBeNull();
    expect(run.changed).toBe(true);
    expect(run.ran.map((r) => [r.step.id, r.how])).toEqual([['app', 'created'], ['db', 'created'], ['attach', 'created']]);
    expect(cli.argvs()).toEqual(['prov create app', 'prov create db', 'prov attach db-42']);
    expect(cli.calls[2]?.stdin).toBe('PW=s3cr3t-pw');
    const saved = await readState(dir, 'fly');
    expect(saved?.steps.map((s) => [s.id, s.status, s.origin])).toEqual([['app', 'done', 'created'], ['db', 'done', 'created'], ['attach', 'done', 'created']]);
    expect(saved?.steps[1]?.outputs).toEqual({ id: 'db-42' });
    expect(JSON.stringify(saved)).not.toContain('s3cr3t-pw');
    expect(events.map((e) => e.type)).toEqual(['run-started', 'step-started', 'step-finished', 'step-started', 'step-finished', 'step-started', 'step-finished']);
  });

  it('a probe that finds the thing records it as pre-existing and does not run the step', async () => {
    const cli = fakeCli([['prov show app', ok('{"name": "app"}')]]);
    const { ctx, events } = build([step('app', { probe: { command: ['prov', 'show', 'app'], select: ['name'] } })], cli);
    const run = await runPhase(ctx);
    expect(run.changed).toBe(false);
    expect(run.ran).toEqual([]);
    expect(cli.argvs()).toEqual(['prov show app']);
    expect(ctx.stateOf('app').origin).toBe('pre-existing');
    expect(events.find((e) => e.type === 'step-finished')).toMatchObject({ status: 'pre-existing', note: 'exists already; left as it is' });
  });

  it('a step that ships code runs even when its probe finds the thing, as an update', async () => {
    const cli = fakeCli([['prov show app', ok()]]);
    const { ctx } = build([step('deploy', { command: ['prov', 'deploy'], probe: { command: ['prov', 'show', 'app'] }, rerun: 'on-change', undo: ['prov', 'rollback'] })], cli);
    const run = await runPhase(ctx);
    expect(run.ran.map((r) => r.how)).toEqual(['updated']);
    expect(ctx.stateOf('deploy')).toMatchObject({ origin: 'pre-existing', updatedBy: ctx.state.runId, status: 'done' });
  });

  it('stops at the first failure with a one-line redacted error, and runs nothing after it', async () => {
    const cli = fakeCli([['prov create db', fail('warming up\nquota exceeded for s3cr3t-pw')]]);
    const { ctx, events } = build([step('app', { stdin: 'X={{input:TOKEN}}' }), step('db'), step('attach')], cli, { inputs: { TOKEN: 's3cr3t-pw' } });
    const run = await runPhase(ctx);
    expect(run.failed?.step.id).toBe('db');
    expect(run.failed?.error.message).toBe('prov create db exited with 1: quota exceeded for [redacted]');
    expect(cli.argvs()).toEqual(['prov create app', 'prov create db']);
    expect(ctx.state.stoppedAt).toBe('db');
    expect(ctx.stateOf('attach').status).toBe('pending');
    expect(events.at(-1)).toMatchObject({ type: 'step-failed', step: 'db', index: 2, total: 3 });
  });

  it('skips what the previous applied run did with the same definition; a changed step runs again', async () => {
    const steps = [step('app'), step('db')];
    const previous = await appliedBefore(steps);
    const cli = fakeCli();
    const { ctx } = build([steps[0] ?? step('app'), step('db', { command: ['prov', 'create', 'db', '--size', '2'] })], cli, { previous });
    const run = await runPhase(ctx);
    expect(cli.argvs()).toEqual(['prov create db --size 2']);
    expect(ctx.stateOf('app').status).toBe('unchanged');
    // db was ours already and has no probe: this run changed it (an update, with no undo).
    expect(run.ran.map((r) => [r.step.id, r.how])).toEqual([['db', 'updated']]);
  });

  it('a requested interrupt stops before the next step', async () => {
    const interrupt = new Interrupt();
    const cli = fakeCli([['prov create app', () => (interrupt.request(), ok())]]);
    const { ctx } = build([step('app'), step('db')], cli, { interrupt });
    const run = await runPhase(ctx);
    expect(run.interrupted).toBe(true);
    expect(cli.argvs()).toEqual(['prov create app']);
    expect(ctx.state.stoppedAt).toBe('db');
  });
});

describe('run phase helpers', () => {
  const done = { ...emptyStepState('app', 'make app'), status: 'done' as const, fingerprint: 'f1' };
  it('skipAs: only a step done before with the same fingerprint, in an applied or resumed run', () => {
    expect(skipAs(done, 'f1', false, true)).toEqual({ status: 'unchanged' });
    expect(skipAs(done, 'f1', true, false)).toEqual({ status: 'unchanged', note: 'done in the interrupted run' });
    expect(skipAs({ ...done, status: 'pre-existing' }, 'f1', false, true)).toEqual({ status: 'pre-existing' });
    expect(skipAs(done, 'f2', false, true)).toBeNull();
    expect(skipAs(done, 'f1', false, false)).toBeNull();
    expect(skipAs({ ...done, status: 'failed' }, 'f1', true, false)).toBeNull();
    expect(skipAs(undefined, 'f1', true, true)).toBeNull();
  });

  it('recordOrigin: created, updated (found before), re-made (ours, gone)', () => {
    const fresh = emptyStepState('a', 'a');
    expect(recordOrigin(fresh, step('a'), false, 'run1').how).toBe('created');
    expect(fresh).toMatchObject({ origin: 'created', createdBy: 'run1' });
    const found = emptyStepState('a', 'a');
    expect(recordOrigin(found, step('a'), true, 'run1').how).toBe('updated');
    expect(found).toMatchObject({ origin: 'pre-existing', updatedBy: 'run1' });
    const ours = { ...emptyStepState('a', 'a'), origin: 'created' as const, createdBy: 'run0' };
    expect(recordOrigin(ours, step('a', { probe: { command: ['prov', 'show'] } }), false, 'run1').how).toBe('created');
    expect(ours.createdBy).toBe('run1');
  });
});

/** A run record of steps that ran, built by hand. */
function ranRecord(ctx: RunContext, ran: [Step, RanStep['how']][]): RunRecord {
  return { ran: ran.map(([s, how]) => ({ step: s, st: ctx.stateOf(s.id), how })), failed: null, interrupted: false, changed: ran.length > 0 };
}

describe('undo phase', () => {
  it('undoes in reverse order: rollback for what was created, undo for what was updated, nothing without a command', async () => {
    const steps = [step('app'), step('db'), step('deploy', { undo: ['prov', 'release', 'back'] }), step('note', { rollback: undefined })];
    const cli = fakeCli();
    const { ctx, events } = build(steps, cli);
    const [app, db, deploy, note] = steps as [Step, Step, Step, Step];
    ctx.stateOf('db').outputs = { id: 'db-1' };
    const failures = await undoPhase(ctx, ranRecord(ctx, [[app, 'created'], [db, 'created'], [deploy, 'updated'], [note, 'created']]).ran);
    expect(failures).toEqual([]);
    expect(cli.argvs()).toEqual(['prov release back', 'prov delete db', 'prov delete app']);
    expect(ctx.stateOf('db')).toMatchObject({ status: 'rolled-back', origin: null, outputs: {} });
    expect(events[0]).toEqual({ type: 'rollback-started', steps: 3 });
    expect(events.filter((e) => e.type === 'step-rolled-back').map((e) => e.type === 'step-rolled-back' && e.how)).toEqual(['undo', 'rollback', 'rollback']);
  });

  it('a rollback that fails is recorded and the others still run', async () => {
    const steps = [step('app'), step('db')];
    const cli = fakeCli([['prov delete db', fail('locked')]]);
    const { ctx } = build(steps, cli);
    const failures = await undoPhase(ctx, ranRecord(ctx, steps.map((s) => [s, 'created'])).ran);
    expect(failures).toEqual(['db']);
    expect(cli.argvs()).toEqual(['prov delete db', 'prov delete app']);
    expect(ctx.stateOf('db')).toMatchObject({ status: 'rollback-failed', error: 'prov delete db exited with 1: locked' });
  });

  it('after a failed step: rolled back, or kept for --resume', async () => {
    const steps = [step('app'), step('db')];
    const rolled = build(steps, fakeCli());
    const run = ranRecord(rolled.ctx, [[steps[0] ?? step('app'), 'created']]);
    expect(await undoFailedRun(rolled.ctx, run, 'db', false)).toEqual({ outcome: 'rolled-back', message: "step db failed; this run's changes were rolled back", rollbackFailures: [] });
    expect(rolled.ctx.state.status).toBe('rolled-back');
    const kept = build(steps, fakeCli());
    const verdict = await undoFailedRun(kept.ctx, ranRecord(kept.ctx, [[steps[0] ?? step('app'), 'created']]), 'db', true);
    expect(verdict.outcome).toBe('failed');
    expect(verdict.message).toContain('--resume');
    expect(kept.ctx.state.status).toBe('failed');
  });

  it('after an interrupt: only a step stopped half-way is undone, when its probe finds something', async () => {
    const half = step('db', { probe: { command: ['prov', 'show', 'db'] } });
    const steps = [step('app'), half];
    const cli = fakeCli([['prov show db', ok()]]);
    const { ctx } = build(steps, cli);
    ctx.state.stoppedAt = 'db';
    ctx.stateOf('db').status = 'failed';
    const verdict = await undoInterruptedRun(ctx, ranRecord(ctx, [[steps[0] ?? step('app'), 'created'], [half, 'created']]));
    expect(cli.argvs()).toEqual(['prov show db', 'prov delete db']);
    expect(verdict.outcome).toBe('interrupted');
    expect(verdict.message).toBe('interrupted before finishing db; state saved: run apply --resume to continue');
    expect(ctx.state.status).toBe('interrupted');

    const gone = build(steps, fakeCli([['prov show db', fail('not found')]]));
    gone.ctx.state.stoppedAt = 'db';
    gone.ctx.stateOf('db').status = 'failed';
    await undoInterruptedRun(gone.ctx, ranRecord(gone.ctx, [[half, 'created']]));
    expect(gone.ctx.stateOf('db').status).toBe('failed');
  });
});

describe('verify phase', () => {
  const deploy = step('deploy', { command: ['prov', 'deploy'], undo: ['prov', 'release', 'back'] });

  it('an unchanged run is not checked', async () => {
    const { ctx } = build([deploy], fakeCli());
    let asked = false;
    const verdict = await verifyPhase(ctx, ranRecord(ctx, []), async () => ((asked = true), { ok: true, message: 'fine', rollback: false }), false);
    expect(asked).toBe(false);
    expect(verdict).toEqual({ outcome: 'unchanged', message: 'fly is up to date; nothing changed', rollbackFailures: [] });
    expect(ctx.state.status).toBe('applied');
  });

  it('a failed check that the previous release lacks brings that release back', async () => {
    const cli = fakeCli();
    const { ctx, events } = build([deploy], cli);
    const verdict = await verifyPhase(ctx, ranRecord(ctx, [[deploy, 'updated']]), async () => ({ ok: false, message: 'health 500', rollback: true }), false);
    expect(cli.argvs()).toEqual(['prov release back']);
    expect(verdict.outcome).toBe('rolled-back');
    expect(verdict.message).toBe('the deployment failed its checks (health 500); the previous release is back');
    expect(events[0]).toEqual({ type: 'verified', ok: false, message: 'health 500' });
  });

  it('a failed check on a first deploy (nothing updated), or with keepOnFailure, undoes nothing', async () => {
    const first = build([deploy], fakeCli());
    const v1 = await verifyPhase(first.ctx, ranRecord(first.ctx, [[deploy, 'created']]), async () => ({ ok: false, message: 'health 500', rollback: true }), false);
    expect(v1.outcome).toBe('failed');
    expect(v1.message).toBe('applied fly, but the deployment failed its checks: health 500 (a first deploy: there is no previous release to go back to)');
    const cli = fakeCli();
    const kept = build([deploy], cli);
    const v2 = await verifyPhase(kept.ctx, ranRecord(kept.ctx, [[deploy, 'updated']]), async () => ({ ok: false, message: 'health 500', rollback: true }), true);
    expect(v2.outcome).toBe('failed');
    expect(cli.argvs()).toEqual([]);
  });
});

describe('finish phase', () => {
  it('saves the state, reports the end, and names the failed step and its error', async () => {
    const { ctx, events, dir } = build([step('app')], fakeCli());
    ctx.state.status = 'rolled-back';
    const run: RunRecord = { ran: [], failed: { step: step('app'), error: new StepFailure('prov create app exited with 1', '') }, interrupted: false, changed: false };
    const result = await finishPhase(ctx, run, { outcome: 'rolled-back', message: 'step app failed', rollbackFailures: [] });
    expect(result).toMatchObject({ outcome: 'rolled-back', failedStep: 'app', error: 'prov create app exited with 1', rollbackFailures: [] });
    expect(result).not.toHaveProperty('check');
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', command: 'apply', status: 'rolled-back', message: 'step app failed' });
    expect((await readState(dir, 'fly'))?.status).toBe('rolled-back');
  });

  it('an interrupted run names where it stopped; a failed check is the error', async () => {
    const { ctx } = build([step('app')], fakeCli());
    ctx.state.stoppedAt = 'app';
    const interrupted = await finishPhase(ctx, { ran: [], failed: null, interrupted: true, changed: false }, { outcome: 'interrupted', message: 'x', rollbackFailures: [] });
    expect(interrupted.failedStep).toBe('app');
    const check = { ok: false, message: 'health 500', rollback: false };
    const checked = await finishPhase(ctx, { ran: [], failed: null, interrupted: false, changed: true }, { outcome: 'failed', message: 'y', rollbackFailures: [], check });
    expect(checked).toMatchObject({ failedStep: null, error: 'health 500', check });
  });
});
