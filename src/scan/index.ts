/**
 * `scan(dir)`: reads a Phoenix project once into a Profile. Files are walked once; each is read at
 * most once and parsed at most once (`Sources`); cheap text markers registered by the extractors
 * choose which lib files to parse; each extractor reads its own kind of file; `summarize` decides
 * every field of the summary from the gathered facts.
 */
import { performance } from 'node:perf_hooks';
import { configResolver } from './config-resolver.js';
import { cacheFile, cacheFolder, currentToolKey, listingDigest, readCache, writeCache, type ScanCacheOptions } from './cache.js';
import { locateProject, type Located } from './discover.js';
import { readDeployFiles, readEdgeHttpsAbove, type DeployFacts } from './deploy.js';
import { elixirParser } from './elixir/parser.js';
import { extractAssets } from './extract/assets.js';
import { extractConfig, type ConfigResult } from './extract/config.js';
import type { EndpointExtract } from './extract/endpoint.js';
import { releaseModulesFrom, strayMigratorCalls } from './extract/release-module.js';
import { readTemplates } from './extract/templates.js';
import { extractToolVersions } from './extract/tool-versions.js';
import { extractNodeToolchain } from './extract/node-toolchain.js';
import { startRecordingReads, stopRecordingReads, walkFiles, Warnings, type FileEntry } from './files.js';
import { plugPathsExtractor, routerDispatchExtractor, type ModuleResults } from './extractors.js';
import { envHelpers, indexLib, migratorCallers, runModuleExtractors, runOnModules, zeroArityFunction, type LibIndex } from './lib.js';
import type { Facts, MixProject, Profile } from './profile.js';
import { readProjects, type Projects } from './projects.js';
import { pruneWalk } from './prune.js';
import { Sources } from './sources.js';
import { summarize } from './summarize.js';
import { kwGet } from './term.js';
import { selectWeb, type WebSelection } from './decide/web.js';
import { gatherRuntime } from './runtime/gather.js';
import { unEditedGeneratedFiles } from './generated.js';
import { addSupervisedChildren } from './extract/supervisors.js';

export { ScanError } from './discover.js';
export type { ScanCacheOptions } from './cache.js';

export interface ScanOptions {
  /** Reuse (and keep) the profile of the last scan while nothing it read has changed (`--cache`). */
  cache?: ScanCacheOptions;
}

export async function scan(dir: string, options: ScanOptions = {}): Promise<Profile> {
  const t0 = performance.now();
  // Load the grammar now: with the wasm backend V8 compiles it on background threads while the walk
  // reads the disk. With a cache, only once the cache missed.
  let backend = options.cache ? null : elixirParser();
  backend?.catch(() => undefined);
  const located = locateProject(dir);
  const { root } = located;
  const warnings = new Warnings();
  const projectPrefix = located.projectPath === '.' ? '' : `${located.projectPath}/`;
  const prunedDirs: string[] = [];
  const files = walkFiles(root, root, warnings, pruneWalk(projectPrefix), prunedDirs);
  const cache = options.cache ? openCache(options.cache, located, files, prunedDirs) : null;
  if (cache?.hit) {
    cache.hit.facts.stats.ms = Math.round(performance.now() - t0);
    cache.hit.facts.stats.phases = { 'cache-hit': cache.hit.facts.stats.ms };
    return cache.hit;
  }
  backend ??= elixirParser();
  const reads = cache ? startRecordingReads() : null;
  try {
    const profile = await scanWalked({ dir, located, files, prunedDirs, warnings, backend, t0 });
    if (cache && reads) writeCache(cache.file, { tool: cache.tool, root, projectPath: located.projectPath, listing: cache.listing, reads: [...reads], profile });
    return profile;
  } finally {
    stopRecordingReads(reads);
  }
}

interface CacheState {
  file: string;
  tool: string;
  listing: string;
  hit: Profile | null;
}

function openCache(options: ScanCacheOptions, located: Located, files: readonly { rel: string }[], prunedDirs: readonly string[]): CacheState {
  const file = cacheFile(cacheFolder(options, located.projectDir), located.root, located.projectPath);
  const tool = options.toolKey ?? currentToolKey(import.meta.url);
  const listing = listingDigest(files, prunedDirs);
  return { file, tool, listing, hit: readCache(file, tool, located.root, located.projectPath, listing) };
}

