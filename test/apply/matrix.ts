/**
 * The fault matrix: for every step N of a target, a failure injected at N (the stub of that step's CLI
 * exits 1) must leave the providers exactly as they were before the run (rollback), `--resume` after a
 * kept failure must complete, a second apply after success must change nothing, and no secret value may
 * appear in any recorded argv, the ledger, the state file or the output.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { Step } from '../../src/model/plan.js';
import { failWords, runApply, stateText, StubWorld, type TargetProject } from './harness.js';

export interface MatrixCase {
  project: TargetProject;
  /** Values the user supplies (env vars in CI). */
  inputs?: Record<string, string>;
  /** Runs before each cell against a fresh world (e.g. things that exist before the first apply). */
  seed?: (world: StubWorld) => void;
}

/** The ledger with random parts (digests of random values, generated ids) blotted out: what must match between runs. */
export function shape(v: unknown, blot = (t: string) => t.replace(/[0-9a-f]{16}/g, '#')): unknown {
  if (typeof v === 'string') return blot(v);
  if (Array.isArray(v)) return v.map((x) => shape(x, blot));
  if (v && typeof v === 'object') {
    const entries = Object.entries(v)
      .map(([k, x]) => [blot(k), shape(x, blot)] as const)
      .filter(([, x]) => !(x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0));
    return Object.fromEntries(entries);
  }
  return v;
}

/** The ledger with empty sections dropped (a read that created an empty table holds nothing). */
export const canon = (v: unknown) => shape(v, (t) => t);

function assertNoLeak(world: StubWorld, p: TargetProject, outputs: string[], inputs: Record<string, string>, where: string, complete: boolean): void {
  const values = [...world.secretValues(), ...Object.values(inputs)].filter((v) => v.length >= 8);
  // After a complete run the secret stores hold values, or the leak check would prove nothing.
  if (complete) expect(world.secretValues().length, `${where}: the fake secret stores received nothing`).toBeGreaterThan(0);
  const haystacks: Record<string, string> = { 'recorded provider calls (argv)': world.calledArgv(), 'state file': stateText(p), output: outputs.join('\n') };
  for (const v of values) for (const [name, text] of Object.entries(haystacks)) expect(text.includes(v), `${where}: a secret value appears in the ${name}`).toBe(false);
}

/** For each step, the words its failure is injected on and which matching call that is (steps may share a command). */
function failPoints(steps: Step[]): { words: string; nth: number }[] {
  const words = steps.map((s) => failWords(s.command));
  return words.map((w, i) => ({ words: w, nth: words.slice(0, i + 1).filter((x) => x === w).length }));
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

/** A copy of the generated project, with no state: each cell gets its own. */
function cellProject(p: TargetProject): TargetProject {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-cell-'));
  cpSync(p.dir, dir, { recursive: true });
  rmSync(join(dir, '.phoenix-ops', 'state'), { recursive: true, force: true });
  cells.push(dir);
  return { ...p, dir };
}

const cells: string[] = [];
afterAll(() => {
  for (const d of cells.splice(0)) rmSync(d, { recursive: true, force: true });
});

export async function faultMatrix(c: MatrixCase): Promise<{ cells: number }> {
  const steps = c.project.plan.steps;
  const points = failPoints(steps);
  const inputs = c.inputs ?? {};

  // A clean run: the reference ledger.
  const ref = new StubWorld();
  c.seed?.(ref);
  const clean = await runApply(ref, cellProject(c.project), { env: inputs });
  expect(clean.run.outcome, clean.output).toBe('applied');
  const fullLedger = ref.ledger();

  await pool([...steps.keys()], 2, async (n) => {
    const step = steps[n]!;
    const fault = { STUB_FAIL_ARGV: points[n]!.words, STUB_FAIL_NTH: String(points[n]!.nth) };
    const where = `${c.project.plan.target} failure at step ${n + 1} (${step.id})`;
    // 1. failure → rollback → the providers hold what they held before.
    const p = cellProject(c.project);
    const w = new StubWorld();
    c.seed?.(w);
    const before = w.ledger();
    const failed = await runApply(w, p, { env: { ...inputs, ...fault } });
    expect(failed.run.outcome, `${where}\n${failed.output}`).toBe('rolled-back');
    expect(failed.run.failedStep, where).toBe(step.id);
    expect(failed.output).toContain('injected failure');
    expect(canon(w.ledger()), `${where}: ledger after rollback`).toEqual(canon(before));
    const outputs = [failed.output];
    if (n === steps.length - 1) {
      // After a rollback --resume has nothing to resume: it applies from the start and completes.
      const again = await runApply(w, p, { resume: true, env: inputs });
      expect(again.run.outcome, `${where}: apply --resume after the rollback\n${again.output}`).toBe('applied');
      expect(shape(w.ledger()), `${where}: resumed ledger`).toEqual(shape(fullLedger));
      outputs.push(again.output);
    }
    assertNoLeak(w, p, outputs, inputs, where, n === steps.length - 1);

    // 2. failure kept (--keep-on-failure) → fix → --resume continues from step N.
    const q = cellProject(c.project);
    const k = new StubWorld();
    c.seed?.(k);
    const kept = await runApply(k, q, { keepOnFailure: true, env: { ...inputs, ...fault } });
    expect(kept.run.outcome, where).toBe('failed');
    const plain = await runApply(k, q, { env: inputs }).catch((e: Error) => e);
    expect(plain, `${where}: a plain apply after a kept failure must point at --resume`).toBeInstanceOf(Error);
    expect((plain as Error).message).toContain('--resume');
    const resumed = await runApply(k, q, { resume: true, env: inputs });
    expect(resumed.run.outcome, `${where}: --resume\n${resumed.output}`).toBe('applied');
    const rerun = resumed.events.filter((e) => e.type === 'step-started').map((e) => (e as { step: string }).step);
    expect(rerun[0], `${where}: --resume starts at the failed step`).toBe(step.id);
    expect(shape(k.ledger()), `${where}: ledger after resume`).toEqual(shape(fullLedger));
    const full = k.ledger();

    // 3. a second apply after success changes nothing: no write call at all.
    const writesBefore = k.calls().filter((x) => x.write).length;
    const second = await runApply(k, q, { env: inputs });
    expect(second.run.outcome, `${where}: second apply`).toBe('unchanged');
    expect(k.calls().filter((x) => x.write).length, `${where}: the second apply made provider changes`).toBe(writesBefore);
    expect(k.ledger(), `${where}: the second apply changed the ledger`).toEqual(full);
    assertNoLeak(k, q, [kept.output, resumed.output, second.output], inputs, where, true);
  });
  return { cells: steps.length };
}
