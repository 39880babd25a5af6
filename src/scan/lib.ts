/**
 * lib/ sources: an index of every module (by cheap text search), the env helper modules config
 * files call, and the registered module extractors run over the files that hold their markers.
 */
import { functionsIn, modulesIn, type ModuleDef } from './elixir/ast.js';
import { kids, type Node } from './elixir/parser.js';
import type { EnvHelper } from './elixir/to-term.js';
import type { ConfigResolver } from './elixir/env-condition.js';
import type { ModuleContext, ModuleExtractor } from './extractor.js';
import { moduleExtractors, SUPPRESSION_MARKER, type ModuleResults } from './extractors.js';
import { extractMigrator } from './extract/release-module.js';
import type { FileEntry } from './files.js';
import { aliasesIn, expandAlias, helpersOfModule, importsIn, lastSegment } from './helpers.js';
import type { ConfigCall, Evidence, MigratorModule, MixProject } from './profile.js';
import { schemaHelpers } from './config-schema.js';
import type { Sources } from './sources.js';

export interface LibFile {
  f: FileEntry;
  text: string;
}

export interface LibIndex {
  /** Every lib/ Elixir file of the apps that could be read. */
  files: LibFile[];
  /** Module name → where it is defined. */
  modules: Map<string, Evidence>;
  /** The same files by path. */
  byFile: Map<string, LibFile>;
  /** Files that mention `:telemetry` / `Telemetry.Metrics`, or are named `telemetry.ex`. */
  telemetry: Evidence[];
}

const DEFMODULE = /^\s*defmodule\s+([A-Z][\w.]*)/gm;
const TELEMETRY = /Telemetry\.Metrics|:telemetry/;
/** A module worth reading for env helpers (config calls `MyApp.Config.fetch!("X")`). */
/** A reader of a typed config schema: a parameter defaulting to a module (`module \\ Definitions`). */
const SCHEMA_MARKER = /\\\\\s*[A-Z]/;
const HELPER_MARKER = /get_env|fetch_env|Dotenvy|Map\.(get|fetch)|\["[A-Z]|%\{"[A-Z]/;

export function indexLib(src: Sources, appRoots: readonly string[]): LibIndex {
  const files: LibFile[] = [];
  const modules = new Map<string, Evidence>();
  const telemetry: Evidence[] = [];
  for (const f of src.files) {
    if (!f.rel.endsWith('.ex') && !f.rel.endsWith('.exs')) continue;
    if (!appRoots.some((r) => f.rel.startsWith(`${r}lib/`))) continue;
    const text = src.text(f);
    if (text === null) continue;
    files.push({ f, text });
    for (const { 1: name, index } of text.matchAll(DEFMODULE)) {
      if (name !== undefined && !modules.has(name)) modules.set(name, { file: f.rel, line: lineAt(text, index) });
    }
    const tm = TELEMETRY.exec(text);
    if (tm) telemetry.push({ file: f.rel, line: lineAt(text, tm.index) });
    else if (/telemetry\.ex$/.test(f.rel)) telemetry.push({ file: f.rel, line: 1 });
  }
  return { files, byFile: new Map(files.map((l) => [l.f.rel, l])), modules, telemetry };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Env helpers of the project modules one config file references (followed one level). */
export function envHelpers(src: Sources, lib: LibIndex, configRoot: Node): Map<string, Map<string, EnvHelper>> {
  const referenced = new Set<string>();
  const top = kids(configRoot);
  const aliases = aliasesIn(top);
  for (const m of remoteModuleNames(configRoot.text)) referenced.add(expandAlias(m, aliases));
  for (const m of importsIn(top)) referenced.add(expandAlias(m, aliases));
  // `import MyApp.Config` inside `if config_env() == :prod do … end`: a prefilter, only project modules are read.
  for (const [, m] of configRoot.text.matchAll(/^\s*import\s+([A-Z][\w.]*)/gm)) if (m !== undefined) referenced.add(expandAlias(m, aliases));
  const out = new Map<string, Map<string, EnvHelper>>();
  let cache = helperCache.get(lib);
  if (!cache) helperCache.set(lib, (cache = new Map()));
  for (const mod of referenced) {
    // Each config file names the same modules (config.exs, prod.exs, runtime.exs): read each once.
    let h = cache.get(mod);
    if (!h) cache.set(mod, (h = moduleHelpers(src, lib, mod)));
    if (h.size) out.set(mod, h);
  }
  return out;
}

/**
 * Module names a config file calls functions of (`MyApp.Config.fetch!(…)`, `Parser.port(env)`): a
 * prefilter over the text, so it may name more than the code calls (a comment); only modules the
 * project defines are then read, and those are parsed.
 */
function remoteModuleNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const [, mod] of text.matchAll(/(?<![\w.])([A-Z]\w*(?:\.[A-Z]\w*)*)\.[a-z_]\w*[!?]?/g)) if (mod !== undefined) out.add(mod);
  return out;
}

const helperCache = new WeakMap<LibIndex, Map<string, Map<string, EnvHelper>>>();

function moduleHelpers(src: Sources, lib: LibIndex, mod: string): Map<string, EnvHelper> {
  const ev = lib.modules.get(mod);
  // Not in lib/: a helper module defined in a config file (`config/config_helper.exs`, loaded with Code.eval_file).
  const file = ev ? lib.byFile.get(ev.file) : configModuleFile(src, mod);
  if (!file || !(HELPER_MARKER.test(file.text) || SCHEMA_MARKER.test(file.text))) return new Map();
  const p = src.parse(file.f);
  if (!p) return new Map();
  for (const m of modulesIn(p.root)) {
    if (m.name !== mod) continue;
    const helpers = HELPER_MARKER.test(file.text) ? new Map(helpersOfModule(p.root, m)) : new Map<string, EnvHelper>();
    for (const [fn, h] of schemaHelpers(src, lib, m.name, m.body)) helpers.set(fn, h);
    return helpers;
  }
  return new Map();
}

