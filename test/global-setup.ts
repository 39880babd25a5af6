/**
 * Before any test: writes the generated sources (scripts/generate.mjs: rule index, registries, compiled
 * templates; not tracked by git), then builds the CLI once for the tests that spawn it
 * (bin/phoenix-ops.js runs dist/cli.js).
 *
 * It also takes NODE_EXTRA_CA_CERTS out of the environment the test workers and every process they
 * start inherit. Node 20 reads and parses that bundle when a process starts (~50 ms of CPU per process
 * for a system bundle on CI's machine, where it is set), and the suite starts thousands of Node
 * processes (the CLI, the provider stubs, check.py's validators) that make no TLS connection beyond
 * loopback test servers, which trust their test CA through --ca-file. The value is kept in
 * PHOENIX_OPS_TEST_NODE_EXTRA_CA_CERTS for the one step that reaches the npm registry (check.py
 * installing its validators, test/corpus/generate.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../scripts/generate.mjs';
import { EXTRA_CA_KEPT } from './helpers/extra-ca.js';

export default function setup(): void {
  if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
    process.env[EXTRA_CA_KEPT] = process.env.NODE_EXTRA_CA_CERTS;
    delete process.env.NODE_EXTRA_CA_CERTS;
  }
  generate();
  if (process.env.PHOENIX_OPS_SKIP_BUILD) return;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${(r.stderr || r.stdout).split('\n').slice(0, 20).join('\n')}`);
}
