import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // `npm run coverage`: statements covered by the tests that run in-process (the CLI spawned as a
    // separate process is not measured), with a floor for the stages every other one builds on.
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
