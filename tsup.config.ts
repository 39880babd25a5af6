import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // Not `clean`: a build must never leave a window where dist/ is empty under a running CLI.
  clean: false,
  splitting: true,
  dts: false,
});
