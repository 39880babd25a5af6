/**
 * A release-time migration module (`MyApp.Release` as `mix phx.gen.release` writes it): functions
 * that run `Ecto.Migrator.with_repo`/`run` from a release, without Mix.
 */
import { callName, functionsIn, type ModuleDef, walk } from '../elixir/ast.js';
import type { ReleaseModuleInfo } from '../profile.js';

export function extractReleaseModule(mod: ModuleDef, file: string): ReleaseModuleInfo | null {
  const fns = functionsIn(mod.body);
  let usesMigrator = false;
  for (const n of mod.body) {
    walk(
      n,
      (c) => {
        const name = callName(c);
        if (name && /^Ecto\.Migrator\.(with_repo|run)$/.test(name)) usesMigrator = true;
      },
      new Set(['call']),
    );
    if (usesMigrator) break;
  }
  if (!usesMigrator) return null;
  const publicFns = [...new Set(fns.filter((f) => f.kind === 'def').map((f) => f.name))];
  if (!publicFns.includes('migrate')) return null;
  return { module: mod.name, file, functions: publicFns, usesMigrator, evidence: { file, line: mod.line } };
}
