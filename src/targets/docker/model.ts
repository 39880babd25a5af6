/**
 * Everything the Docker files are rendered from, decided once: images, what to copy and in which
 * order, how assets are built (and whether Node is needed), the release to assemble, and the notes
 * that explain those choices. Pure: reads the Profile and the config only.
 */
import { count } from '../../model/plural.js';
import { nodePin, type NodePin } from '../../facts/tool-versions.js';
import { runtimeExtras, type RuntimeExtras } from '../../facts/runtime-packages.js';
import { runnerTools, type RunnerTools } from '../../facts/runner-tools.js';
import { volumeLayout, writablePaths, type WritablePath } from '../../facts/writable-paths.js';
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { deployFacts, type DeployFacts } from '../../facts/deploy.js';
import { appliesToProd, buildTimeConfigFiles, projectDir, projectRel, runtimeConfigFile, webProject } from '../../facts/project.js';
import { chooseImage, type ImageChoice } from './versions.js';
import { chooseNodeImage, nodeImageTag, nodeOsPreference, NODE_TAGS_AS_OF, type NodeImage } from './node-tags.js';

/** Env vars a container runtime sets by itself. */
export const DOCKER_PLATFORM_ENV = ['HOSTNAME'] as const;

export interface NodeSetup {
  /** Folder holding package.json, relative to the project folder ("assets", "apps/shop_web/assets"). */
  packageDir: string;
  /** Why Node is in the image (for the Dockerfile comment and the notes). */
  reason: string;
  /** Version and package manager the project pins (else Node's current LTS and npm). */
  pin: NodePin;
  /** The node image the stage uses: a published tag from node-tags.ts, the pinned version when one exists. */
  image: NodeImage;
}

export interface AssetsBuild {
  /** Folder copied before the asset build ("assets"), or null when the app has none. */
  dir: string | null;
  /** `mix assets.setup` (or null when the app has no such alias). */
  setup: string | null;
  /** Commands that build and digest the assets, run from the project folder. */
  deploy: string[];
  node: NodeSetup | null;
  /** Environment prefix for the npm build (webpack 4 needs the legacy OpenSSL provider on Node ≥ 17). */
  npmEnv: string | null;
}

export interface DockerBuild {
  facts: DeployFacts;
  image: ImageChoice;
  umbrella: boolean;
  /** The umbrella children's mix.exs files, copied before `deps.get` ("apps/shop/mix.exs"). */
  childMixFiles: string[];
  hasLock: boolean;
  /** Config files read at compile time, relative to the project folder. */
  configFiles: string[];
  runtimeConfig: string | null;
  /** The web app's folder relative to the project folder ('' for a single app). */
  webDir: string;
  assets: AssetsBuild;
  /** 'known': the project has priv/ (Ecto migrations, static files); 'optional': copy it only if present. */
  priv: 'known' | 'optional';
  /** `mix release <name>` needs the name only when mix.exs declares `releases:`. */
  releaseArg: string | null;
  /** SQLite: the database volume mount point, which bin/server hands to nobody before starting. */
  dataDir: string | null;
  /** Folders on that volume the app's env vars may point to (a platform with one volume moves them there): created at start. */
  dataFolders: string[];
  /** SQLite apps that do not already run Ecto.Migrator at boot: bin/server migrates first. */
  migrateOnBoot: boolean;
  /** Folders the app writes to (its *_PATH defaults): created in the runner, owned by nobody. */
  writable: WritablePath[];
  /** Packages and files the project's own Dockerfile puts in its runner, carried over. */
  extras: RuntimeExtras;
  /** Programs the app runs: apt packages, install steps carried over, init process, HEALTHCHECK. */
  tools: RunnerTools;
  notes: string[];
}

const inDir = (dir: string, cmd: string) => (dir ? `cd ${dir} && ${cmd}` : cmd);

/** The project folder holds `dir` (relative to the project folder), from the scanned file list. */
function hasFolder(profile: Profile, dir: string): boolean {
  const prefix = profile.projectPath === '.' || profile.projectPath === '' ? '' : `${profile.projectPath.replace(/\/+$/, '')}/`;
  return (profile.facts.files ?? []).some((f) => f.startsWith(`${prefix}${dir}/`));
}

