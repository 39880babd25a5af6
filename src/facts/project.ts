/**
 * Questions every target asks of the scanned project, answered once: where the Phoenix project sits,
 * which Mix project is the web app, which app owns the Ecto repos, which config files are read at
 * build time. Pure: reads only the Profile.
 */
import { matchesPathGlob } from '../scan/path-glob.js';
import type { Evidence, MixProject, Profile } from '../scan/profile.js';
import { computed, computedBy } from './computed.js';

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
export const webProject = computed((profile: Profile): MixProject | null => {
  const projects = profile.facts.projects;
  return projects.find((p) => p.otpApp === profile.web.otpApp) ?? projects.find((p) => p.phoenix && p.kind !== 'umbrella-root') ?? projects[0] ?? null;
});

/** The project folder of a Mix project relative to the Phoenix project folder ('' for the project itself). */
export function projectDir(profile: Profile, project: MixProject): string {
  const rel = projectRel(profile, project.path);
  return rel === '.' || rel === profile.projectPath ? '' : rel;
}

/** A config call or env read that applies in prod (`envs` when the scan gives it, else the coarse `env`). */
export function appliesToProd(x: { env: string; envs?: readonly string[] }): boolean {
  return Array.isArray(x.envs) ? x.envs.includes('prod') : x.env === 'prod' || x.env === 'all' || x.env === 'other';
}

/**
 * Config files read when the release is compiled (config.exs, the prod file, and what they import),
 * relative to the Phoenix project folder, in import order. Dev and test files are left out, and so are
 * runtime.exs / releases.exs.
 */
export const buildTimeConfigFiles = computed((profile: Profile): readonly string[] => {
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
});

/** The runtime config file (runtime.exs / releases.exs) relative to the Phoenix project folder, or null. */
export function runtimeConfigFile(profile: Profile): string | null {
  return profile.runtimeConfig.file ? projectRel(profile, profile.runtimeConfig.file) : null;
}

/** True when a Mix project depends on `name` in prod (no `only:`, or `only:` including :prod). The one prod-deps rule. */
export const hasProdDep = computedBy((profile: Profile, name: string): boolean =>
  profile.facts.projects.some((p) => p.deps.some((d) => d.name === name && (d.only === null || d.only.includes('prod')))),
);

/** Parses "file:line" from the profile's evidence map (where the scan decided a summary field). */
export function evidenceFor(p: Profile, key: string): Evidence | null {
  const s = p.evidence[key];
  if (!s) return null;
  const i = s.lastIndexOf(':');
  return { file: s.slice(0, i), line: Number(s.slice(i + 1)) };
}

/** A file of the profile's config set by its name, e.g. 'prod.exs' → 'config/prod.exs' under the project path. */
export function configFile(p: Profile, base: string): string | null {
  return p.facts.configFiles.find((f) => f.file.endsWith(`/${base}`) || f.file === base)?.file ?? null;
}

/** Where to point a finding about the whole app when nothing more precise exists: the web app's mix.exs. */
export function projectEvidence(p: Profile): Evidence {
  const web = p.facts.projects.find((x) => x.path === p.web.path) ?? p.facts.projects[0];
  return web ? web.evidence : { file: 'mix.exs', line: 1 };
}
