// StrykerJS mutation testing, run by hand (never in CI): `npm run mutation:elixir`, `npm run mutation:rules`.
// MUTATION_SET (set by those scripts) names the folder mutated and the tests run against it
// (vitest.stryker.config.ts); results are kept per set in reports/ so a re-run only tests what changed.
const MUTATE = {
  elixir: ['src/scan/elixir/**/*.ts'],
  rules: ['src/audit/rules/**/*.ts'],
};

const set = process.env.MUTATION_SET ?? 'elixir';
if (!MUTATE[set]) throw new Error(`MUTATION_SET must be one of ${Object.keys(MUTATE).join(', ')}, not ${set}`);
// MUTATION_FILES (comma-separated globs) narrows a run to part of the set, e.g. one file at a time; each part
// keeps its own incremental results.
const files = process.env.MUTATION_FILES?.split(',').filter(Boolean);
const part = files ? `-${files.map((f) => f.replace(/^.*\//, '').replace(/\W+/g, '_')).join('+')}` : '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: files ?? MUTATE[set],
  // Each mutant runs only the tests that executed its code in the dry run.
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${set}${part}.json`,
  // The machine is shared (two cores): one test runner at a time.
  concurrency: 1,
  // Mutants in code run at import (module-level tables) would each need every test with a fresh import:
  // skipped (reported as ignored), which also keeps vitest's shared module graph (isolate: false) correct.
  ignoreStatic: true,
  // A rule's test scans a whole fixture project; mutants that slow a scan down get room before they count as timeouts.
  timeoutMS: 10_000,
  // vitest strips types without checking them, so the sandbox needs no `// @ts-nocheck` (which would
  // also break the test that compares the generated rule index with its file).
  disableTypeChecks: false,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation-${set}${part}.json` },
  ignorePatterns: ['coverage', 'reports', 'bench/.work', 'test-artifacts'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