/** `def fun do … end` (no parameters) of a project module: its file, the file's tree and its body; null when absent. */
export function zeroArityFunction(src: Sources, lib: LibIndex, mod: string, fun: string): { file: string; root: Node; body: Node[] } | null {
  const ev = lib.modules.get(mod);
  const file = ev ? lib.byFile.get(ev.file) : undefined;
  if (!file || !file.text.includes(`def ${fun}`)) return null;
  const p = src.parse(file.f);
  const m = p ? modulesIn(p.root).find((x) => x.name === mod) : undefined;
  const fn = m ? functionsIn(m.body).find((f) => f.kind === 'def' && f.name === fun && f.params.length === 0) : undefined;
  return fn && p ? { file: file.f.rel, root: p.root, body: fn.body } : null;
}

function configModuleFile(src: Sources, mod: string): LibFile | undefined {
  const needle = `defmodule ${mod} do`;
  for (const f of src.files) {
    if (!/(^|\/)config\/[^/]+\.exs$/.test(f.rel)) continue;
    const text = src.text(f);
    if (text?.includes(needle)) return { f, text };
  }
  return undefined;
}

export interface ExtractInputs {
  projects: readonly MixProject[];
  resolve: ConfigResolver;
  config: readonly ConfigCall[];
}

/** Runs every registered module extractor over the lib files holding its markers. */
export function runModuleExtractors(src: Sources, lib: LibIndex, inputs: ExtractInputs): ModuleResults {
  const extractors: [string, ModuleExtractor<unknown>][] = Object.entries(moduleExtractors);
  const found: Record<string, unknown[]> = Object.fromEntries(extractors.map(([id]) => [id, []]));
  const apps = inputs.projects.filter((p) => p.kind !== 'umbrella-root');
  const otpAppOf = (rel: string) => apps.find((p) => p.path === '.' || rel.startsWith(`${p.path}/`))?.otpApp ?? null;
  const done = (id: string, ex: ModuleExtractor<unknown>) => ex.once === true && (found[id]?.length ?? 0) > 0;
  for (const { f, text } of lib.files) {
    const wanted = extractors.filter(([id, ex]) => !done(id, ex) && ex.markers.some((m) => text.includes(m)) && (ex.wants?.(text) ?? true));
    // A file with an inline suppression is parsed for its comments even when no extractor wants it.
    if (wanted.length === 0 && !text.includes(SUPPRESSION_MARKER)) continue;
    const p = src.parse(f);
    if (!p || wanted.length === 0) continue;
    const ctx: ModuleContext = { file: f.rel, text, root: p.root, otpApp: otpAppOf(f.rel), resolve: inputs.resolve, config: inputs.config };
    for (const mod of modulesIn(p.root)) {
      for (const [id, ex] of wanted) {
        if (done(id, ex) || !ex.matches(mod, ctx)) continue;
        const r = ex.extract(mod, ctx);
        if (r) found[id]?.push(r);
      }
    }
  }
  // Each list holds only what its own extractor returned: the registry's types, by construction.
  return found as ModuleResults;
}

/**
 * Runs one extractor over the named modules only (a second pass: e.g. the plugs an endpoint mounts),
 * parsing just the files that define them and hold the extractor's markers.
 */
export function runOnModules<T>(src: Sources, lib: LibIndex, names: ReadonlySet<string>, ex: { markers: readonly string[]; extract(m: ModuleDef, c: ModuleContext): T | null }, inputs: ExtractInputs): T[] {
  const out: T[] = [];
  const files = new Set([...names].map((n) => lib.modules.get(n)?.file).filter((f): f is string => !!f));
  for (const rel of [...files].sort()) {
    const file = lib.byFile.get(rel);
    if (!file || !ex.markers.some((m) => file.text.includes(m))) continue;
    const p = src.parse(file.f);
    if (!p) continue;
    const ctx: ModuleContext = { file: rel, text: file.text, root: p.root, otpApp: null, resolve: inputs.resolve, config: inputs.config };
    for (const mod of modulesIn(p.root)) {
      if (!names.has(mod.name)) continue;
      const r = ex.extract(mod, ctx);
      if (r) out.push(r);
    }
  }
  return out;
}

/**
 * Modules that call into a migrating module (`Mobilizon.CLI.run("migrate")` → a migrate task): the
 * second pass of the release-module search, over files that mention a migrating module's name.
 */
export function migratorCallers(src: Sources, lib: LibIndex, migrators: readonly MigratorModule[]): MigratorModule[] {
  if (migrators.length === 0) return [];
  const names = new Set(migrators.map((m) => m.module));
  const tails = [...new Set(migrators.map((m) => lastSegment(m.module)))];
  const out: MigratorModule[] = [];
  for (const { f, text } of lib.files) {
    if (!tails.some((t) => text.includes(t))) continue;
    const p = src.parse(f);
    if (!p) continue;
    for (const mod of modulesIn(p.root)) {
      if (names.has(mod.name)) continue;
      const m = extractMigrator(mod, f.rel);
      if (m && m.calls.some((c) => names.has(c))) out.push(m);
    }
  }
  return out;
}
