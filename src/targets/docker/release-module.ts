/**
 * `lib/<app>/release.ex`: the release tasks module `bin/migrate` calls, written when an Ecto app has
 * none (the phx.gen.release shape: every repo in `:ecto_repos` through `Ecto.Migrator.with_repo`,
 * loading the app and starting :ssl first). `mix format`-clean by construction (templates/release.ex.eta);
 * the tests check it.
 */
import type { DeployFacts } from '../../facts/deploy.js';
import { releaseEx } from './templates/index.js';

export function releaseModule(f: DeployFacts): string {
  return releaseEx.render({
    releaseModule: f.releaseModule,
    releaseName: f.releaseName,
    repo: f.ectoRepos[0] ?? `${f.appModule}.Repo`,
    app: f.releaseModuleApp,
  });
}
