/**
 * `destroy`: removes, in reverse order, what phoenix-ops created (never what it found there). Steps that
 * hold data (volumes, databases, buckets) are kept unless includeData, and so is anything that would take a
 * kept one with it (a Fly app takes its volumes). The state is written after every step.
 */
import type { Step } from '../model/plan.js';
import type { Reporter } from './events.js';
import { resolveArgv } from './placeholders.js';
import { IMAGE_TAG_OUTPUT } from './run/commands.js';
import { DEFAULT_TIMEOUT_SECONDS } from './run/types.js';
import { runCommand, type Runner } from './runner.js';
import { writeState, type ApplyState, type StepState } from './state.js';

export interface DestroyResult {
  outcome: 'destroyed' | 'partial' | 'failed' | 'nothing';
  removed: string[];
  /** id and why it was kept. */
  kept: { id: string; reason: string }[];
  failed: string | null;
  error: string | null;
  state: ApplyState | null;
}

export interface DestroyStepsOptions {
  projectDir: string;
  state: ApplyState;
  steps: Step[];
  includeData: boolean;
  env: NodeJS.ProcessEnv;
  runner?: Runner;
  reporter: Reporter;
}

/** What destroy leaves: data (unless includeData), what existed before, and what would take a kept step with it. */
export function keptSteps(state: ApplyState, steps: readonly Step[], includeData: boolean): { kept: DestroyResult['kept']; keptIds: Set<string> } {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const ours = state.steps.filter((s) => s.origin === 'created');
  const present = (id: string) => state.steps.some((s) => s.id === id && s.origin !== null);
  const kept: DestroyResult['kept'] = [];
  const keptIds = new Set(state.steps.filter((s) => s.origin === 'pre-existing').map((s) => s.id));
  for (const st of ours) {
    if (byId.get(st.id)?.data && !includeData) {
      keptIds.add(st.id);
      kept.push({ id: st.id, reason: 'holds data (rerun with --include-data to remove it)' });
    }
  }
  // A step that holds a kept one stays too (repeat: holding can chain).
  for (let changed = true; changed; ) {
    changed = false;
    for (const st of ours) {
      if (keptIds.has(st.id)) continue;
      const held = (byId.get(st.id)?.holds ?? []).filter((h) => keptIds.has(h) && present(h));
      if (held.length) {
        keptIds.add(st.id);
        kept.push({ id: st.id, reason: `removing it would remove ${held.join(', ')}, which is kept` });
        changed = true;
      }
    }
  }
  return { kept, keptIds };
}

interface DestroyRun {
  o: DestroyStepsOptions;
  runner: Runner;
  total: number;
  kept: DestroyResult['kept'];
  keptIds: ReadonlySet<string>;
  byId: ReadonlyMap<string, Step>;
}

/** What happened to one step: removed, skipped (kept, nothing to run), or the error that stops destroy. */
type Removal = { removed: boolean } | { error: string };

export async function destroySteps(o: DestroyStepsOptions): Promise<DestroyResult> {
  const started = Date.now();
  const { kept, keptIds } = keptSteps(o.state, o.steps, o.includeData);
  const todo = o.state.steps.filter((s) => s.origin === 'created').reverse();
  const run: DestroyRun = { o, runner: o.runner ?? runCommand, total: todo.length, kept, keptIds, byId: new Map(o.steps.map((s) => [s.id, s])) };
  o.reporter.event({ type: 'run-started', command: 'destroy', target: o.state.target, steps: run.total, resume: false });
  const removed: string[] = [];
  let failure: { id: string; error: string } | null = null;
  for (const [i, st] of todo.entries()) {
    const r = await removeStep(run, st, i + 1);
    if ('error' in r) {
      failure = { id: st.id, error: r.error };
      break;
    }
    if (r.removed) removed.push(st.id);
  }
  const outcome: DestroyResult['outcome'] = failure ? 'failed' : kept.length ? 'partial' : 'destroyed';
  o.state.status = failure ? 'destroy-failed' : 'destroyed';
  await writeState(o.projectDir, o.state);
  const message = failure
    ? `could not remove ${failure.id}: fix the cause and run destroy again`
    : kept.length
      ? `removed ${removed.length} resource(s); kept ${kept.map((k) => k.id).join(', ')} (data; --include-data removes it)`
      : `removed everything phoenix-ops created for ${o.state.target}`;
  o.reporter.event({ type: 'run-finished', command: 'destroy', status: outcome, elapsedMs: Date.now() - started, message });
  return { outcome, removed, kept, failed: failure?.id ?? null, error: failure?.error ?? null, state: o.state };
}

async function removeStep(run: DestroyRun, st: StepState, index: number): Promise<Removal> {
  const { o, total } = run;
  const step = run.byId.get(st.id);
  const description = step?.description ?? st.description;
  const finished = (status: 'kept' | 'nothing-to-remove' | 'destroyed', elapsedMs: number, note?: string) =>
    o.reporter.event({ type: 'step-finished', step: st.id, index, total, description, status, elapsedMs, ...(note === undefined ? {} : { note }) });
  if (run.keptIds.has(st.id)) {
    // A pre-existing step is never `created`, so every kept one here has its reason.
    finished('kept', 0, run.kept.find((k) => k.id === st.id)?.reason);
    return { removed: false };
  }
  const argv = step?.destroy ?? step?.rollback;
  if (!argv) {
    finished('nothing-to-remove', 0, step ? 'nothing to remove on its own' : 'no longer in the plan: remove it by hand');
    if (step) {
      st.origin = null;
      st.status = 'destroyed';
      await writeState(o.projectDir, o.state);
    }
    return { removed: false };
  }
  o.reporter.event({ type: 'step-started', step: st.id, index, total, description: `remove: ${description}` });
  const t0 = Date.now();
  const failed = (error: string, stderr: string): Removal => {
    o.reporter.event({ type: 'step-failed', step: st.id, index, total, description, elapsedMs: Date.now() - t0, error, stderr });
    return { error };
  };
  try {
    const resolved = await resolveArgv(argv, { output: async (id, key) => recordedOutput(o.state, id, key), build: async () => recordedOutput(o.state, st.id, IMAGE_TAG_OUTPUT) });
    const r = await run.runner({ argv: resolved, cwd: o.projectDir, env: o.env, timeoutMs: 1000 * (step?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) });
    if (r.code !== 0 || r.spawnError) {
      const stderr = r.stderr.trim();
      return failed(`${resolved.slice(0, 3).join(' ')} ${r.spawnError ?? (r.timedOut ? 'timed out' : `exited with ${r.code}`)}${stderr ? `: ${stderr.split('\n').pop()}` : ''}`, r.stderr);
    }
    st.origin = null;
    st.createdBy = null;
    st.status = 'destroyed';
    st.outputs = {};
    await writeState(o.projectDir, o.state);
    finished('destroyed', Date.now() - t0);
    return { removed: true };
  } catch (err) {
    return failed(err instanceof Error ? err.message : String(err), '');
  }
}

function recordedOutput(state: ApplyState, step: string, key: string): string {
  const v = state.steps.find((s) => s.id === step)?.outputs[key];
  if (v === undefined) throw new Error(`no recorded output "${key}" of step ${step}`);
  return v;
}