interface Walked {
  dir: string;
  located: Located;
  files: FileEntry[];
  prunedDirs: string[];
  warnings: Warnings;
  backend: ReturnType<typeof elixirParser>;
  t0: number;
}

async function scanWalked({ dir, located, files, prunedDirs, warnings, backend, t0 }: Walked): Promise<Profile> {
  const { root } = located;
  const projectPrefix = located.projectPath === '.' ? '' : `${located.projectPath}/`;
  const src = new Sources(files, warnings, await backend);
  src.mark('walk');
  try {
    const mix = await readProjects(src, located, dir);
    src.mark('mix');
    const lib = indexLib(src, mix.appRoots);
    src.mark('lib-index');
    const deploy = await readDeployFiles(src, projectPrefix);
    // HTTPS enforced by the repository above the scanned folder counts as it would had the top been scanned.
    deploy.edgeHttps.push(...(await readEdgeHttpsAbove(root)));
    src.mark('deploy-files');
    const config = readConfig(src, mix, lib, runtimeConfigCopies(deploy.dockerfiles, mix.configDir, projectPrefix));
    src.mark('config');
    const code = readModules(src, mix, lib, config);
    src.mark('modules');
    const templates = readTemplates(src, mix.appRoots, { liveRender: !servesLiveRoutes(code) && code.found.liveRender.length === 0 });
    src.mark('templates');
    const toolchain = await readToolchain(src, projectPrefix, code.web.project, config, warnings);
    src.mark('assets');
    // Runtime inputs that need the parsed trees (launch files, init/2 callbacks, commands, writes).
    const runtimeSources = gatherRuntime(src, lib, {
      config: config.calls,
      configFiles: config.files,
      dockerfiles: deploy.dockerfiles,
      endpoints: code.endpoints.map((e) => e.module),
      repos: code.found.repo.map((r) => r.module),
      inProject: (rel) => !projectPrefix || rel.startsWith(projectPrefix),
    });
    src.mark('runtime');
    const generatedFiles = unEditedGeneratedFiles(src, located.projectDir, projectPrefix, warnings);
    const facts = assembleFacts({ src, mix, lib, deploy, config, code, templates, toolchain, prunedDirs, projectPrefix, runtimeSources, generatedFiles });
    src.stats.ms = Math.round(performance.now() - t0);
    const profile = summarize({
      root,
      projectPath: located.projectPath,
      umbrella: mix.umbrella,
      web: code.web,
      facts,
      endpointPaths: code.endpoints.flatMap((e) => e.functionPlugPaths),
      relOverlays: deploy.relOverlays,
      warnings: warnings.list,
    });
    src.mark('summarize');
    return profile;
  } finally {
    src.dispose();
  }
}

/**
 * config/*.exs (and each umbrella child's config folder: the root config may import it with
 * `import_config "../apps/…"`). Files are parsed as they are evaluated (config.exs, its imports,
 * runtime.exs): a stray .credo.exs or an unimported file is listed, never parsed.
 */
function readConfig(src: Sources, mix: Projects, lib: LibIndex, runtimeCopies: string[]): ConfigResult {
  const childConfig = (rel: string) => mix.umbrella && mix.appRoots.some((r) => rel.startsWith(`${r}config/`) && !rel.slice(r.length + 7).includes('/'));
  const configPaths = src.files.filter((f) => f.rel.endsWith('.exs') && (f.rel.startsWith(`${mix.configDir}/`) || childConfig(f.rel))).map((f) => f.rel);
  return extractConfig({
    paths: configPaths,
    load: (rel) => {
      const f = src.get(rel);
      return f ? (src.parse(f)?.root ?? null) : null;
    },
    dir: mix.configDir,
    helpersFor: (root) => envHelpers(src, lib, root),
    functionBody: (mod, fun) => zeroArityFunction(src, lib, mod, fun),
    runtimeCopies,
  });
}

interface ModulesRead {
  found: ModuleResults;
  plugPaths: Facts['plugPaths'];
  routerDispatch: Facts['routerDispatch'];
  releaseModules: Facts['releaseModules'];
  endpoints: EndpointExtract[];
  web: WebSelection;
}

