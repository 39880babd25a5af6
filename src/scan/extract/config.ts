/**
 * config/*.exs: every `config` call with the environment it applies to (by file, `import_config`,
 * and `config_env()`/`Mix.env()` branches), and every env var read, compile time or runtime.
 */
import { lastSet } from '../config-query.js';
import { modulesIn } from '../elixir/ast.js';
import type { ConfigResolver } from '../elixir/env-condition.js';
import { kids, type Node } from '../elixir/parser.js';
import { dynamicNameText, type EnvHelper, type EnvTerm, newContext } from '../elixir/to-term.js';
import { helpersInModule } from '../helpers.js';
import { matchesPathGlob } from '../path-glob.js';
import type { ConfigCall, ConfigFile, EnvRead } from '../profile.js';
import { literal, type Term } from '../term.js';
import { allEnvs, envOfSet, envSetForFile, intersect, sortedEnvs, type EnvSet, type Evaluation, type State } from './config-state.js';
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
  /** Env reads already recorded (a term reached twice, through a variable, counts once). */
  private readonly registered = new WeakSet<object>();
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
      if (this.registered.has(env)) continue;
      this.registered.add(env);
      this.envReads.push(toEnvRead(env, st, setting?.app ?? null, setting?.key ?? null, path));
    }
  }

  config(app: string, key: string | null, opts: Term, st: State, line: number): void {
    this.calls.push({ file: st.file, env: envOfSet(st.envs), envs: sortedEnvs(st.envs), runtime: st.runtime, app, key, opts, conditional: st.conditional, line });
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
    this.processFile(file, envs, st.runtime, st.conditional);
  }

  private processFile(file: string, envs: EnvSet, runtime: boolean, conditional = false): void {
    if (this.processed.has(file) || !this.present(file)) return;
    const root = this.inputs.load(file);
    if (!root) return;
    this.processed.add(file);
    const moduleHelpers = this.inputs.helpersFor(root);
    const ctx = newContext();
    // Env helpers defined in modules inside the config file itself, then those of project modules.
    for (const m of modulesIn(root)) {
      for (const [fn, h] of helpersInModule(m.name, m.body)) ctx.helpers.set(`${m.name}.${fn}`, h);
    }
    for (const [mod, fns] of moduleHelpers) for (const [fn, h] of fns) ctx.helpers.set(`${mod}.${fn}`, h);
    this.helpersByFile.set(file, moduleHelpers);
    const entry: ConfigFile = { file, env: envOfSet(envs), runtime, imports: [], parsed: true };
    this.files.push(entry);
    this.statements(kids(root), { file, envs, runtime, conditional, ctx, entry });
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
    app,
    key,
    path,
  };
}
