import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'release-migrations-missing',
  title: 'No way to run migrations from a release',
  category: 'releases',
  severity: 'high',
  description:
    'A release contains no Mix, so `mix ecto.migrate` is not available where the app runs. Without a release module that calls `Ecto.Migrator` (what `mix phx.gen.release` writes as `MyApp.Release.migrate/0` with `bin/migrate`), deploys either skip migrations or need the source tree and Mix next to production.',
  fix: 'Run `mix phx.gen.release` (writes lib/my_app/release.ex, rel/overlays/bin/migrate and bin/server), then run `/app/bin/migrate` before the new version starts (fly.toml `release_command`, a Kubernetes Job or init container).',
  equivalents: [],
  requires: ['database', 'ectoRepos', 'releaseBoot'],
  messages: {
    oneRepo:
      '{{repos}} is configured but no module calls Ecto.Migrator from a release (no {{releaseModule}}.migrate/0): `mix ecto.migrate` does not exist inside a release, so deploys cannot migrate the database',
    repos:
      '{{repos}} are configured but no module calls Ecto.Migrator from a release (no {{releaseModule}}.migrate/0): `mix ecto.migrate` does not exist inside a release, so deploys cannot migrate the database',
  },
  check({ profile, ectoRepos: repos }) {
    if (profile.releaseModule) return [];
    // Migrations run another way: an Ecto.Migrator child in the supervision tree, or a migrator call elsewhere in lib/.
    if (profile.facts.applications.some((a) => a.children.some((c) => c.module === 'Ecto.Migrator'))) return [];
    if (profile.facts.migratorCalls.length > 0) return [];
    const names = repos.map((r) => r.module).join(', ');
    const [first] = repos;
    const releaseMod = /\.Repo$/.test(first.module) ? first.module.replace(/\.Repo$/, '.Release') : 'MyApp.Release';
    return [
      {
        messageId: repos.length === 1 ? 'oneRepo' : 'repos',
        data: { repos: names, releaseModule: releaseMod },
        evidence: [first.evidence],
      },
    ];
  },
});
