#!/usr/bin/env node
// Writes every generated source file under src/. None of them is tracked by git (.gitignore lists each):
// each is the compiled form of files that are, so keeping both in the repository would only keep two copies.
//   src/audit/rules/index.ts          the rule files of that folder          (gen-rules-index.mjs)
//   src/targets/index.ts              the target folders src/targets/<id>/  (gen-targets-index.mjs)
//   src/apply/adapters/index.ts       every target folder with an apply.ts
//   src/cost/registry.ts              every target folder with a cost.ts
//   src/targets/<id>/templates/index.ts   the .eta templates beside it     (gen-templates.mjs)
//   src/plan/rehearse/scripts.ts      the Elixir scripts beside it
// `npm run build` runs it first (so `npm install`/`npm ci` do, through `prepare`), and so does the test
// suite's global setup: after editing a template or adding a rule or target, any of them brings the
// generated files up to date. A file is written only when its text changes, atomically.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rulesIndex } from './gen-rules-index.mjs';
import { registryFiles } from './gen-targets-index.mjs';
import { expectedIndexes, expectedScripts } from './gen-templates.mjs';

/** Every generated file: absolute path → its text. */
export function generatedFiles() {
  return new Map([...rulesIndex(), ...registryFiles(), ...expectedIndexes(), ...expectedScripts()]);
}

/** Writes the generated files whose text changed; returns their paths. */
export function generate() {
  const written = [];
  for (const [path, text] of generatedFiles()) {
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    written.push(path);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) generate();