export function dockerBuild(profile: Profile, config: DeployConfig, options: RenderOptions = {}): DockerBuild {
  const facts = deployFacts(profile, config, { ...options, platformEnv: DOCKER_PLATFORM_ENV });
  const image = chooseImage(profile);
  const notes: string[] = [image.note];
  const web = webProject(profile);
  const webDir = web ? projectDir(profile, web) : '';
  const children = profile.facts.projects.filter((p) => p.kind !== 'umbrella-root' && projectDir(profile, p) !== '');
  const childMixFiles = profile.umbrella ? children.map((p) => `${projectDir(profile, p)}/mix.exs`).sort() : [];
  const root = profile.facts.projects[0];
  const releaseArg = root && root.releases.length > 0 ? facts.releaseName : null;

  if (profile.umbrella) {
    notes.push(
      `Umbrella project: the image copies ${count(childMixFiles.length, 'app mix.exs file')} before \`mix deps.get\`, builds assets in ${webDir || 'the web app'} and assembles the release "${facts.releaseName}"${releaseArg ? ' from `releases:` in mix.exs' : ''}.`,
    );
    if (!releaseArg) notes.push('Umbrella projects must declare `releases:` in the root mix.exs (`mix release` refuses otherwise): add one listing your apps.');
  }

  const assets = assetsBuild(profile, web?.aliases ?? {}, webDir);
  if (assets.node) {
    const { pin, image } = assets.node;
    notes.push(
      `Node.js ${pin.version} (${pin.pinned ? `pinned in ${pin.from}` : 'current LTS; pin it in .tool-versions or .nvmrc to choose'}) is copied into the builder from the official node image (${nodeImageTag(image)}): ${assets.node.reason}; packages are installed with ${pin.packageManager}${pin.lockfile ? ` from ${pin.lockfile}` : ' (no lockfile: commit one for reproducible builds)'}. The release image does not include it.`,
    );
    if (image.match !== 'exact') notes.push(`No node:${pin.version}-<debian>-slim image is known to exist (table of published tags as of ${NODE_TAGS_AS_OF}): the asset build uses ${nodeImageTag(image)}, the ${image.match === 'line' ? `newest Node ${image.version}.x` : `nearest known Node line`}.`);
  }
  if (assets.npmEnv) notes.push('Webpack before v5 fails on Node 17+ without `NODE_OPTIONS=--openssl-legacy-provider`: it is set for the asset build only (harmless for webpack 5).');
  if (profile.assets === 'other') notes.push('The asset pipeline was not recognised: check the asset build steps in the Dockerfile.');

  const lock = profile.facts.lock;
  const hasLock = lock !== null && projectRel(profile, lock.file) === 'mix.lock';
  if (!hasLock) notes.push('No mix.lock next to mix.exs: dependency versions are resolved at build time; commit mix.lock for reproducible images.');

  const runtimeConfig = runtimeConfigFile(profile);
  for (const read of profile.facts.envReads) {
    if (read.runtime || !read.required || read.dynamic || !appliesToProd(read)) continue;
    notes.push(
      `${read.file}:${read.evidence.line} requires ${read.name} at compile time, so \`docker build\` fails without it (and would bake the value into the image): read it in ${runtimeConfig ?? 'config/runtime.exs'} instead.`,
    );
  }

  const usesMigrator =
    profile.facts.migratorCalls.length > 0 || profile.facts.applications.some((a) => a.children.some((c) => c.module === 'Ecto.Migrator'));
  const sqlite = facts.database === 'sqlite';
  if (sqlite) {
    notes.push(
      usesMigrator
        ? 'SQLite: the app runs Ecto.Migrator at boot, so bin/server only starts it; the database lives on the volume at /data.'
        : 'SQLite: bin/server runs the migrations before starting (the database file is on the machine\'s volume, which a separate release step cannot reach).',
      'SQLite: the container starts as root only to give the /data volume (mounted root-owned) to nobody, then runs the release as nobody through setpriv.',
    );
  }

  const extras = runtimeExtras(profile);
  const tools = runnerTools(profile);
  notes.push(...runnerNotes(extras, tools));

  return {
    facts,
    image,
    umbrella: profile.umbrella,
    childMixFiles,
    hasLock,
    configFiles: [...buildTimeConfigFiles(profile)],
    runtimeConfig,
    webDir,
    assets,
    priv: hasFolder(profile, 'priv') || ((profile.facts.files ?? []).length === 0 && (facts.usesEcto || assets.dir !== null)) ? 'known' : 'optional',
    releaseArg,
    ...dataVolume(profile, sqlite),
    migrateOnBoot: sqlite && !usesMigrator && facts.usesEcto,
    extras,
    tools,
    writable: [...writablePaths(profile)],
    notes,
  };
}

/**
 * The volume a platform mounts (root-owned) for SQLite or the app's writable folders: the image starts as
 * root to hand it, and the folders moved onto it, to nobody (the same layout as facts/writable-paths.ts volumeLayout).
 */
