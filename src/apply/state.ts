/**
 * `.phoenix-ops/state/<target>.json`: what apply did, step by step — status, the outputs parsed from the
 * provider's JSON, whether phoenix-ops created the thing or found it there. Written atomically after every
 * step. Never holds a secret value: sensitive outputs stay in memory, generated values are never recorded.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../plan/atomic.js';
import { errnoCode, errorMessage, isRecord } from './narrow.js';

export const STATE_DIR = '.phoenix-ops/state';

export type StepStatus =
  /** not run yet in the current run */
  | 'pending'
  | 'running'
  /** ran and succeeded */
  | 'done'
  /** the probe found it: not run, recorded as pre-existing */
  | 'pre-existing'
  /** done before with the same inputs: not run again */
  | 'unchanged'
  | 'failed'
  | 'rolled-back'
  /** its rollback failed: it may still exist */
  | 'rollback-failed'
  | 'destroyed';

export interface StepState {
  id: string;
  description: string;
  status: StepStatus;
  /** Who made the resource: phoenix-ops (in some run), or it was there before. Destroy removes only 'created'. */
  origin: 'created' | 'pre-existing' | null;
  /** The run that created it (rollback undoes only this run's creations). */
  createdBy: string | null;
  /** The run in which it updated something that existed before (rollback runs `undo`). */
  updatedBy: string | null;
  /** sha256 of the step's definition (and of the project files for rerun-on-change steps). */
  fingerprint: string | null;
  /** Non-secret outputs (ids, names) parsed from the provider's JSON. */
  outputs: Record<string, string>;
  startedAt: string | null;
  finishedAt: string | null;
  elapsedMs: number | null;
  /** One line, redacted. */
  error: string | null;
}

export type RunStatus = 'running' | 'applied' | 'failed' | 'rolled-back' | 'interrupted' | 'destroyed' | 'destroy-failed';

export interface ApplyState {
  version: 1;
  target: string;
  app: string;
  runId: string;
  status: RunStatus;
  startedAt: string;
  updatedAt: string;
  /** The step that failed or was interrupted (resume starts there). */
  stoppedAt: string | null;
  steps: StepState[];
}

export class StateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateError';
  }
}

export function statePath(projectDir: string, target: string): string {
  return join(projectDir, STATE_DIR, `${target}.json`);
}

export function lockPath(projectDir: string, target: string): string {
  return join(projectDir, STATE_DIR, `${target}.lock`);
}

export async function readState(projectDir: string, target: string): Promise<ApplyState | null> {
  const path = statePath(projectDir, target);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new StateError(`${STATE_DIR}/${target}.json is not valid JSON (${errorMessage(err)}); restore it from a backup or delete it (phoenix-ops then treats every resource as pre-existing)`);
  }
  if (!isStateFile(data)) throw new StateError(`${STATE_DIR}/${target}.json: expected "version": 1 and "steps"`);
  return data;
}

/** A state file phoenix-ops wrote: version 1 with its steps (written only by writeState, so the rest follows). */
function isStateFile(data: unknown): data is ApplyState {
  return isRecord(data) && data.version === 1 && Array.isArray(data.steps);
}

export async function writeState(projectDir: string, state: ApplyState): Promise<void> {
  state.updatedAt = new Date().toISOString();
  await writeFileAtomic(statePath(projectDir, state.target), `${JSON.stringify(state, null, 2)}\n`, 0o600);
}

export function emptyStepState(id: string, description: string): StepState {
  return { id, description, status: 'pending', origin: null, createdBy: null, updatedBy: null, fingerprint: null, outputs: {}, startedAt: null, finishedAt: null, elapsedMs: null, error: null };
}
