/**
 * The vitest configuration StrykerJS runs (`npm run mutation:elixir`, `npm run mutation:rules`): only the
 * unit-level tests of the code being mutated, so a mutant never starts a corpus, SSH, nginx or browser
 * run. MUTATION_SET (set by the npm scripts) picks the folders; the CLI-spawning tests among them run the
 * dist/ built before Stryker starts (the scripts build first), which mutants do not reach.
 */
import { defineConfig } from 'vitest/config';

const TESTS: Record<string, string[]> = {
  elixir: ['test/scan/unit/**/*.test.ts', 'test/facts/**/*.test.ts'],
  rules: ['test/audit/**/*.test.ts'],
};

// Tests that read the source text of src/ (the catalog's message-id and index checks) would read the
// instrumented copy Stryker runs: left out.
const READS_SOURCE = ['test/audit/catalog.test.ts'];

const set = process.env.MUTATION_SET ?? 'elixir';
const include = TESTS[set];
if (!include) throw new Error(`MUTATION_SET must be one of ${Object.keys(TESTS).join(', ')}, not ${set}`);

export default defineConfig({
  test: {
    include,
    exclude: ['**/node_modules/**', ...READS_SOURCE],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One module graph per run instead of one per test file: a mutant's run re-imports the scanner (and
    // tree-sitter) once, not once per covering file. Safe because stryker.config.mjs ignores static
    // mutants (the only ones that need a fresh import).
    isolate: false,
  },
});
