/**
 * The order test files start in. Vitest's own order runs the files it has no timings for largest
 * first, which on a clean checkout (CI) starts the real-app corpus runs somewhere in the middle: the
 * longest file, ~20 minutes of its own on two processes, then ends the run alone. Starting it first
 * lets every other file run beside it on the second worker, so the whole run takes about as long as
 * that one file.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that run first, longest first (paths relative to the repository, with `/`). */
export const FIRST = ['test/corpus/generate.test.ts', 'test/corpus/accuracy.test.ts'];

function rank(spec: TestSpecification): number {
  const path = spec.moduleId.replaceAll('\\', '/');
  const i = FIRST.findIndex((f) => path.endsWith(`/${f}`));
  return i < 0 ? FIRST.length : i;
}

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array#sort is stable: within a rank, Vitest's own order stays.
    return sorted.map((spec) => ({ spec, rank: rank(spec) })).sort((a, b) => a.rank - b.rank).map((x) => x.spec);
  }
}
