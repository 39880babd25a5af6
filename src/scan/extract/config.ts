/**
 * config/*.exs: every `config` call with the environment it applies to (by file, `import_config`,
 * and `config_env()`/`Mix.env()` branches), and every env var read, compile time or runtime.
 */
import { lastSet } from '../config-query.js';
import { callArgs, callName, modulesIn } from '../elixir/ast.js';
import type { ConfigResolver } from '../elixir/env-condition.js';
import { kids, type Node } from '../elixir/parser.js';
import { CONFIG_ENV, dynamicNameNode, dynamicNameOf, dynamicNameText, type EnvHelper, type EnvTerm, newContext, staticString, toTerm, type TermContext } from '../elixir/to-term.js';
import { helpersOfModule } from '../helpers.js';
import { matchesPathGlob, normalizePath } from '../path-glob.js';
import type { ConfigCall, ConfigFile, ConfigGuard, EnvRead } from '../profile.js';
import { decidingNames, raisesWhenUnset, runsWhenUnset } from '../runtime/terms.js';
import { literal, type Term } from '../term.js';
import { allEnvs, dirOf, envOfSet, envSetForFile, intersect, sortedEnvs, type EnvSet, type Evaluation, type State } from './config-state.js';
import { evaluateStatement } from './config-statements.js';

export interface ConfigInputs {
  /** Relative paths of the config files present (a file is parsed only when it is evaluated). */
  paths: readonly string[];
  /** Parses a config file, on first use; null when it cannot be read. */
  load(file: string): Node | null;
  /** Config folder, relative (usually "config"). */
  dir: string;
  /** Env helpers of the project modules a config file references: "Harbor.Config" → fetch! → helper. */
  helpersFor(root: Node): Map<string, Map<string, EnvHelper>>;
  /** Config files a Dockerfile copies over config/runtime.exs (`COPY config/docker.exs config/runtime.exs`): runtime config. */
  runtimeCopies?: readonly string[];
  /** A zero-arity public function of a project module (`Mod.fun`): its file, the file's tree and its body. */
  functionBody?(module: string, fun: string): { file: string; root: Node; body: Node[] } | null;
}

export interface ConfigResult {
  files: ConfigFile[];
  calls: ConfigCall[];
  envReads: EnvRead[];
}

export function extractConfig(inputs: ConfigInputs): ConfigResult {
  return new ConfigEvaluator(inputs).run();
}

/**
 * Evaluates config files the way Mix's `Config` does: config.exs (with its imports), then runtime.exs,
 * then releases.exs. Statements are handled by config-statements.ts; this keeps what they find.
 */
class ConfigEvaluator implements Evaluation {
  private readonly files: ConfigFile[] = [];
  private readonly calls: ConfigCall[] = [];
  private readonly envReads: EnvRead[] = [];
  /**
   * Env reads already recorded (a term reached twice, through a variable, counts once). A read bound
   * to a variable may later be passed to a function that crashes on nil (`host = System.get_env("DB_HOST")`
   * … `String.to_charlist(host)`): its listing follows.
   */
  private readonly registered = new WeakMap<object, EnvRead>();
  /** Project functions already followed as config (`MyApp.config_runtime()`). */
  private readonly followedFunctions = new Set<string>();
  private readonly processed = new Set<string>();
  private readonly presentFiles: Set<string>;
  private readonly helpersByFile = new Map<string, Map<string, Map<string, EnvHelper>>>();

  constructor(private readonly inputs: ConfigInputs) {
    this.presentFiles = new Set(inputs.paths);
  }

  readonly resolveSoFar: ConfigResolver = (app, key, env) => {
    const hit = lastSet({ config: this.calls }, env, app, null, [key]);
    return hit ? { value: hit.value, runtime: hit.call.runtime } : undefined;
  };

  run(): ConfigResult {
    const { dir, paths } = this.inputs;
    const main = `${dir}/config.exs`;
    if (this.present(main)) this.processFile(main, allEnvs(), false);
    else {
      for (const f of [...paths].sort()) {
        if (f.endsWith('runtime.exs') || f.endsWith('releases.exs')) continue;
        this.processFile(f, envSetForFile(f) ?? allEnvs(), false);
      }
    }
    const runtime = `${dir}/runtime.exs`;
    if (this.present(runtime)) this.processFile(runtime, allEnvs(), true);
    const releases = `${dir}/releases.exs`;
    if (this.present(releases)) this.processFile(releases, new Set(['prod']), true);
    if (!this.present(runtime)) for (const f of this.inputs.runtimeCopies ?? []) if (this.present(f)) this.processFile(f, allEnvs(), true);
    // Files never imported (e.g. a stray prod.secret.exs) are still listed, unprocessed; an umbrella
    // child's config folder only counts when the root config imports it.
    for (const f of [...paths].sort()) {
      if (!this.processed.has(f) && f.startsWith(`${dir}/`)) this.files.push({ file: f, env: envOfSet(envSetForFile(f) ?? allEnvs()), runtime: false, imports: [], parsed: false });
    }
    return { files: this.files, calls: this.calls, envReads: this.envReads };
  }

