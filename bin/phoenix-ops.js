#!/usr/bin/env node
// Entry point: runs the built CLI (dist/cli.js). `npm install` builds it through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('phoenix-ops: the CLI is not built yet; run `npm install` (or `npm run build`) in the phoenix-ops folder\n');
  process.exit(2);
}
await import(dist.href);
