/**
 * Modules that migrate through `Ecto.Migrator` (written out or through `alias Ecto.Migrator`), and
 * from them the release-time migration module, whatever its name: `MyApp.Release` as
 * `mix phx.gen.release` writes it, a `ReleaseTasks` module, or a CLI module whose public function
 * reaches a migrating module (a Mix task module cannot run in a release by itself, but a release
 * module may call it).
 */
import { callName, functionsIn, type ModuleDef, walk } from '../elixir/ast.js';
import { lineOf } from '../elixir/parser.js';
import type { ModuleExtractor } from '../extractor.js';
import { aliasesIn, expandAlias } from '../helpers.js';
import type { Evidence, MigratorModule, ReleaseModuleInfo } from '../profile.js';

const MIGRATOR_CALL = /^Ecto\.Migrator\.(with_repo|run|up|down|migrations)$/;
const CALLS: ReadonlySet<string> = new Set(['call']);

/** Remote calls in a module, aliases expanded: `Migrator.run` → `Ecto.Migrator.run`. */
function remoteCalls(mod: ModuleDef): { name: string; line: number }[] {
  const aliases = aliasesIn(mod.body);
  const out: { name: string; line: number }[] = [];
  for (const n of mod.body) {
    walk(
      n,
      (c) => {
        const name = callName(c);
        if (!name || !/^[A-Z]/.test(name) || !name.includes('.')) return;
        const dot = name.lastIndexOf('.');
        out.push({ name: `${expandAlias(name.slice(0, dot), aliases)}${name.slice(dot)}`, line: lineOf(c) });
      },
      CALLS,
    );
  }
  return out;
}

export function extractMigrator(mod: ModuleDef, file: string): MigratorModule | null {
  const calls = remoteCalls(mod);
  const migrator = calls.filter((c) => MIGRATOR_CALL.test(c.name));
  const publicFns = [...new Set(functionsIn(mod.body).filter((f) => f.kind === 'def').map((f) => f.name))];
  return {
    module: mod.name,
    file,
    line: mod.line,
    publicFunctions: publicFns,
    migratorCalls: migrator.map((c) => c.line),
    calls: [...new Set(calls.map((c) => c.name.slice(0, c.name.lastIndexOf('.'))))].sort(),
    mixTask: mod.name.startsWith('Mix.Tasks.'),
    migrateStartsRepo: migrateStartsRepo(mod),
  };
}

/**
 * Whether a file's text can hold an `Ecto.Migrator.*` call as `remoteCalls` reads it: written out,
 * through `alias Ecto.{Migrator, …}`, or through an alias of `Ecto` itself (`alias Ecto, as: E`).
 */
export function mayCallEctoMigrator(text: string): boolean {
  return /\bEcto\.(?:\{[^}]*)?\bMigrator\b/.test(text) || (/\balias\s+Ecto\s*,/.test(text) && text.includes('Migrator'));
}

/** What starts the Repo for a migration run under `eval`: the migrator's own start, the app, or the Repo itself. */
const STARTS_REPO = /^(Ecto\.Migrator\.with_repo|Application\.(ensure_all_started|ensure_started|start)|.+\.start_link)$/;

/** Whether the public `migrate` reaches a call that starts the Repo, through the module's own functions. */
function migrateStartsRepo(mod: ModuleDef): boolean | null {
  const fns = functionsIn(mod.body);
  if (!fns.some((f) => f.kind === 'def' && f.name === 'migrate')) return null;
  const aliases = aliasesIn(mod.body);
  const seen = new Set<string>();
  const queue = ['migrate'];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const fn of fns.filter((f) => f.name === name)) {
      let starts = false;
      for (const n of fn.body) {
        walk(
          n,
          (c) => {
            const called = callName(c);
            if (!called) return;
            const dot = called.lastIndexOf('.');
            const full = dot > 0 && /^[A-Z]/.test(called) ? `${expandAlias(called.slice(0, dot), aliases)}${called.slice(dot)}` : called;
            if (STARTS_REPO.test(full)) starts = true;
            else if (dot < 0) queue.push(called);
          },
          CALLS,
        );
      }
      if (starts) return true;
    }
  }
  return false;
}

/** Reads every module that calls Ecto.Migrator, and modules that call into those (found in a second pass). */
export const migratorExtractor: ModuleExtractor<MigratorModule> = {
  id: 'migrator',
  markers: ['Migrator'],
  // Data migrators named `…Migrator` are common in large apps: only a file naming Ecto's can call it.
  wants: mayCallEctoMigrator,
  matches: () => true,
  extract: (mod, ctx) => {
    const m = extractMigrator(mod, ctx.file);
    return m && m.migratorCalls.length > 0 ? m : null;
  },
};

/**
 * The release module: a non-Mix-task module with a public `migrate` that calls Ecto.Migrator, else one
 * whose public function calls a migrating module (one hop, e.g. a CLI module calling a migrate task).
 */
export function releaseModulesFrom(migrators: readonly MigratorModule[], callers: readonly MigratorModule[]): ReleaseModuleInfo[] {
  const out: ReleaseModuleInfo[] = [];
  const info = (m: MigratorModule): ReleaseModuleInfo => ({
    module: m.module,
    file: m.file,
    functions: m.publicFunctions,
    usesMigrator: true,
    evidence: { file: m.file, line: m.line },
    ...(m.migrateStartsRepo !== undefined ? { migrateStartsRepo: m.migrateStartsRepo } : {}),
  });
  for (const m of migrators) if (!m.mixTask && m.publicFunctions.includes('migrate')) out.push(info(m));
  if (out.length) return out;
  const migrating = new Set(migrators.map((m) => m.module));
  for (const c of callers) {
    if (c.mixTask || migrating.has(c.module) || c.publicFunctions.length === 0) continue;
    if (c.calls.some((called) => migrating.has(called))) out.push(info(c));
  }
  if (out.length) return out;
  // A migrating module with public functions but no `migrate` (e.g. `run_migrations/0`).
  for (const m of migrators) if (!m.mixTask && m.publicFunctions.some((f) => /migrat/i.test(f))) out.push(info(m));
  return out;
}

/** Ecto.Migrator calls outside any release module (e.g. at boot, in the Application). */
export function strayMigratorCalls(migrators: readonly MigratorModule[], release: readonly ReleaseModuleInfo[]): Evidence[] {
  const rel = new Set(release.map((r) => r.module));
  return migrators.filter((m) => !rel.has(m.module)).flatMap((m) => m.migratorCalls.map((line) => ({ file: m.file, line })));
}