  present(file: string): boolean {
    return this.presentFiles.has(file);
  }

  moduleHelpers(file: string): ReadonlyMap<string, ReadonlyMap<string, EnvHelper>> | undefined {
    return this.helpersByFile.get(file);
  }

  statements(nodes: readonly Node[], st: State): void {
    for (const n of nodes) evaluateStatement(n, st, this);
  }

  register(term: Term, st: State, setting?: { app: string; key: string | null }): void {
    for (const { env, path } of envReadsWithPaths(term)) {
      const listed = this.registered.get(env);
      if (listed) {
        if (env.required && !listed.required && st.envs.has('prod') && listed.envs.includes('prod')) listed.required = true;
        continue;
      }
      const read = this.readOf(env, st, setting, path);
      this.registered.set(env, read);
      this.envReads.push(read);
    }
  }

  /** `System.fetch_env!("DATABASE_URL_#{config_env()}")` read by prod: DATABASE_URL_PROD, a known name. */
  private readOf(env: EnvTerm, st: State, setting: { app: string; key: string | null } | undefined, path: string[]): EnvRead {
    const app = setting?.app ?? null;
    const key = setting?.key ?? null;
    const prodName = env.name === null && st.envs.has('prod') ? nameInProd(env, st.ctx) : null;
    if (!prodName) return toEnvRead(env, st, app, key, path);
    if (st.envs.size === 1) env.name = prodName;
    return toEnvRead({ ...env, name: prodName }, { ...st, envs: new Set(['prod']) }, app, key, path);
  }

  requiredByRaise(n: Node, term: Term | null, st: State): void {
    if (!st.envs.has('prod') || !n.text.includes('raise') || runsWhenUnset(st.guards) === false) return;
    const t = term ?? toTerm(n, st.ctx);
    if (raisesWhenUnset(t) !== true) return;
    const names = new Set(decidingNames(t));
    for (const r of this.envReads) if (r.file === st.file && names.has(r.name) && r.envs.includes('prod')) r.required = true;
  }