/** lib modules: every registered extractor over the files holding its markers, then the plugs they mount. */
function readModules(src: Sources, mix: Projects, lib: LibIndex, config: ConfigResult): ModulesRead {
  const inputs = { projects: mix.projects, resolve: configResolver(config.calls), config: config.calls };
  const found = runModuleExtractors(src, lib, inputs);
  addSupervisedChildren(src, lib, found.application);
  // Second pass: the plug modules the endpoints mount and the HTTP listeners run (health paths, proxies).
  const mounted = mountedPlugs(found.endpoint, found.application);
  const plugPaths = runOnModules(src, lib, mounted, plugPathsExtractor, inputs);
  // And the routers a mounted plug hands requests to itself (a host-dispatching plug).
  const routerDispatch = runOnModules(src, lib, mounted, routerDispatchExtractor, inputs);
  let releaseModules = releaseModulesFrom(found.migrator, []);
  if (releaseModules.length === 0) releaseModules = releaseModulesFrom(found.migrator, migratorCallers(src, lib, found.migrator));
  const endpoints: EndpointExtract[] = found.endpoint;
  if (mix.phoenixFromLock) markPhoenixFromLock(mix.projects, endpoints);
  const web = selectWeb({ projects: mix.projects, endpoints, routers: found.router, config: { config: config.calls } });
  return { found, plugPaths, routerDispatch, releaseModules, endpoints, web };
}

/** live_render in a template only matters when the main router serves no live route in prod. */
function servesLiveRoutes({ web, found }: ModulesRead): boolean {
  return (web.router ? [web.router] : found.router).some((r) => r.routes.some((rt) => rt.verb === 'live' && !rt.devOnly));
}

interface Toolchain {
  toolVersions: Facts['toolVersions'];
  assets: Facts['assets'];
  node: Facts['node'];
}

/** Tool versions (.tool-versions, mise, …), the asset pipeline and the Node toolchain it needs. */
async function readToolchain(src: Sources, projectPrefix: string, webProject: MixProject, config: ConfigResult, warnings: Warnings): Promise<Toolchain> {
  const toolVersions = await extractToolVersions(
    src.files.filter((f) => !projectPrefix || f.rel.startsWith(projectPrefix) || !f.rel.includes('/')),
    projectPrefix,
    warnings,
  );
  const assets = extractAssets(src.files, webProject.path === '.' ? '' : `${webProject.path}/`, config.calls, webProject, warnings);
  const node = extractNodeToolchain(src.files, assets.packageJson, projectPrefix, warnings);
  return { toolVersions, assets, node };
}

interface Gathered {
  src: Sources;
  mix: Projects;
  lib: LibIndex;
  deploy: DeployFacts;
  config: ConfigResult;
  code: ModulesRead;
  templates: ReturnType<typeof readTemplates>;
  toolchain: Toolchain;
  prunedDirs: string[];
  projectPrefix: string;
  runtimeSources: Facts['runtimeSources'];
  generatedFiles: string[];
}

