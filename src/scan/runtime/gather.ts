/**
 * Runtime inputs that need the scan's parsed trees, gathered once before the trees are freed: the
 * launch files of the deploy files, the `init/2` callbacks of endpoints and repos, the results of the
 * project functions the prod config calls, the programs lib code runs and the places it writes.
 * Files are parsed through `Sources` (once per scan; lib files the module pass parsed are reused).
 */
import { functionsIn, modulesIn, type FunctionDef, type ModuleDef } from '../elixir/ast.js';
import { newContext, toTerm, type EnvHelper, type TermContext } from '../elixir/to-term.js';
import { helpersInModule } from '../helpers.js';
import type { LibIndex } from '../lib.js';
import type { ConfigCall, ConfigFile, DockerfileInfo, Evidence, RuntimeSources } from '../profile.js';
import type { Sources } from '../sources.js';
import type { Term } from '../term.js';
import { gatherCommands } from './commands.js';
import { productionDockerfiles } from './deploy-mode.js';
import { readLaunchers } from './launchers.js';
import { settingsOf } from './terms.js';
import { gatherWrites } from './writes.js';

export interface RuntimeInputs {
  config: readonly ConfigCall[];
  configFiles: readonly ConfigFile[];
  dockerfiles: readonly DockerfileInfo[];
  endpoints: readonly string[];
  repos: readonly string[];
  inProject(rel: string): boolean;
}

export function gatherRuntime(src: Sources, lib: LibIndex, inputs: RuntimeInputs): RuntimeSources {
  const modules = new ModuleFinder(src, lib, inputs.configFiles);
  return {
    launchers: readLaunchers(src, productionDockerfiles(inputs.dockerfiles), inputs.inProject),
    callbacks: [...inputs.endpoints.map((m) => callback(modules, m, 'endpoint')), ...inputs.repos.map((m) => callback(modules, m, 'repo'))].filter((c): c is RuntimeSources['callbacks'][number] => c !== null),
    functions: configFunctions(modules, inputs.config, new Set(inputs.endpoints)),
    commands: gatherCommands(src, lib, inputs.config),
    writes: gatherWrites(src, lib, inputs.config),
  };
}

/** Finds a project module's definition: in lib/ (by the index) or in a config file (`defmodule Util` in runtime.exs). */
class ModuleFinder {
  private configModules: Map<string, { mod: ModuleDef; file: string }> | null = null;
  private readonly found = new Map<string, { mod: ModuleDef; file: string; functions: FunctionDef[] } | null>();
  private readonly byFile = new Map<string, ModuleDef[]>();
  constructor(
    private readonly src: Sources,
    private readonly lib: LibIndex,
    private readonly configFiles: readonly ConfigFile[],
  ) {}

  /** The module and its functions (each module looked up once per scan). */
  find(name: string): { mod: ModuleDef; file: string; functions: FunctionDef[] } | null {
    if (this.found.has(name)) return this.found.get(name)!;
    const hit = this.lookup(name);
    const result = hit ? { ...hit, functions: functionsIn(hit.mod.body) } : null;
    this.found.set(name, result);
    return result;
  }

  private lookup(name: string): { mod: ModuleDef; file: string } | null {
    const ev = this.lib.modules.get(name);
    const f = ev ? this.lib.byFile.get(ev.file) : undefined;
    if (f) {
      let mods = this.byFile.get(f.f.rel);
      if (!mods) {
        const p = this.src.parse(f.f);
        mods = p ? modulesIn(p.root) : [];
        this.byFile.set(f.f.rel, mods);
      }
      const mod = mods.find((m) => m.name === name);
      if (mod) return { mod, file: f.f.rel };
    }
    return this.inConfig().get(name) ?? null;
  }

  private inConfig(): Map<string, { mod: ModuleDef; file: string }> {
    if (this.configModules) return this.configModules;
    this.configModules = new Map();
    for (const cf of this.configFiles) {
      if (!cf.parsed) continue;
      const f = this.src.get(cf.file);
      const p = f ? this.src.parse(f) : null;
      for (const mod of p ? modulesIn(p.root) : []) if (!this.configModules.has(mod.name)) this.configModules.set(mod.name, { mod, file: cf.file });
    }
    return this.configModules;
  }
}

/** What a function returns, as a term: its body evaluated in order, `x = …` bindings applied, the last expression. */
function functionResult(fn: FunctionDef, ctx: TermContext): Term | null {
  let last: Term | null = null;
  for (const stmt of fn.body) {
    const t = toTerm(stmt, ctx);
    if (t.t === 'op' && t.op === '=' && t.left.t === 'var') {
      ctx.vars.set(t.left.name, t.right);
      last = t.right;
    } else last = t;
  }
  return last;
}

const moduleHelperCache = new WeakMap<ModuleDef, Map<string, EnvHelper>>();

/** A fresh term context knowing the module's env helpers (`get_env/2`, `Util.fetch_env!/2`); helpers read once per module. */
function moduleContext(mod: ModuleDef): TermContext {
  const ctx = newContext();
  let helpers = moduleHelperCache.get(mod);
  if (!helpers) moduleHelperCache.set(mod, (helpers = helpersInModule(mod.name, mod.body)));
  for (const [fn, h] of helpers) {
    ctx.helpers.set(`${mod.name}.${fn}`, h);
    ctx.helpers.set(fn, h);
    const short = mod.name.split('.').pop()!;
    ctx.helpers.set(`${short}.${fn}`, h);
  }
  return ctx;
}

