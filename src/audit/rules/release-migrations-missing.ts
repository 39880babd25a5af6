import { ectoRepos, mixStartedDockerfile } from '../facts.js';
import { notApplicable, type Rule } from '../types.js';

export const rule = {
  id: 'release-migrations-missing',
  title: 'No way to run migrations from a release',
  category: 'releases',
  severity: 'high',
  description:
    'A release contains no Mix, so `mix ecto.migrate` is not available where the app runs. Without a release module that calls `Ecto.Migrator` (what `mix phx.gen.release` writes as `MyApp.Release.migrate/0` with `bin/migrate`), deploys either skip migrations or need the source tree and Mix next to production.',
  fix: 'Run `mix phx.gen.release` (writes lib/my_app/release.ex, rel/overlays/bin/migrate and bin/server), then run `/app/bin/migrate` before the new version starts (fly.toml `release_command`, a Kubernetes Job or init container).',
  equivalents: [],
  check(profile) {
    const repos = ectoRepos(profile);
    if (repos.length === 0) return notApplicable(profile.database === 'none' ? 'no database' : 'no Ecto repo found');
    if (profile.releaseModule) return [];
    const mix = mixStartedDockerfile(profile);
    if (mix) return notApplicable(`the app runs from Mix (${mix.file}:${mix.line}), where \`mix ecto.migrate\` is available`);
    // Migrations run another way: an Ecto.Migrator child in the supervision tree, or a migrator call elsewhere in lib/.
    if (profile.facts.applications.some((a) => a.children.some((c) => c.module === 'Ecto.Migrator'))) return [];
    if (profile.facts.migratorCalls.length > 0) return [];
    const names = repos.map((r) => r.module).join(', ');
    const releaseMod = /\.Repo$/.test(repos[0]!.module) ? repos[0]!.module.replace(/\.Repo$/, '.Release') : 'MyApp.Release';
    return [
      {
        message: `${names} ${repos.length === 1 ? 'is' : 'are'} configured but no module calls Ecto.Migrator from a release (no ${releaseMod}.migrate/0): \`mix ecto.migrate\` does not exist inside a release, so deploys cannot migrate the database`,
        evidence: [repos[0]!.evidence],
      },
    ];
  },
} as const satisfies Rule;
