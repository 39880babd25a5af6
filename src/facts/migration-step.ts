/**
 * Whether a target runs the migrations as a separate step (Fly's `release_command`, a Kubernetes or
 * Cloud Run job, a Compose one-shot service): only for an Ecto app whose migrate function can run
 * under `bin/<release> eval` (it starts the Repo: `Ecto.Migrator.with_repo`, the app, or the Repo
 * itself) and that does not already migrate when it boots. Otherwise no step, and a note that says why.
 */
import type { Profile } from '../scan/profile.js';
import { computed } from './computed.js';
import { commandText, migrationCommand, phoenixDockerfiles, runnerInstructions } from './dockerfile.js';

export interface MigrationStep {
  /** Run `bin/migrate` as its own step before the new version starts. */
  run: boolean;
  /** Why not (or a caveat), for the plan's notes; null when the step runs as usual. */
  note: string | null;
}

/** Migrations that run when the app boots: Ecto.Migrator in the Application, or a Dockerfile start command / bin/server that migrates. */
export function bootMigration(p: Profile): boolean {
  const appFiles = new Set(p.facts.applications.map((a) => a.file));
  if (p.facts.migratorCalls.some((e) => appFiles.has(e.file))) return true;
  if (p.facts.applications.some((a) => a.children.some((c) => c.module === 'Ecto.Migrator'))) return true;
  for (const d of phoenixDockerfiles(p)) {
    const start = runnerInstructions(d).filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    for (const i of start) {
      const text = commandText(i);
      if (migrationCommand(p, text) && !/^\S*bin\/migrate$/.test(text.trim())) return true;
      for (const m of text.matchAll(/(?:^|[\s/"'])bin\/([\w.-]+)/g)) {
        if (m[1] === 'migrate') continue;
        const script = p.facts.relScripts.find((s) => s.file.endsWith(`rel/overlays/bin/${m[1]}`));
        if (script && migrationCommand(p, script.text)) return true;
      }
    }
  }
  return false;
}

/** The decision for an Ecto app (`usesEcto`); SQLite and apps without Ecto are the targets' own cases. */
export const migrationStep = computed((p: Profile): MigrationStep => {
  if (bootMigration(p)) {
    return { run: false, note: 'The app already runs its migrations when it boots (Ecto.Migrator in its supervision tree or its start command), so no separate migration step is generated.' };
  }
  const rm = p.facts.releaseModules[0];
  if (rm && rm.migrateStartsRepo === false) {
    return {
      run: false,
      note: `${rm.module}.migrate (${rm.file}) never starts the Repo (no Ecto.Migrator.with_repo, no Application.ensure_all_started), so \`bin/migrate\` would raise under \`eval\`: no migration step is generated. Wrap its migrations in \`Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))\` (what \`mix phx.gen.release\` writes), then regenerate.`,
    };
  }
  return { run: true, note: null };
});
