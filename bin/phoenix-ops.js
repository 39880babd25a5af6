#!/usr/bin/env node
// Entry point: runs the built CLI (dist/cli.js). `npm install` builds it through the `prepare` script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A run lasts a few hundred milliseconds: V8's optimizing compiler (TurboFan) spends more on
// compiling hot functions than the run gains from them (measured: ~12% less CPU on the corpus apps
// and on a 10,000-file umbrella without it). The baseline compilers stay on.
setFlagsFromString('--no-opt');
// Grow the heap in smaller steps and collect sooner: a run is short and allocates most of what it
// keeps (file texts, syntax trees) early, so the default growth leaves tens of MB of head room that
// is never used (measured: peak RSS of the largest corpus umbrella 119 -> 99 MB, CPU unchanged).
setFlagsFromString('--optimize-for-size');
// When the native tree-sitter binding is not available, the Elixir grammar is a 1.4 MB WebAssembly
// module: Liftoff (V8's baseline wasm compiler) is plenty for the few files phoenix-ops parses;
// without this V8 also optimizes the module in background threads and the exit waits for them.
setFlagsFromString('--liftoff-only');

// No Node warning reaches the user's terminal: a dependency's warning (yaml on a Helm template's
// `{{ … }}` keys), a deprecation or an experimental-feature notice says nothing about their project,
// and stderr is for phoenix-ops's own one-line messages. Node prints warnings through its default
// 'warning' listener, removed here; --debug shows them again.
process.removeAllListeners('warning');
if (process.argv.includes('--debug')) process.on('warning', (w) => process.stderr.write(`(debug) ${w.name}: ${w.message}\n`));

const dist = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('phoenix-ops: the CLI is not built yet; run `npm install` (or `npm run build`) in the phoenix-ops folder\n');
  process.exit(2);
}
await import(dist.href);
