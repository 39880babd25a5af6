/**
 * `destroy`: removes, in reverse order, what phoenix-ops created (never what it found there). Steps that
 * hold data (volumes, databases, buckets) are kept unless includeData, and so is anything that would take a
 * kept one with it (a Fly app takes its volumes). The state is written after every step.
 */
import type { Step } from '../model/plan.js';
import type { Reporter } from './events.js';
import { resolveArgv } from './placeholders.js';
import { runCommand, type Runner } from './runner.js';
import { writeState, type ApplyState } from './state.js';
import { DEFAULT_TIMEOUT_SECONDS } from './executor.js';

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

export async function destroySteps(o: DestroyStepsOptions): Promise<DestroyResult> {
  const runner = o.runner ?? runCommand;
  const started = Date.now();
  const byId = new Map(o.steps.map((s) => [s.id, s]));
  const stateOf = (id: string) => o.state.steps.find((s) => s.id === id);
  const present = (id: string) => {
    const st = stateOf(id);
    return !!st && st.origin !== null;
  };
  const ours = o.state.steps.filter((s) => s.origin === 'created');
  const kept: DestroyResult['kept'] = [];
  const keptIds = new Set(o.state.steps.filter((s) => s.origin === 'pre-existing').map((s) => s.id));
  for (const st of ours) {
    const step = byId.get(st.id);
    if (step?.data && !o.includeData) {
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
  const todo = [...ours].reverse();
  const total = todo.length;
  const removed: string[] = [];
  o.reporter.event({ type: 'run-started', command: 'destroy', target: o.state.target, steps: total, resume: false });
  let failed: string | null = null;
  let error: string | null = null;
  let index = 0;
  const resolvers = {
    output: async (step: string, key: string) => {
      const v = stateOf(step)?.outputs[key];
      if (v === undefined) throw new Error(`no recorded output "${key}" of step ${step}`);
      return v;
    },
  };
  for (const st of todo) {
    index++;
    const step = byId.get(st.id);
    const t0 = Date.now();
    const description = step?.description ?? st.description;
    if (keptIds.has(st.id)) {
      o.reporter.event({ type: 'step-finished', step: st.id, index, total, description, status: 'kept', elapsedMs: 0, note: kept.find((k) => k.id === st.id)?.reason });
      continue;
    }
    const argv = step?.destroy ?? step?.rollback;
    if (!argv) {
      o.reporter.event({ type: 'step-finished', step: st.id, index, total, description, status: 'nothing-to-remove', elapsedMs: 0, note: step ? 'nothing to remove on its own' : 'no longer in the plan: remove it by hand' });
      if (step) {
        st.origin = null;
        st.status = 'destroyed';
        await writeState(o.projectDir, o.state);
      }
      continue;
    }
    o.reporter.event({ type: 'step-started', step: st.id, index, total, description: `remove: ${description}` });
    try {
      const resolved = await resolveArgv(argv, resolvers);
      const r = await runner({ argv: resolved, cwd: o.projectDir, env: o.env, timeoutMs: 1000 * (step?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) });
      if (r.code !== 0 || r.spawnError) {
        const stderr = r.stderr.trim();
        const msg = `${resolved.slice(0, 3).join(' ')} ${r.spawnError ?? (r.timedOut ? 'timed out' : `exited with ${r.code}`)}${stderr ? `: ${stderr.split('\n').pop()}` : ''}`;
        o.reporter.event({ type: 'step-failed', step: st.id, index, total, description, elapsedMs: Date.now() - t0, error: msg, stderr: r.stderr });
        failed = st.id;
        error = msg;
        break;
      }
      st.origin = null;
      st.createdBy = null;
      st.status = 'destroyed';
      st.outputs = {};
      removed.push(st.id);
      await writeState(o.projectDir, o.state);
      o.reporter.event({ type: 'step-finished', step: st.id, index, total, description, status: 'destroyed', elapsedMs: Date.now() - t0 });
    } catch (err) {
      failed = st.id;
      error = err instanceof Error ? err.message : String(err);
      o.reporter.event({ type: 'step-failed', step: st.id, index, total, description, elapsedMs: Date.now() - t0, error, stderr: '' });
      break;
    }
  }
  const outcome: DestroyResult['outcome'] = failed ? 'failed' : kept.length ? 'partial' : 'destroyed';
  o.state.status = failed ? 'destroy-failed' : 'destroyed';
  await writeState(o.projectDir, o.state);
  const message = failed
    ? `could not remove ${failed}: fix the cause and run destroy again`
    : kept.length
      ? `removed ${removed.length} resource(s); kept ${kept.map((k) => k.id).join(', ')} (data; --include-data removes it)`
      : `removed everything phoenix-ops created for ${o.state.target}`;
  o.reporter.event({ type: 'run-finished', command: 'destroy', status: outcome, elapsedMs: Date.now() - started, message });
  return { outcome, removed, kept, failed, error, state: o.state };
}
