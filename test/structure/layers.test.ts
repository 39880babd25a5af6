/**
 * The source tree reads as the pipeline: no import cycle anywhere in src/ (madge, type imports included),
 * and no stage imports a stage above it. Layers, lowest first: model (shared types and ids) → scan → facts
 * → audit | targets → plan → cost → apply | verify → report → cli (index.ts, the library entry, may use all).
 * A target folder also holds its code for two later stages, so adding a target touches only its folder:
 * src/targets/<id>/apply.ts (its apply adapter) and src/targets/<id>/cost.ts with cost/ (its pricing)
 * belong to the apply and cost stages.
 */
import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO } from '../helpers/project.js';

const LAYER: Record<string, number> = { model: 0, scan: 1, facts: 2, audit: 3, targets: 3, plan: 4, cost: 5, apply: 6, verify: 6, report: 7, cli: 8 };

function stageOf(file: string): string {
  const own = /^targets\/[^/]+\/(apply|cost)(\.ts$|\/)/.exec(file);
  if (own?.[1]) return own[1];
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '(root)';
}

/** Imports that go against the layer order (or sideways between two stages of the same layer). */
export function layerViolations(graph: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, deps] of Object.entries(graph)) {
    const a = stageOf(from);
    if (a === '(root)') continue;
    for (const to of deps) {
      // The package's own metadata (version, repository links) is data, not a stage.
      if (to === '../package.json') continue;
      const b = stageOf(to);
      if (a === b || b === '(root)') {
        if (b === '(root)') out.push(`${from} → ${to} (the library entry is above every stage)`);
        continue;
      }
      if (!(a in LAYER) || !(b in LAYER)) out.push(`${from} → ${to} (unknown stage ${!(a in LAYER) ? a : b})`);
      else if (LAYER[b]! >= LAYER[a]!) out.push(`${from} → ${to} (${a} may not import ${b})`);
    }
  }
  return out.sort();
}

describe('import structure of src/', () => {
  it('has no import cycle and no stage imports a stage above it', async () => {
    const res = await madge(join(REPO, 'src'), { fileExtensions: ['ts'], tsConfig: join(REPO, 'tsconfig.json'), detectiveOptions: { ts: { skipTypeImports: false } } });
    expect(res.circular()).toEqual([]);
    expect(layerViolations(res.obj())).toEqual([]);
  });

  it('the checks fail on a cycle and on an upward import (a hand-made graph)', () => {
    expect(layerViolations({ 'scan/a.ts': ['plan/b.ts'], 'plan/b.ts': ['model/c.ts'] })).toEqual(['scan/a.ts → plan/b.ts (scan may not import plan)']);
    expect(layerViolations({ 'audit/a.ts': ['targets/b.ts'] })).toHaveLength(1);
    expect(layerViolations({ 'targets/a.ts': ['facts/b.ts', 'model/c.ts', 'scan/d.ts'] })).toEqual([]);
    // A target's apply.ts and cost/ are apply- and cost-stage code: they may use those stages, the target's renderer may not.
    expect(layerViolations({ 'targets/x/apply.ts': ['apply/adapter.ts', 'targets/x/model.ts'], 'targets/x/cost/price.ts': ['cost/pricing.ts'] })).toEqual([]);
    expect(layerViolations({ 'targets/x/render.ts': ['targets/x/apply.ts'] })).toEqual(['targets/x/render.ts → targets/x/apply.ts (targets may not import apply)']);
  });
});