function dataVolume(profile: Profile, sqlite: boolean): Pick<DockerBuild, 'dataDir' | 'dataFolders'> {
  const layout = volumeLayout(writablePaths(profile), sqlite ? '/data' : null);
  return { dataDir: layout?.mount ?? (sqlite ? '/data' : null), dataFolders: Object.values(layout?.env ?? {}).sort() };
}

/** What the runner carries over from the project's Dockerfile and installs for the programs the app runs, and what it could not. */
function runnerNotes(extras: RuntimeExtras, tools: RunnerTools): string[] {
  const notes: string[] = [];
  if (extras.packages.length) notes.push(`${extras.dockerfile} installs ${extras.packages.join(', ')} in its runner: the generated runner installs them too.`);
  if (extras.files.length) notes.push(`${extras.dockerfile} copies ${extras.files.map((f) => f.source).join(', ')} into its runner: the generated runner copies them too.`);
  for (const d of extras.dropped) notes.push(`Not carried over from ${extras.dockerfile}: ${d}.`);
  for (const p of tools.packages) notes.push(`The app runs ${p.programs.join(', ')}: the runner installs the Debian package ${p.name}.`);
  for (const c of tools.carried) notes.push(`The app runs ${c.programs.join(', ')}: the runner installs ${c.programs.length > 1 ? 'them' : 'it'} the way ${c.from} does.`);
  for (const m of tools.missing) notes.push(`The app runs ${m.name} (${m.evidence.file}:${m.evidence.line}) and the image has no way to install it: ${m.reason}.`);
  for (const n of tools.notCarried) notes.push(`Not carried over: ${n} (no program the app runs needs it; add it to the runner if it does).`);
  if (tools.init) notes.push(`The project's image starts through ${tools.init.package}: the runner does too.`);
  if (tools.healthcheck) notes.push(`The project's HEALTHCHECK (${tools.healthcheck.from}) is kept.`);
  return notes;
}

function nodeImage(pin: NodePin): NodeImage {
  return chooseNodeImage(pin.version, pin.major, nodeOsPreference(pin.major));
}

function assetsBuild(profile: Profile, aliases: Record<string, string[]>, webDir: string): AssetsBuild {
  const a = profile.facts.assets;
  const pkg = a.packageJson ? projectRel(profile, a.packageJson) : null;
  const pkgDir = pkg ? (pkg.includes('/') ? pkg.slice(0, pkg.lastIndexOf('/')) : '') : null;
  const assetsDir = pkgDir ?? (a.pipeline === 'none' ? null : `${webDir ? `${webDir}/` : ''}assets`);
  const needsNode = a.needsNpmInstall || a.pipeline === 'webpack' || a.pipeline === 'vite';
  const node: NodeSetup | null =
    needsNode && pkgDir !== null
      ? {
          pin: nodePin(profile),
          image: nodeImage(nodePin(profile)),
          packageDir: pkgDir,
          reason:
            a.pipeline === 'webpack' || a.pipeline === 'vite'
              ? `the ${a.pipeline} build runs on Node`
              : `${pkg} has npm dependencies (${a.npmDependencies.filter((d) => !/^phoenix(_html|_live_view)?$/.test(d)).slice(0, 3).join(', ')}) that esbuild bundles`,
        }
      : null;
  const setup = aliases['assets.setup'] ? inDir(webDir, 'mix assets.setup') : null;
  const deploy: string[] = [];
  let npmEnv: string | null = null;
  if (aliases['assets.deploy']) {
    deploy.push(inDir(webDir, 'mix assets.deploy'));
  } else if (a.pipeline === 'webpack' && pkgDir !== null) {
    npmEnv = 'NODE_OPTIONS=--openssl-legacy-provider';
    deploy.push(`npm run deploy --prefix ${pkgDir || '.'}`, inDir(webDir, 'mix phx.digest'));
  } else if (a.pipeline === 'vite' && pkgDir !== null) {
    deploy.push(`npm run build --prefix ${pkgDir || '.'}`, inDir(webDir, 'mix phx.digest'));
  } else if (a.pipeline === 'esbuild' || a.pipeline === 'tailwind+esbuild') {
    if (a.pipeline === 'tailwind+esbuild') deploy.push(inDir(webDir, 'mix tailwind default --minify'));
    deploy.push(inDir(webDir, 'mix esbuild default --minify'), inDir(webDir, 'mix phx.digest'));
  }
  return { dir: assetsDir && (deploy.length > 0 || node) ? assetsDir : null, setup, deploy, node, npmEnv };
}
