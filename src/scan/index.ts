/**
 * `scan(dir)`: reads a Phoenix project once into a Profile. Files are walked once, cheap text checks
 * choose which Elixir files to parse, and each extractor reads its own kind of file.
 */
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { modulesIn, usesIn, walk, callName, type ModuleDef } from './elixir/ast.js';
import { elixirParser, kids, parseElixir, type Node } from './elixir/parser.js';
import { newContext, toTerm, type EnvHelper } from './elixir/to-term.js';
import { extractApplication, isApplicationModule } from './extract/application.js';
import { extractConfig, type ConfigSource } from './extract/config.js';
import {
  dockerignorePatterns,
  dotenvKeys,
  extractDockerfile,
  extractFlyToml,
  extractK8s,
  extractScript,
  isDockerfileName,
  isFlyTomlName,
  loadDeployParsers,
  workflowName,
} from './extract/deploy-files.js';
import { extractEndpoint, isEndpointModule, type EndpointExtract } from './extract/endpoint.js';
import { extractMixExs } from './extract/mix-exs.js';
import { extractReleaseModule } from './extract/release-module.js';
import { extractRouter, isRouterModule } from './extract/router.js';
import { extractAssets } from './extract/assets.js';
import { extractLock } from './extract/mix-lock.js';
import { extractToolVersions } from './extract/tool-versions.js';
import { extractNodeToolchain } from './extract/node-toolchain.js';
import { fileSize, isExecutable, readText, walkFiles, Warnings, type FileEntry } from './files.js';
import { aliasesIn, expandAlias, helpersInModule, importsIn, remoteModules } from './helpers.js';
import { locateProject, ScanError } from './discover.js';
import { summarize } from './summarize.js';
import { gitignoreMatcher } from './gitignore.js';
import type { Evidence, Facts, MixProject, Profile, Suppression } from './profile.js';
import { kwGet, literal } from './term.js';

export { ScanError } from './discover.js';

/** Text markers that make a lib/ file worth parsing. Everything else is only indexed for module names. */
const LIB_MARKERS = [
  'broadcast',
  'Phoenix.Endpoint',
  ':router',
  'Phoenix.Router',
  'use Application',
  'Ecto.Migrator',
  'Ecto.Repo',
  'get_env',
  'fetch_env',
  'live_render',
  'Phoenix.Presence',
  'phoenix-ops:ignore',
  'content-security-policy',
  'request_path',
  'path_info',
];