/** Project functions called from config values (`ConfigHelper.get_port()`): `Mod.fun/arity` → result. */
function configFunctions(modules: ModuleFinder, config: readonly ConfigCall[], endpoints: ReadonlySet<string>): Record<string, Term> {
  const out: Record<string, Term> = {};
  const seen = new Set<string>();
  const visit = (t: Term) => {
    switch (t.t) {
      case 'call': {
        const dot = t.name.lastIndexOf('.');
        const key = `${t.name}/${t.args.length}`;
        if (dot > 0 && /^[A-Z]/.test(t.name) && !seen.has(key)) {
          seen.add(key);
          const found = modules.find(t.name.slice(0, dot));
          // By arity; a call rewritten from an env-map helper (`server_port(System.get_env())`) carries its reads as arguments: by name then.
          const clauses = found ? found.functions.filter((f) => f.kind === 'def' && f.name === t.name.slice(dot + 1)) : [];
          const fn = clauses.find((f) => f.params.length === t.args.length) ?? (new Set(clauses.map((c) => c.params.length)).size === 1 ? clauses[0] : undefined);
          const result = fn && found ? functionResult(fn, moduleContext(found.mod)) : null;
          if (result) out[key] = result;
        }
        t.args.forEach(visit);
        break;
      }
      case 'op':
        visit(t.left);
        visit(t.right);
        break;
      case 'kw':
        t.pairs.forEach((p) => visit(p.value));
        break;
      case 'list':
      case 'tuple':
        t.items.forEach(visit);
        break;
      default:
        break;
    }
  };
  // Only where the runtime deciders look: the `http:` settings of the endpoints' prod config.
  for (const c of config) {
    if (!c.envs.includes('prod') || !c.key || !endpoints.has(c.key)) continue;
    for (const http of settingsOf(c.opts, 'http')) visit(http.value);
  }
  return out;
}

/** Variables bound anywhere in a term (`x = …`, also inside an `if` condition). */
function bindingsIn(t: Term, out: Map<string, Term>): void {
  if (t.t === 'op') {
    if (t.op === '=' && t.left.t === 'var' && !out.has(t.left.name)) out.set(t.left.name, t.right);
    bindingsIn(t.left, out);
    bindingsIn(t.right, out);
  } else if (t.t === 'call') t.args.forEach((a) => bindingsIn(a, out));
  else if (t.t === 'kw') t.pairs.forEach((p) => bindingsIn(p.value, out));
  else if (t.t === 'list' || t.t === 'tuple') t.items.forEach((i) => bindingsIn(i, out));
}

const CALLBACK_KEYS = new Set(['http', 'url', 'hostname', 'host', 'username', 'user', 'password', 'database', 'port', 'socket_dir', 'ssl_opts', 'secret_key_base']);

/** `def init(_key, config)` of an endpoint or repo: the keys it puts, following the module's own functions it calls. */
function callback(modules: ModuleFinder, name: string, kind: 'endpoint' | 'repo'): RuntimeSources['callbacks'][number] | null {
  const found = modules.find(name);
  if (!found) return null;
  const fns = found.functions;
  const init = fns.find((f) => f.name === 'init' && f.params.length === 2 && f.kind === 'def');
  if (!init) return null;
  const ctx = moduleContext(found.mod);
  const settings: { key: string; value: Term; line: number }[] = [];
  const followed = new Set<string>();
  const collect = (t: Term, depth: number) => {
    switch (t.t) {
      case 'kw':
        for (const p of t.pairs) {
          if (CALLBACK_KEYS.has(p.key)) settings.push({ key: p.key, value: p.value, line: p.line });
          collect(p.value, depth);
        }
        break;
      case 'call': {
        if (t.name === 'Keyword.put' && (t.args.length === 2 || t.args.length === 3)) {
          const [k, v] = t.args.length === 3 ? t.args.slice(1) : t.args;
          if (k?.t === 'atom' && v && CALLBACK_KEYS.has(k.v)) settings.push({ key: k.v, value: v, line: t.line });
        }
        const local = fns.filter((f) => f.name === t.name && f.params.length === t.args.length);
        if (local.length && depth < 3 && !followed.has(t.name)) {
          followed.add(t.name);
          for (const f of local) for (const stmt of f.body) collect(toTerm(stmt, ctx), depth + 1);
        }
        t.args.forEach((a) => collect(a, depth));
        break;
      }
      case 'op':
        collect(t.left, depth);
        collect(t.right, depth);
        break;
      case 'list':
      case 'tuple':
        t.items.forEach((i) => collect(i, depth));
        break;
      default:
        break;
    }
  };
  const bound = new Map<string, Term>();
  for (const stmt of init.body) {
    const t = toTerm(stmt, ctx);
    if (t.t === 'op' && t.op === '=' && t.left.t === 'var') ctx.vars.set(t.left.name, t.right);
    bindingsIn(t, bound);
    collect(t, 0);
  }
  if (settings.length === 0) return null;
  // `if url = System.get_env("X") do Keyword.put(opts, :url, url)`: a variable bound in a condition.
  for (const s of settings) if (s.value.t === 'var' && bound.has(s.value.name)) s.value = bound.get(s.value.name)!;
  const evidence: Evidence = { file: found.file, line: init.line };
  return { module: name, kind, settings, evidence };
}