  followConfigFunction(n: Node, st: State): boolean {
    const name = n.type === 'call' && callArgs(n).length === 0 ? callName(n) : null;
    const dot = name ? name.lastIndexOf('.') : -1;
    if (!this.inputs.functionBody || !name || dot <= 0 || !/^[A-Z]/.test(name)) return false;
    const head = name.slice(0, dot);
    const first = head.split('.')[0] ?? head;
    const full = st.ctx.aliases?.get(first);
    const mod = full ? `${full}${head.slice(first.length)}` : head;
    const fun = name.slice(dot + 1);
    const key = `${mod}.${fun}`;
    if (this.followedFunctions.has(key)) return false;
    const fn = this.inputs.functionBody(mod, fun);
    if (!fn || !fn.body.some((b) => /(^|\s)config[\s(]+:/.test(b.text))) return false;
    this.followedFunctions.add(key);
    const ctx = newContext();
    for (const [m, fns] of this.inputs.helpersFor(fn.root)) for (const [f, h] of fns) ctx.helpers.set(`${m}.${f}`, h);
    for (const m of modulesIn(fn.root)) for (const [f, h] of helpersOfModule(fn.root, m)) ctx.helpers.set(`${m.name}.${f}`, h);
    this.statements(fn.body, { ...st, file: fn.file, ctx });
    return true;
  }

  /**
   * `Code.require_file("#{config_env()}.exs", "config/runtime")`: without a folder (or with a literal
   * one) the path is relative to the project, where Mix runs; `__DIR__` is the calling file's folder.
   * Only config files are followed.
   */
  requireFile(n: Node, st: State): void {
    const [fileArg, dirArg] = callArgs(n);
    const t = fileArg ? toTerm(fileArg, st.ctx) : null;
    if (t?.t !== 'string') return;
    const projectDir = dirOf(this.inputs.dir);
    const d = dirArg ? toTerm(dirArg, st.ctx) : null;
    const base = !d ? projectDir : d.t === 'string' && !d.interpolated ? `${projectDir}/${d.v}` : d.t === 'var' && d.name === '__DIR__' ? dirOf(st.file) : null;
    if (base === null) return;
    if (!t.interpolated) {
      this.importPath(normalizePath(`${base}/${t.v}`), st);
      return;
    }
    if (!/^#\{(config_env|Mix\.env|Config\.config_env)\(\)\}/.test(t.v)) return;
    const tail = t.v.replace(/#\{[^}]*\}/, '');
    for (const e of ['dev', 'test', 'prod'] as const) {
      const f = normalizePath(`${base}/${e}${tail}`);
      if (st.envs.has(e) && this.present(f)) this.importFile(f, new Set([e]), st);
    }
  }

  config(app: string, key: string | null, opts: Term, st: State, line: number): void {
    const guards = st.conditional && st.guards.length ? { guards: st.guards } : {};
    this.calls.push({ file: st.file, env: envOfSet(st.envs), envs: sortedEnvs(st.envs), runtime: st.runtime, app, key, opts, conditional: st.conditional, ...guards, line });
  }

  importPath(path: string, st: State): void {
    const targets = path.includes('*') ? this.inputs.paths.filter((k) => matchesPathGlob(path, k)).sort() : [path];
    for (const f of targets) {
      const fileEnvs = envSetForFile(f);
      this.importFile(f, fileEnvs ? intersect(st.envs, fileEnvs) : st.envs, st);
    }
  }

  importFile(file: string, envs: EnvSet, st: State): void {
    st.entry.imports.push(file);
    this.processFile(file, envs, st.runtime, st.conditional, st.guards);
  }

  private processFile(file: string, envs: EnvSet, runtime: boolean, conditional = false, guards: ConfigGuard[] = []): void {
    if (this.processed.has(file) || !this.present(file)) return;
    const root = this.inputs.load(file);
    if (!root) return;
    this.processed.add(file);
    const moduleHelpers = this.inputs.helpersFor(root);
    const ctx = newContext();
    // Env helpers defined in modules inside the config file itself, then those of project modules.
    for (const m of modulesIn(root)) {
      for (const [fn, h] of helpersOfModule(root, m)) ctx.helpers.set(`${m.name}.${fn}`, h);
    }
    for (const [mod, fns] of moduleHelpers) for (const [fn, h] of fns) ctx.helpers.set(`${mod}.${fn}`, h);
    this.helpersByFile.set(file, moduleHelpers);
    const entry: ConfigFile = { file, env: envOfSet(envs), runtime, imports: [], parsed: true };
    this.files.push(entry);
    this.statements(kids(root), { file, envs, runtime, conditional, guards, ctx, entry });
  }
}

/** Every env read in a term, with the keyword path that leads to it (`[:url, :host]`). */
function envReadsWithPaths(term: Term): { env: EnvTerm; path: string[] }[] {
  const out: { env: EnvTerm; path: string[] }[] = [];
  const visit = (t: Term, p: string[]): void => {
    switch (t.t) {
      case 'env':
        out.push({ env: t, path: p });
        if (t.default) visit(t.default, p);
        break;
      case 'kw':
        for (const pair of t.pairs) visit(pair.value, [...p, pair.key]);
        break;
      case 'string':
        for (const part of t.parts ?? []) visit(part, p);
        break;
      case 'list':
      case 'tuple':
        for (const i of t.items) visit(i, p);
        break;
      case 'map':
        for (const pair of t.pairs) visit(pair.value, [...p, literal(pair.key) ?? '?']);
        break;
      case 'op':
        visit(t.left, p);
        visit(t.right, p);
        break;
      case 'call':
        for (const a of t.args) visit(a, p);
        break;
      default:
        break;
    }
  };
  visit(term, []);
  return out;
}

/** The name of a read whose name is built from `config_env()`/`Mix.env()`, as prod evaluates it. */
function nameInProd(t: EnvTerm, ctx: TermContext): string | null {
  const node = dynamicNameNode(t);
  if (!node || !/config_env|Mix\.env/.test(node.text)) return null;
  const raw = staticString(node, ctx, new Map([[CONFIG_ENV, 'prod']]));
  const nameOf = dynamicNameOf(t);
  return raw === null ? null : nameOf ? nameOf(raw) : raw;
}

function toEnvRead(t: EnvTerm, st: State, app: string | null, key: string | null, path: string[]): EnvRead {
  const dyn = t.name === null;
  const defaultValue = t.default ? literal(t.default) : null;
  return {
    name: t.name ?? dynamicNameText(t) ?? '<dynamic>',
    required: t.required,
    default: defaultValue,
    dynamic: dyn,
    evidence: { file: st.file, line: t.line },
    file: st.file,
    env: envOfSet(st.envs),
    envs: sortedEnvs(st.envs),
    runtime: st.runtime,
    via: t.via,
    ...(t.alternatives ? { alternatives: t.alternatives } : {}),
    app,
    key,
    path,
  };
}
