/**
 * Questions every target asks of the scanned project, answered once: where the Phoenix project sits,
 * which Mix project is the web app, which app owns the Ecto repos, which config files are read at
 * build time. Pure: reads only the Profile.
 */
import { matchesPathGlob } from '../scan/path-glob.js';
import { kwGet } from '../scan/term.js';
import type { MixProject, Profile } from '../scan/profile.js';

/** A path relative to the scanned root → relative to the Phoenix project folder (generated files use these). */
export function projectRel(profile: Profile, rootRel: string): string {
  const base = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath.replace(/\/+$/, '')}/`;
  return base && rootRel.startsWith(base) ? rootRel.slice(base.length) : rootRel;
}

/** Inverse of projectRel: a project-relative path → relative to the scanned root (for evidence and lookups). */
export function rootRel(profile: Profile, projRel: string): string {
  return profile.projectPath === '.' || profile.projectPath === '' ? projRel : `${profile.projectPath.replace(/\/+$/, '')}/${projRel}`;
}

/** The Mix project of the web app (the one holding the endpoint), else the first with Phoenix, else the first. */
export function webProject(profile: Profile): MixProject | null {
  const projects = profile.facts.projects;
  return projects.find((p) => p.otpApp === profile.web.otpApp) ?? projects.find((p) => p.phoenix && p.kind !== 'umbrella-root') ?? projects[0] ?? null;
}

/** The project folder of a Mix project relative to the Phoenix project folder ('' for the project itself). */
export function projectDir(profile: Profile, project: MixProject): string {
  const rel = projectRel(profile, project.path);
  return rel === '.' || rel === profile.projectPath ? '' : rel;
}

export interface EctoRepo {
  module: string;
  /** The otp app whose config lists it in `:ecto_repos`. */
  app: string;
}

/** A config call or env read that applies in prod (`envs` when the scan gives it, else the coarse `env`). */
export function appliesToProd(x: { env: string; envs?: readonly string[] }): boolean {
  return Array.isArray(x.envs) ? x.envs.includes('prod') : x.env === 'prod' || x.env === 'all' || x.env === 'other';
}

/** Repos listed in `config :app, ecto_repos: [...]` (every app that lists them), in config order, deduplicated. */
export function ectoRepos(profile: Profile): EctoRepo[] {
  const out: EctoRepo[] = [];
  const seen = new Set<string>();
  for (const call of profile.facts.config) {
    if (call.key !== null || call.runtime) continue;
    if (!appliesToProd(call)) continue;
    const repos = kwGet(call.opts, 'ecto_repos');
    if (!repos || repos.t !== 'list') continue;
    for (const item of repos.items) {
      if (item.t !== 'alias') continue;
      const key = `${call.app}:${item.v}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ module: item.v, app: call.app });
    }
  }
  return out;
}

/**
 * Config files read when the release is compiled (config.exs, the prod file, and what they import),
 * relative to the Phoenix project folder, in import order. Dev and test files are left out, and so are
 * runtime.exs / releases.exs.
 */
export function buildTimeConfigFiles(profile: Profile): string[] {
  const files = profile.facts.configFiles;
  const byName = new Map(files.map((f) => [f.file, f]));
  const web = webProject(profile);
  const root = profile.facts.projects.find((p) => p.kind === 'umbrella-root') ?? web;
  const configDir = root ? `${root.path === '.' ? '' : `${root.path.replace(/\/+$/, '')}/`}config` : 'config';
  const entry = byName.get(`${configDir}/config.exs`) ?? files.find((f) => !f.runtime && f.file.endsWith('/config.exs') && f.env === 'all');
  const out: string[] = [];
  const visit = (file: string): void => {
    if (out.includes(file)) return;
    const info = byName.get(file);
    if (info && (info.runtime || info.env === 'dev' || info.env === 'test')) return;
    out.push(file);
    for (const imported of info?.imports ?? []) visit(imported);
  };
  if (entry) visit(entry.file);
  else out.push(`${configDir}/config.exs`);
  // `import_config "../apps/*/config/config.exs"` and `"*.secret.exs"` name files by pattern: expand them
  // against the files present (COPY with a wildcard flattens folders). Each config.exs usually imports
  // `#{config_env()}.exs` (or `#{Mix.env()}.exs`), so the prod file beside it is read at build time too.
  const present = profile.facts.files ?? [];
  if (present.length === 0) return out.map((f) => projectRel(profile, f));
  const has = new Set(present);
  const expanded: string[] = [];
  const add = (f: string) => {
    if (!expanded.includes(f)) expanded.push(f);
  };
  for (const f of out) {
    const matches = f.includes('*') ? present.filter((p) => matchesPathGlob(f, p)) : has.has(f) ? [f] : [];
    for (const m of matches) {
      const info = byName.get(m);
      if (info && (info.runtime || info.env === 'dev' || info.env === 'test')) continue;
      if (/(^|\/)(dev|test|runtime|releases)(\.[\w-]+)?\.exs$/.test(m) && !byName.has(m)) continue;
      add(m);
      const prod = m.replace(/config\.exs$/, 'prod.exs');
      if (m.endsWith('/config.exs') || m === 'config.exs') if (has.has(prod)) add(prod);
    }
  }
  return expanded.map((f) => projectRel(profile, f));
}

/** The runtime config file (runtime.exs / releases.exs) relative to the Phoenix project folder, or null. */
export function runtimeConfigFile(profile: Profile): string | null {
  return profile.runtimeConfig.file ? projectRel(profile, profile.runtimeConfig.file) : null;
}

/** True when the project depends on `name` (any Mix project, any environment but dev/test only). */
export function hasDep(profile: Profile, name: string, opts: { prodOnly?: boolean } = {}): boolean {
  return profile.facts.projects.some((p) =>
    p.deps.some((d) => d.name === name && (!opts.prodOnly || d.only === null || d.only.includes('prod'))),
  );
}

/** True when a Mix project depends on `name` in prod (no `only:`, or `only:` including :prod). The one prod-deps rule. */
export function hasProdDep(profile: Profile, name: string): boolean {
  return hasDep(profile, name, { prodOnly: true });
}
