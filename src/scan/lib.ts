/**
 * lib/ sources: an index of every module (by cheap text search), the env helper modules config
 * files call, and the registered module extractors run over the files that hold their markers.
 */
import { modulesIn, type ModuleDef } from './elixir/ast.js';
import { kids } from './elixir/parser.js';
import type { EnvHelper } from './elixir/to-term.js';
import type { ConfigResolver } from './elixir/env-condition.js';
import type { ModuleContext } from './extractor.js';
import { LIB_MARKERS, moduleExtractors, type ModuleExtractorId, type ModuleResults } from './extractors.js';
import { extractMigrator } from './extract/release-module.js';
import type { FileEntry } from './files.js';
import { aliasesIn, expandAlias, helpersInModule, importsIn, remoteModules } from './helpers.js';
import type { ConfigCall, Evidence, MigratorModule, MixProject } from './profile.js';
import type { ParsedFile, Sources } from './sources.js';

export interface LibFile {
  f: FileEntry;
  text: string;
}

export interface LibIndex {
  /** Every lib/ Elixir file of the apps that could be read. */
  files: LibFile[];
  /** Module name → where it is defined. */
  modules: Map<string, Evidence>;
  /** Files that mention `:telemetry` / `Telemetry.Metrics`, or are named `telemetry.ex`. */
  telemetry: Evidence[];
}

const DEFMODULE = /^\s*defmodule\s+([A-Z][\w.]*)/gm;
const TELEMETRY = /Telemetry\.Metrics|:telemetry/;
/** A module worth reading for env helpers (config calls `MyApp.Config.fetch!("X")`). */
const HELPER_MARKER = /get_env|fetch_env|Dotenvy/;

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
    for (const m of text.matchAll(DEFMODULE)) {
      if (!modules.has(m[1]!)) modules.set(m[1]!, { file: f.rel, line: lineAt(text, m.index) });
    }
    const tm = TELEMETRY.exec(text);
    if (tm) telemetry.push({ file: f.rel, line: lineAt(text, tm.index) });
    else if (/telemetry\.ex$/.test(f.rel)) telemetry.push({ file: f.rel, line: 1 });
  }
  return { files, modules, telemetry };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Env helpers of the project modules that config files reference (followed one level). */
export async function envHelpers(src: Sources, lib: LibIndex, configs: readonly ParsedFile[]): Promise<Map<string, Map<string, EnvHelper>>> {
  const referenced = new Set<string>();
  for (const c of configs) {
    const top = kids(c.root);
    const aliases = aliasesIn(top);
    for (const m of remoteModules(top)) referenced.add(expandAlias(m, aliases));
    for (const m of importsIn(top)) referenced.add(expandAlias(m, aliases));
  }
  const out = new Map<string, Map<string, EnvHelper>>();
  for (const mod of referenced) {
    const ev = lib.modules.get(mod);
    const file = ev ? lib.files.find((l) => l.f.rel === ev.file) : undefined;
    if (!file || !HELPER_MARKER.test(file.text)) continue;
    const p = await src.parse(file.f);
    if (!p) continue;
    for (const m of modulesIn(p.root)) {
      if (m.name !== mod) continue;
      const h = helpersInModule(m.name, m.body);
      if (h.size) out.set(m.name, h);
    }
  }
  return out;
}

export interface ExtractInputs {
  projects: readonly MixProject[];
  resolve: ConfigResolver;
  config: readonly ConfigCall[];
}

/** Runs every registered module extractor over the lib files holding its markers. */
export async function runModuleExtractors(src: Sources, lib: LibIndex, inputs: ExtractInputs): Promise<ModuleResults> {
  const ids = Object.keys(moduleExtractors) as ModuleExtractorId[];
  const results = Object.fromEntries(ids.map((id) => [id, []])) as unknown as ModuleResults;
  const apps = inputs.projects.filter((p) => p.kind !== 'umbrella-root');
  const otpAppOf = (rel: string) => apps.find((p) => p.path === '.' || rel.startsWith(`${p.path}/`))?.otpApp ?? null;
  for (const { f, text } of lib.files) {
    if (!LIB_MARKERS.some((m) => text.includes(m))) continue;
    const wanted = ids.filter((id) => moduleExtractors[id].markers.some((m) => text.includes(m)));
    const p = await src.parse(f);
    if (!p || wanted.length === 0) continue;
    const ctx: ModuleContext = { file: f.rel, text, root: p.root, otpApp: otpAppOf(f.rel), resolve: inputs.resolve, config: inputs.config };
    for (const mod of modulesIn(p.root)) {
      for (const id of wanted) {
        const ex = moduleExtractors[id] as { matches(m: ModuleDef, c: ModuleContext): boolean; extract(m: ModuleDef, c: ModuleContext): unknown };
        if (!ex.matches(mod, ctx)) continue;
        const r = ex.extract(mod, ctx);
        if (r) (results[id] as unknown[]).push(r);
      }
    }
  }
  return results;
}

/**
 * Modules that call into a migrating module (`Mobilizon.CLI.run("migrate")` → a migrate task): the
 * second pass of the release-module search, over files that mention a migrating module's name.
 */
export async function migratorCallers(src: Sources, lib: LibIndex, migrators: readonly MigratorModule[]): Promise<MigratorModule[]> {
  if (migrators.length === 0) return [];
  const names = new Set(migrators.map((m) => m.module));
  const tails = [...new Set(migrators.map((m) => m.module.split('.').pop()!))];
  const out: MigratorModule[] = [];
  for (const { f, text } of lib.files) {
    if (!tails.some((t) => text.includes(t))) continue;
    const p = await src.parse(f);
    if (!p) continue;
    for (const mod of modulesIn(p.root)) {
      if (names.has(mod.name)) continue;
      const m = extractMigrator(mod, f.rel);
      if (m && m.calls.some((c) => names.has(c))) out.push(m);
    }
  }
  return out;
}
