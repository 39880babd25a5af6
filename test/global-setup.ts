/**
 * Before any test: writes the generated sources (scripts/generate.mjs: rule index, registries, compiled
 * templates; not tracked by git), then builds the CLI once for the tests that spawn it
 * (bin/phoenix-ops.js runs dist/cli.js).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../scripts/generate.mjs';

export default function setup(): void {
  generate();
  if (process.env.PHOENIX_OPS_SKIP_BUILD) return;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${(r.stderr || r.stdout).split('\n').slice(0, 20).join('\n')}`);
}