/** Everything the scan gathered, as the Profile's facts. */
function assembleFacts(g: Gathered): Facts {
  const { src, mix, lib, deploy, config, code, templates, projectPrefix } = g;
  const { found, endpoints, releaseModules } = code;
  return {
    projects: mix.projects,
    lock: mix.lock,
    configFiles: config.files,
    config: config.calls,
    envReads: config.envReads,
    endpoints: endpoints.map(({ functionPlugPaths: _f, ...e }) => e),
    routers: found.router,
    applications: found.application,
    releaseModules,
    assets: g.toolchain.assets,
    toolVersions: g.toolchain.toolVersions,
    node: g.toolchain.node,
    // Folders the walk did not enter (asset sources, tests, priv/static) are listed by their path.
    files: [...src.files.map((f) => f.rel), ...g.prunedDirs].filter((rel) => !projectPrefix || rel.startsWith(projectPrefix)).sort(),
    dockerfiles: deploy.dockerfiles,
    generatedFiles: g.generatedFiles,
    dockerignore: deploy.dockerignore,
    notDeployment: deploy.notDeployment,
    flyTomls: deploy.flyTomls,
    edgeHttps: deploy.edgeHttps,
    secretRefs: deploy.secretRefs,
    relScripts: deploy.relScripts,
    relEnvTemplate: deploy.relEnvTemplate,
    k8s: deploy.k8s,
    workflows: deploy.workflows,
    presentFiles: deploy.presentFiles,
    suppressions: src.suppressions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
    migratorCalls: strayMigratorCalls(found.migrator, releaseModules),
    modules: Object.fromEntries([...lib.modules.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    usage: {
      presence: found.presence,
      pubsubBroadcast: found.broadcast,
      liveRender: [...found.liveRender, ...templates.liveRender].slice(0, 1),
      telemetry: lib.telemetry,
    },
    sources: patchableSources(src, mix, config, code),
    stats: src.stats,
    repos: found.repo,
    migrators: found.migrator,
    plugPaths: code.plugPaths,
    routerDispatch: code.routerDispatch,
    cspSources: [...uniqueBy(found.cspHeader, (c) => c.name), ...templates.metaCsp],
    runtimeSources: g.runtimeSources,
    evidence: {},
    reasons: {},
  };
}

/** The text of the files a patch may change (routers, endpoints, applications, mix.exs, config), when parsed. */
function patchableSources(src: Sources, mix: Projects, config: ConfigResult, { found, endpoints }: ModulesRead): Record<string, string> {
  const patchable = new Set<string>([
    ...found.router.map((r) => r.file),
    ...endpoints.map((e) => e.file),
    ...found.application.map((a) => a.file),
    ...mix.projects.map((p) => p.mixFile),
    ...config.files.map((f) => f.file),
  ]);
  const sources: Record<string, string> = {};
  for (const rel of [...patchable].sort()) {
    const f = src.get(rel);
    const text = f && src.isParsed(rel) ? src.text(f) : null;
    if (text !== null) sources[rel] = text;
  }
  return sources;
}

/**
 * Config files a production Dockerfile copies over `config/runtime.exs` (Pleroma-style apps ship a
 * `config/docker.exs` that way): they are the runtime config of the image.
 */
function runtimeConfigCopies(dockerfiles: Facts['dockerfiles'], configDir: string, projectPrefix: string): string[] {
  const out: string[] = [];
  for (const d of dockerfiles) {
    for (const i of d.instructions) {
      if (i.keyword !== 'COPY' || i.flags.some((f) => f.startsWith('--from'))) continue;
      const parts = i.args.split(/\s+/).filter(Boolean);
      const [from, to] = parts;
      if (parts.length !== 2 || from === undefined || to === undefined || !/(^|\/)config\/(runtime|releases)\.exs$/.test(to)) continue;
      const source = `${projectPrefix}${from.replace(/^\.\//, '')}`;
      if (source.startsWith(`${configDir}/`) && source.endsWith('.exs') && !out.includes(source)) out.push(source);
    }
  }
  return out;
}

/** Modules plugged into an endpoint, and the `plug:` of a Plug.Cowboy/Bandit listener the app starts itself. */
function mountedPlugs(endpoints: readonly EndpointExtract[], applications: Facts['applications']): Set<string> {
  const out = new Set<string>();
  for (const e of endpoints) for (const p of e.plugs) if (/^[A-Z]/.test(p.name)) out.add(p.name);
  for (const a of applications) {
    for (const c of a.children) {
      if (!/^(Plug\.Cowboy|Plug\.Adapters\.Cowboy2?|Bandit)$/.test(c.module)) continue;
      const plug = kwGet(c.opts, 'plug');
      const name = plug?.t === 'alias' ? plug.v : plug?.t === 'tuple' && plug.items[0]?.t === 'alias' ? plug.items[0].v : null;
      if (name) out.add(name);
    }
  }
  return out;
}

/** When only mix.lock says Phoenix, the project holding an endpoint is the Phoenix app. */
function markPhoenixFromLock(projects: Facts['projects'], endpoints: readonly EndpointExtract[]): void {
  const apps = projects.filter((p) => p.kind !== 'umbrella-root');
  const web = apps.find((p) => endpoints.some((e) => p.path === '.' || e.file.startsWith(`${p.path}/`))) ?? apps.find((p) => /_web$/.test(p.otpApp)) ?? apps[0];
  if (web) {
    web.phoenix = true;
    web.kind = 'web';
  }
}


function uniqueBy<T>(list: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
