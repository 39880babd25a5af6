/**
 * The Mix projects of the scan: the root mix.exs and, for an umbrella, each `apps/*` child; the
 * lock file; and whether this is a Phoenix project at all. A `deps:` list the parser cannot follow
 * (built at runtime) still counts as Phoenix when mix.lock locks `phoenix`: the lock is the
 * second witness.
 */
import { extractLock } from './extract/mix-lock.js';
import { extractMixExs } from './extract/mix-exs.js';
import { ScanError, type Located } from './discover.js';
import type { Facts, MixProject } from './profile.js';
import type { Sources } from './sources.js';

export interface Projects {
  projects: MixProject[];
  umbrella: boolean;
  /** The config folder, relative to the scanned root (usually `config`). */
  configDir: string;
  /** Folder prefixes of the apps (`apps/web/`, or the project prefix for a single app). */
  appRoots: string[];
  lock: Facts['lock'];
  /** No deps list names :phoenix, but mix.lock locks it (deps built in a way the parser cannot follow). */
  phoenixFromLock: boolean;
}

export async function readProjects(src: Sources, located: Located, dir: string): Promise<Projects> {
  const prefix = located.projectPath === '.' ? '' : `${located.projectPath}/`;
  const rootMix = src.get(`${prefix}mix.exs`);
  if (!rootMix) throw new ScanError('no-mix-project', `${dir}: no mix.exs found`);
  const rootParsed = src.parse(rootMix);
  const rootExtract = rootParsed ? extractMixExs(rootParsed.root, rootMix.rel) : null;
  if (!rootExtract) throw new ScanError('no-mix-project', `${rootMix.rel}: could not read the Mix project definition`);
  const umbrella = rootExtract.project.appsPath !== null;
  const projects: MixProject[] = [];
  const appRoots: string[] = [];
  if (umbrella) {
    const appsDir = `${prefix}${rootExtract.project.appsPath}/`;
    const depth = appsDir.split('/').length + 1;
    projects.push(toProject(rootExtract.project, located.projectPath, 'umbrella-root'));
    for (const m of src.files.filter((f) => f.rel.startsWith(appsDir) && f.rel.split('/').length === depth && f.rel.endsWith('/mix.exs'))) {
      const p = src.parse(m);
      const ex = p ? extractMixExs(p.root, m.rel) : null;
      if (!ex) continue;
      const path = m.rel.slice(0, -'/mix.exs'.length);
      projects.push(toProject(ex.project, path, 'other'));
      appRoots.push(`${path}/`);
    }
  } else {
    projects.push(toProject(rootExtract.project, located.projectPath, 'other'));
    appRoots.push(prefix);
  }

  const lockEntry = src.get(`${prefix}mix.lock`);
  let lock: Facts['lock'] = null;
  if (lockEntry) {
    const p = src.parse(lockEntry);
    if (p) lock = extractLock(p.root, lockEntry.rel);
  }

  let phoenixFromLock = false;
  if (!projects.some((p) => p.phoenix)) {
    if (!lock?.entries.some((e) => e.name === 'phoenix')) {
      throw new ScanError('not-phoenix', `${dir}: ${rootMix.rel} is a Mix project without Phoenix (no :phoenix dependency, and mix.lock locks no phoenix)`);
    }
    phoenixFromLock = true;
  }
  const configDir = `${prefix}${rootExtract.project.configPath ?? 'config'}`.replace(/\/$/, '').replace(/^\.\//, '');
  return { projects, umbrella, configDir, appRoots, lock, phoenixFromLock };
}

function toProject(p: NonNullable<ReturnType<typeof extractMixExs>>['project'], path: string, kind: MixProject['kind']): MixProject {
  const phoenix = p.deps.some((d) => d.name === 'phoenix');
  const k: MixProject['kind'] = kind === 'umbrella-root' ? kind : phoenix ? 'web' : p.deps.some((d) => d.name === 'ecto_sql' || d.name === 'ecto') ? 'domain' : 'other';
  return {
    path,
    mixFile: p.mixFile,
    otpApp: p.otpApp,
    kind: k,
    phoenix,
    elixirRequirement: p.elixirRequirement,
    elixirRequirementEvidence: p.elixirRequirementEvidence,
    applicationModule: p.applicationModule,
    deps: p.deps,
    releases: p.releases,
    aliases: p.aliases,
    evidence: p.evidence,
  };
}