const LIB_MARKER_RE = new RegExp(LIB_MARKERS.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Files worth a full walk for usage facts (migrator calls, live_render, broadcasts, Presence, CSP headers). */
const USAGE_MARKER_RE = /Ecto\.Migrator|live_render|broadcast|Phoenix\.Presence|content-security-policy/;
const CALLS: ReadonlySet<string> = new Set(['call']);
const PAIRS: ReadonlySet<string> = new Set(['pair']);

const SUPPRESS_RE = /^#\s*phoenix-ops:ignore\s+([a-z0-9-]+)\s*(.*)$/;

interface Parsed {
  rel: string;
  text: string;
  root: Node;
  dispose: () => void;
}

export async function scan(dir: string): Promise<Profile> {
  const t0 = performance.now();
  // Start compiling the grammar now: V8 compiles wasm on background threads while the walk reads the disk.
  const parserReady = elixirParser();
  parserReady.catch(() => undefined);
  const located = locateProject(dir);
  const { root } = located;
  const warnings = new Warnings();
  const projectPrefix = located.projectPath === '.' ? '' : `${located.projectPath}/`;
  const all = walkFiles(root, root, warnings);
  const inProject = (f: FileEntry) => !projectPrefix || f.rel.startsWith(projectPrefix);
  const stats = { filesSeen: all.length, filesParsed: 0, bytesParsed: 0, ms: 0 };
  const trees: Parsed[] = [];
  const suppressions: Suppression[] = [];

  const parse = async (f: FileEntry, text?: string | null): Promise<Parsed | null> => {
    const src = text ?? readText(f.abs, f.rel, warnings);
    if (src === null) return null;
    let parsed;
    try {
      parsed = await parseElixir(src);
    } catch (e) {
      warnings.add('parse-error', `could not parse ${f.rel}: ${e instanceof Error ? e.message : String(e)}`, f.rel);
      return null;
    }
    stats.filesParsed += 1;
    stats.bytesParsed += src.length;
    if (parsed.errorLine !== null) warnings.add('parse-error', `${f.rel}:${parsed.errorLine}: syntax error; read what could be recovered`, f.rel);
    collectSuppressions(parsed.root, f.rel, src, suppressions);
    const p: Parsed = { rel: f.rel, text: src, root: parsed.root, dispose: () => parsed.tree.delete() };
    trees.push(p);
    return p;
  };

  try {
    // ---- mix.exs files: the root, and each umbrella app
    const projects: MixProject[] = [];
    const rootMix = all.find((f) => f.rel === `${projectPrefix}mix.exs`);
    if (!rootMix) throw new ScanError('no-mix-project', `${dir}: no mix.exs found`);
    const rootParsed = await parse(rootMix);
    const rootExtract = rootParsed ? extractMixExs(rootParsed.root, rootMix.rel) : null;
    if (!rootExtract) throw new ScanError('no-mix-project', `${rootMix.rel}: could not read the Mix project definition`);
    const umbrella = rootExtract.project.appsPath !== null;
    let configDir = `${projectPrefix}${rootExtract.project.configPath ?? 'config'}`.replace(/\/$/, '');
    const appRoots: string[] = [];
    if (umbrella) {
      const appsDir = `${projectPrefix}${rootExtract.project.appsPath}/`;
      const appMixes = all.filter((f) => f.rel.startsWith(appsDir) && f.rel.split('/').length === appsDir.split('/').length + 1 && f.rel.endsWith('/mix.exs'));
      projects.push(toProject(rootExtract.project, located.projectPath, 'umbrella-root'));
      for (const m of appMixes) {
        const p = await parse(m);
        const ex = p ? extractMixExs(p.root, m.rel) : null;
        if (!ex) continue;
        const path = m.rel.slice(0, -'/mix.exs'.length);
        projects.push(toProject(ex.project, path, 'other'));
        appRoots.push(`${path}/`);
      }
    } else {
      projects.push(toProject(rootExtract.project, located.projectPath, 'other'));
      appRoots.push(projectPrefix);
    }
    if (!projects.some((p) => p.phoenix)) {
      throw new ScanError('not-phoenix', `${dir}: ${rootMix.rel} is a Mix project without Phoenix (no :phoenix dependency)`);
    }
    configDir = configDir.replace(/^\.\//, '');

    // ---- Elixir sources: config and lib (prefiltered)
    const configFiles = all.filter((f) => f.rel.startsWith(`${configDir}/`) && f.rel.endsWith('.exs'));
    const libFiles = all.filter((f) => inProject(f) && /\.exs?$/.test(f.rel) && appRoots.some((r) => f.rel.startsWith(`${r}lib/`)));
    const moduleIndex = new Map<string, Evidence>();
    const libCandidates: { f: FileEntry; text: string }[] = [];
    for (const f of libFiles) {
      const text = readText(f.abs, f.rel, warnings);
      if (text === null) continue;
      // Cheap index of module names to find helper modules referenced by config (confirmed by parsing).
      for (const m of text.matchAll(/^\s*defmodule\s+([A-Z][\w.]*)/gm)) {
        if (!moduleIndex.has(m[1]!)) moduleIndex.set(m[1]!, { file: f.rel, line: text.slice(0, m.index).split('\n').length });
      }
      if (LIB_MARKER_RE.test(text)) libCandidates.push({ f, text });
    }

    const configSources = new Map<string, ConfigSource>();
    for (const f of configFiles) {
      const p = await parse(f);
      if (p) configSources.set(f.rel, { file: f.rel, root: p.root });
    }

    // Helper modules referenced from config files (Harbor.Config.fetch!/1 …), followed one level.
    const moduleHelpers = new Map<string, Map<string, EnvHelper>>();
    const referenced = new Set<string>();
    for (const src of configSources.values()) {
      const top = kids(src.root);
      const aliases = aliasesIn(top);
      for (const m of remoteModules(top)) referenced.add(expandAlias(m, aliases));
      for (const m of importsIn(top)) referenced.add(expandAlias(m, aliases));
    }
    const parsedLib = new Map<string, Parsed>();
    const parseLib = async (f: FileEntry, text: string) => {
      if (parsedLib.has(f.rel)) return parsedLib.get(f.rel)!;
      const p = await parse(f, text);
      if (p) parsedLib.set(f.rel, p);
      return p;
    };
    for (const mod of referenced) {
      const ev = moduleIndex.get(mod);
      if (!ev) continue;
      const cand = libCandidates.find((c) => c.f.rel === ev.file);
      if (!cand) continue;
      const p = await parseLib(cand.f, cand.text);
      if (!p) continue;
      for (const m of modulesIn(p.root)) {
        if (m.name !== mod) continue;
        const h = helpersInModule(m.name, m.body);
        if (h.size) moduleHelpers.set(m.name, h);
      }
    }
    const config = extractConfig({ files: configSources, dir: configDir, moduleHelpers });

    // ---- lib modules: endpoint, router, application, release module, repos, usage
    const endpoints: EndpointExtract[] = [];
    const routers: Facts['routers'] = [];
    const applications: Facts['applications'] = [];
    const releaseModules: Facts['releaseModules'] = [];
    const repos: { module: string; adapter: string | null; otpApp: string | null; evidence: Evidence }[] = [];
    const migratorCalls: Evidence[] = [];
    const usage: Facts['usage'] = { presence: [], pubsubBroadcast: [], liveRender: [], telemetry: [] };
    const plugModules = new Map<string, { mod: ModuleDef; file: string; pathMatching: boolean }>();
    const cspModules = new Set<string>();
    const projectOf = (rel: string) => projects.filter((p) => p.kind !== 'umbrella-root').find((p) => rel.startsWith(p.path === '.' ? '' : `${p.path}/`));

    for (const { f, text } of libCandidates) {
      const p = await parseLib(f, text);
      if (!p) continue;
      for (const mod of modulesIn(p.root)) {
        if (isEndpointModule(mod)) endpoints.push(extractEndpoint(mod, f.rel));
        else if (isRouterModule(mod)) routers.push(extractRouter(mod, f.rel));
        else if (isApplicationModule(mod)) applications.push(extractApplication(mod, f.rel, projectOf(f.rel)?.otpApp ?? null));
        const repoUse = usesIn(mod.body).find((u) => u.module === 'Ecto.Repo');
        if (repoUse) {
          const opts = repoUse.args[0] ? toTerm(repoUse.args[0], newContext()) : null;
          repos.push({ module: mod.name, adapter: literal(kwGet(opts, 'adapter')), otpApp: literal(kwGet(opts, 'otp_app')), evidence: { file: f.rel, line: repoUse.line } });
        }
        const rel = text.includes('Ecto.Migrator') ? extractReleaseModule(mod, f.rel) : null;
        if (rel) releaseModules.push(rel);
        plugModules.set(mod.name, { mod, file: f.rel, pathMatching: text.includes('request_path') || text.includes('path_info') });
      }
      if (!USAGE_MARKER_RE.test(text)) continue;
      walk(p.root, (n) => {
        const name = callName(n);
        if (!name) return;
        // A module that sets the CSP header itself: put_resp_header(conn, "content-security-policy", …).
        if (/(^|\.)(put_resp_header|merge_resp_headers)$/.test(name) && n.text.toLowerCase().includes('"content-security-policy"')) {
          const owner = modulesIn(p.root).find((m) => m.node.startIndex <= n.startIndex && n.endIndex <= m.node.endIndex);
          if (owner) cspModules.add(owner.name);
        }
        const ev = { file: f.rel, line: n.startPosition.row + 1 };
        if (/^Ecto\.Migrator\.(run|with_repo)$/.test(name) && !releaseModules.some((r) => r.file === f.rel)) migratorCalls.push(ev);
        else if (name === 'live_render' || name === 'Phoenix.LiveView.Controller.live_render') usage.liveRender.push(ev);
        else if (/(^|\.)(PubSub|Endpoint)\.(local_)?broadcast(_from)?!?$/.test(name)) usage.pubsubBroadcast.push(ev);
        else if (name === 'use' && n.text.includes('Phoenix.Presence')) usage.presence.push(ev);
      }, CALLS);
    }
    for (const { f, text } of libCandidates) if (text.includes('Telemetry.Metrics') || text.includes(':telemetry')) usage.telemetry.push({ file: f.rel, line: 1 });
    for (const f of libFiles) {
      if (usage.telemetry.some((u) => u.file === f.rel)) continue;
      if (/telemetry\.ex$/.test(f.rel)) usage.telemetry.push({ file: f.rel, line: 1 });
    }

    // ---- other inputs
    const lockEntry = all.find((f) => f.rel === `${projectPrefix}mix.lock`);
    let lock: Facts['lock'] = null;
    if (lockEntry) {
      const p = await parse(lockEntry);
      if (p) lock = extractLock(p.root, lockEntry.rel);
    }
    const toolVersions = await extractToolVersions(all.filter((f) => inProject(f) || !f.rel.includes('/')), projectPrefix, warnings);
    const webProject = projects.find((p) => p.phoenix && endpoints.some((e) => e.file.startsWith(p.path === '.' ? '' : `${p.path}/`))) ?? projects.find((p) => p.phoenix)!;
    const assets = extractAssets(all, webProject.path === '.' ? '' : `${webProject.path}/`, config.calls, webProject, warnings);
    const node = extractNodeToolchain(all, assets.packageJson, projectPrefix, warnings);

    const dockerfiles: Facts['dockerfiles'] = [];
    const flyTomls: Facts['flyTomls'] = [];
    const relScripts: Facts['relScripts'] = [];
    let relEnvTemplate: Facts['relEnvTemplate'] = null;
    const k8s: Facts['k8s'] = [];
    const workflows: Facts['workflows'] = [];
    const presentFiles: Facts['presentFiles'] = [];
    let dockerignore: Facts['dockerignore'] = null;
    const relOverlays: string[] = [];
    if (all.some((f) => isDockerfileName(basename(f.rel)) || isFlyTomlName(basename(f.rel)) || /\.ya?ml$/.test(f.rel))) await loadDeployParsers();
    for (const f of all) {
      const base = basename(f.rel);
      if (isDockerfileName(base)) {
        const text = readText(f.abs, f.rel, warnings);
        if (text !== null) dockerfiles.push(extractDockerfile(f.rel, text, suppressions));
      } else if (isFlyTomlName(base)) {
        const text = readText(f.abs, f.rel, warnings);
        if (text !== null) {
          const { info, error } = extractFlyToml(f.rel, text, suppressions);
          if (error) warnings.add('parse-error', `${f.rel}: invalid TOML: ${error}`, f.rel);
          flyTomls.push(info);
        }
      } else if (base === '.dockerignore' && (f.rel === `${projectPrefix}.dockerignore` || f.rel === '.dockerignore')) {
        const text = readText(f.abs, f.rel, warnings);
        if (text !== null && !dockerignore) dockerignore = { file: f.rel, patterns: dockerignorePatterns(text) };
      } else if (/(^|\/)rel\//.test(f.rel) && inProject(f)) {
        relOverlays.push(f.rel);
        if (/rel\/overlays\/bin\/[^/]+$/.test(f.rel) || /rel\/env\.sh\.eex$/.test(f.rel)) {
          const text = readText(f.abs, f.rel, warnings);
          if (text !== null) {
            const info = extractScript(f.rel, text, isExecutable(f.abs));
            if (f.rel.endsWith('env.sh.eex')) relEnvTemplate = info;
            else relScripts.push(info);
          }
        }
      } else if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(f.rel) || f.rel.startsWith(`${projectPrefix}.github/workflows/`)) {
        const text = readText(f.abs, f.rel, warnings);
        workflows.push({ file: f.rel, name: text ? workflowName(text) : null });
      } else if (/\.ya?ml$/.test(base) && !f.rel.startsWith('.github/')) {
        const size = fileSize(f.abs);
        if (size > 0 && size < 512 * 1024) {
          const text = readText(f.abs, f.rel, warnings);
          if (text && text.includes('apiVersion') && text.includes('kind')) k8s.push(...extractK8s(f.rel, text));
        }
      } else if (/^\.env(\..+)?$/.test(base) && !/\.(example|sample|template|dist)$/.test(base)) {
        const text = readText(f.abs, f.rel, warnings);
        presentFiles.push({ file: f.rel, size: fileSize(f.abs), gitignored: false, keys: text ? dotenvKeys(text) : [] });
      } else if (base === 'prod.secret.exs' || base === 'erl_crash.dump' || base === '.tool-versions' || base === 'mix.lock') {
        presentFiles.push({ file: f.rel, size: fileSize(f.abs), gitignored: false });
      }
    }

    if (presentFiles.length) {
      const isIgnored = await gitignoreMatcher(all, warnings);
      for (const pf of presentFiles) pf.gitignored = isIgnored(pf.file);
    }

    const modules: Record<string, Evidence> = {};
    for (const [k, v] of [...moduleIndex.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) modules[k] = v;

    // Health plugs mounted in the endpoint as modules (`plug MyAppWeb.HealthPlug`): the paths they answer.
    const healthModulePaths: { module: string; path: string; evidence: Evidence }[] = [];
    for (const ep of endpoints) {
      for (const plug of ep.plugs) {
        const pm = plugModules.get(plug.name);
        if (!pm || !pm.pathMatching) continue;
        for (const path of matchedPaths(pm.mod)) healthModulePaths.push({ module: plug.name, path, evidence: plug.evidence });
      }
    }

    const patchable = new Set<string>([
      ...routers.map((r) => r.file),
      ...endpoints.map((e) => e.file),
      ...applications.map((a) => a.file),
      ...projects.map((p) => p.mixFile),
      ...config.files.map((f) => f.file),
    ]);
    const sources: Record<string, string> = {};
    for (const t of [...trees].sort((a, b) => (a.rel < b.rel ? -1 : 1))) if (patchable.has(t.rel)) sources[t.rel] = t.text;

    const facts: Facts = {
      projects,
      lock,
      configFiles: config.files,
      config: config.calls,
      envReads: config.envReads,
      endpoints: endpoints.map(({ functionPlugPaths: _f, ...e }) => e),
      routers,
      applications,
      releaseModules,
      assets,
      toolVersions,
      node,
      files: all.filter(inProject).map((f) => f.rel).sort(),
      dockerfiles,
      dockerignore,
      flyTomls,
      relScripts,
      relEnvTemplate,
      k8s,
      workflows,
      presentFiles,
      suppressions: suppressions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
      migratorCalls,
      modules,
      usage,
      sources,
      stats,
    };
    stats.ms = Math.round(performance.now() - t0);
    return summarize({
      root,
      projectPath: located.projectPath,
      umbrella,
      webProject,
      facts,
      repos,
      endpointPaths: endpoints.flatMap((e) => e.functionPlugPaths),
      healthModulePaths,
      cspModules,
      relOverlays,
      warnings: warnings.list,
    });
  } finally {
    for (const t of trees) t.dispose();
  }
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

/** Request paths a plug module answers (`def call(%{request_path: "/health"} = conn, _)`, `path_info: ["healthz"]`). */
function matchedPaths(mod: ModuleDef): string[] {
  const out: string[] = [];
  for (const n of mod.body) {
    walk(n, (c) => {
      const key = c.childForFieldName('key')?.text.replace(/[:\s]/g, '');
      const value = c.childForFieldName('value');
      if (!value) return;
      const t = toTerm(value, newContext());
      if (key === 'request_path' && t.t === 'string' && !t.interpolated) out.push(t.v);
      if (key === 'path_info' && t.t === 'list' && t.items.length && t.items.every((i) => i.t === 'string')) out.push('/' + t.items.map((i) => literal(i)).join('/'));
    }, PAIRS);
  }
  return [...new Set(out)];
}

function collectSuppressions(root: Node, file: string, text: string, out: Suppression[]): void {
  if (!text.includes('phoenix-ops:ignore')) return;
  walk(
    root,
    (n) => {
      const m = SUPPRESS_RE.exec(n.text.trim());
      if (m) out.push({ file, line: n.startPosition.row + 1, ruleId: m[1]!, reason: m[2]!.trim() });
    },
    new Set(['comment']),
  );
}
