#!/usr/bin/env node
// Entry point: runs the built CLI (dist/cli.js). `npm install` builds it through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// The Elixir grammar is a 1.4 MB WebAssembly module. Liftoff (V8's baseline wasm compiler) is plenty
// for the few files phoenix-ops parses; without this V8 also optimizes the module in background
// threads and the process waits ~150 ms for them at exit.
setFlagsFromString('--liftoff-only');

const dist = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('phoenix-ops: the CLI is not built yet; run `npm install` (or `npm run build`) in the phoenix-ops folder\n');
  process.exit(2);
}
await import(dist.href);
