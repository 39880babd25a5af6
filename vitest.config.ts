import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per CPU minus one: a single worker on CI's two cores, idle while a
    // test waits for the processes it spawns (stub CLIs, sshd, nginx, chromium, check.py). Two workers
    // keep both cores busy.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    // The real-app corpus runs (the longest file by far) start first: test/sequencer.ts.
    sequence: { sequencer: LongestFirstSequencer },
    // `vitest run --coverage` (what scripts/test.sh, hence CI, runs; `npm run coverage` locally):
    // statements covered by the tests that run in-process (the CLI spawned as a separate process is not
    // measured), with a floor for the stages every other one builds on. scripts/coverage-folders.mjs
    // prints each folder's figure after the run.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // Figures also when a test fails (a flaky network test should not hide them).
      reportOnFailure: true,
      thresholds: {
        'src/audit/**': { statements: 90 },
        'src/scan/**': { statements: 90 },
        'src/facts/**': { statements: 90 },
      },
    },
  },
});
