/**
 * The Ecto repos and the app that owns them. In an umbrella the web app's `:ecto_repos` is usually
 * `[]` while a sibling domain app lists the repos: the release module must migrate *that* app.
 */
import type { Evidence, MixProject, Profile } from '../scan/profile.js';
import { kwGet } from '../scan/term.js';
import { computed } from './computed.js';
import { appliesToProd, webProject } from './project.js';

export interface EctoRepo {
  module: string;
  /** The otp app whose config lists it in `:ecto_repos` (or configures it, when no list exists). */
  app: string;
  evidence: Evidence;
}

/** Repos in `config :app, ecto_repos: [...]` applying in prod (every app that lists them), else `*.Repo` config keys; [] without a database. */
export const ectoRepos = computed((profile: Profile): readonly EctoRepo[] => {
  if (profile.database === 'none') return [];
  const out: EctoRepo[] = [];
  const seen = new Set<string>();
  for (const call of profile.facts.config) {
    if (call.key !== null || call.runtime || !appliesToProd(call)) continue;
    const repos = kwGet(call.opts, 'ecto_repos');
    if (!repos || repos.t !== 'list') continue;
    for (const item of repos.items) {
      if (item.t !== 'alias' || seen.has(`${call.app}:${item.v}`)) continue;
      seen.add(`${call.app}:${item.v}`);
      out.push({ module: item.v, app: call.app, evidence: profile.facts.modules[item.v] ?? { file: call.file, line: item.line ?? call.line } });
    }
  }
  if (out.length === 0) {
    for (const c of profile.facts.config) {
      if (!c.key || !/(^|\.)Repo$/.test(c.key) || seen.has(c.key) || !appliesToProd(c)) continue;
      seen.add(c.key);
      out.push({ module: c.key, app: c.app, evidence: profile.facts.modules[c.key] ?? { file: c.file, line: c.line } });
    }
  }
  return out;
});

/** Distinct repo modules, in config order. */
export function repoModules(profile: Profile): string[] {
  return [...new Set(ectoRepos(profile).map((r) => r.module))];
}

/**
 * The otp app whose `:ecto_repos` a release migrates: the app whose config lists the repos (in an
 * umbrella, a child whose folder defines them), else the web app's domain app, else the web app.
 */
export const migrationOwner = computed((profile: Profile): { otpApp: string; project: MixProject | null } => {
  const projects = profile.facts.projects.filter((p) => p.kind !== 'umbrella-root');
  const web = webProject(profile);
  const repos = ectoRepos(profile);
  const listing = repos.filter((r) => projects.some((p) => p.otpApp === r.app));
  // An app that lists the repos in :ecto_repos is what Ecto.Migrator reads; prefer it over the folder that defines the module.
  for (const repo of listing) {
    const owner = projects.find((p) => p.otpApp === repo.app);
    if (owner) return { otpApp: owner.otpApp, project: owner };
  }
  for (const repo of repos) {
    const defined = profile.facts.modules[repo.module];
    if (!defined) continue;
    const owner = [...projects]
      .sort((a, b) => b.path.length - a.path.length)
      .find((p) => p.path === '.' || defined.file.startsWith(`${p.path.replace(/\/+$/, '')}/`));
    if (owner) return { otpApp: owner.otpApp, project: owner };
  }
  const webOtp = web?.otpApp ?? profile.web.otpApp;
  const domain = webOtp.endsWith('_web') ? webOtp.slice(0, -4) : webOtp;
  const domainProject = projects.find((p) => p.otpApp === domain);
  if (domainProject) return { otpApp: domain, project: domainProject };
  return { otpApp: webOtp, project: web };
});
