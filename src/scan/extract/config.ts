/**
 * config/*.exs: every `config` call with the environment it applies to (by file, `import_config`,
 * and `config_env()`/`Mix.env()` branches), and every env var read, compile time or runtime.
 */
import { bodyStatements, callArgs, callName, doStatements, elseStatements, modulesIn, operatorOf } from '../elixir/ast.js';
import { kids, lineOf, type Node } from '../elixir/parser.js';
import { CONFIG_ENV, dynamicNameNode, dynamicNameOf, dynamicNameText, type EnvHelper, type EnvTerm, newContext, staticString, toTerm, type TermContext } from '../elixir/to-term.js';
import { lastSet } from '../config-query.js';
import { envSelection, holdsInProd, type ConfigResolver } from '../elixir/env-condition.js';
import { anonymousHelper, helpersInModule } from '../helpers.js';
import type { ConfigCall, ConfigEnv, ConfigFile, ConfigGuard, EnvRead } from '../profile.js';
import { literal, type Term } from '../term.js';
import { decidingNames, raisesWhenUnset, runsWhenUnset } from '../runtime/terms.js';

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

type EnvSet = Set<'dev' | 'test' | 'prod'>;
const ALL_ENVS: EnvSet = new Set(['dev', 'test', 'prod']);

function envOfSet(s: EnvSet): ConfigEnv {
  if (s.size === 3) return 'all';
  if (s.size === 1) return [...s][0]!;
  if (s.has('prod')) return 'all';
  return 'other';
}

function envSetForFile(file: string): EnvSet | null {
  const base = file.split('/').pop()!;
  if (base === 'dev.exs') return new Set(['dev']);
  if (base === 'test.exs') return new Set(['test']);
  if (base === 'prod.exs' || base === 'prod.secret.exs' || base === 'releases.exs') return new Set(['prod']);
  return null;
}

function sortedEnvs(s: EnvSet): ('dev' | 'test' | 'prod')[] {
  return (['dev', 'test', 'prod'] as const).filter((e) => s.has(e));
}

function complement(s: EnvSet): EnvSet {
  return new Set([...ALL_ENVS].filter((e) => !s.has(e)));
}

function intersect(a: EnvSet, b: EnvSet): EnvSet {
  return new Set([...a].filter((x) => b.has(x)));
}

interface State {
  file: string;
  envs: EnvSet;
  runtime: boolean;
  conditional: boolean;
  /** The undecided conditions the statements run under (see ConfigGuard). */
  guards: ConfigGuard[];
  ctx: TermContext;
}

export function extractConfig(inputs: ConfigInputs): ConfigResult {
  const files: ConfigFile[] = [];
  const calls: ConfigCall[] = [];
  const envReads: EnvRead[] = [];
  // `Application.compile_env(:app, :flag)` / `get_env` in a condition: what config set so far says.
  const soFar = { config: calls };
  const resolveSoFar: ConfigResolver = (app, key, env) => {
    const hit = lastSet(soFar, env, app, null, [key]);
    return hit ? { value: hit.value, runtime: hit.call.runtime } : undefined;
  };
  // Each read term is listed once; a read bound to a variable may later be passed to a function that
  // crashes on nil (`hostname = System.get_env("DB_HOST")` … `String.to_charlist(hostname)`): its listing follows.
  const registered = new WeakMap<object, EnvRead>();
  const processed = new Set<string>();
  const present = new Set(inputs.paths);
  const helpersByFile = new Map<string, Map<string, Map<string, EnvHelper>>>();

  const register = (term: Term, st: State, app: string | null, key: string | null, path: string[]) => {
    const visit = (t: Term, p: string[]) => {
      switch (t.t) {
        case 'env':
          const listed = registered.get(t);
          if (!listed) {
            const prodName = t.name === null && st.envs.has('prod') ? nameInProd(t, st.ctx) : null;
            // `System.fetch_env!("DATABASE_URL_#{config_env()}")` read by prod: DATABASE_URL_prod, a known name.
            if (prodName && st.envs.size === 1) t.name = prodName;
            const read = prodName ? toEnvRead({ ...t, name: prodName }, { ...st, envs: new Set(['prod']) }, app, key, p) : toEnvRead(t, st, app, key, p);
            registered.set(t, read);
            envReads.push(read);
          } else if (t.required && !listed.required && st.envs.has('prod') && listed.envs.includes('prod')) listed.required = true;
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
    visit(term, path);
  };

  const processFile = (file: string, envs: EnvSet, runtime: boolean, conditional: boolean, guards: ConfigGuard[] = []) => {
    if (processed.has(file)) return;
    if (!present.has(file)) return;
    const root = inputs.load(file);
    if (!root) return;
    const src = { file, root };
    processed.add(file);
    const moduleHelpers = inputs.helpersFor(root);
    const ctx = newContext();
    // Env helpers defined in modules inside the config file itself.
    for (const m of modulesIn(src.root)) {
      for (const [fn, h] of helpersInModule(m.name, m.body)) ctx.helpers.set(`${m.name}.${fn}`, h);
    }
    for (const [mod, fns] of moduleHelpers) for (const [fn, h] of fns) ctx.helpers.set(`${mod}.${fn}`, h);
    helpersByFile.set(file, moduleHelpers);
    const entry: ConfigFile = { file, env: envOfSet(envs), runtime, imports: [], parsed: true };
    files.push(entry);
    statements(kids(src.root), { file, envs, runtime, conditional, guards, ctx }, entry);
  };

  const statements = (nodes: Node[], st: State, entry: ConfigFile) => {
    for (const n of nodes) statement(n, st, entry);
  };

  const statement = (n: Node, st: State, entry: ConfigFile) => {
    const name = callName(n);
    if (name === 'config') {
      configCall(n, st);
      return;
    }
    if (name === 'import_config') {
      importConfig(n, st, entry);
      return;
    }
    if (name === 'Code.require_file' || name === 'Code.eval_file') {
      requireFile(n, st, entry);
      return;
    }
    if (name === 'if' || name === 'unless') {
      const [cond] = callArgs(n);
      if (!cond) return;
      const condTerm = toTerm(cond, st.ctx);
      register(condTerm, st, null, null, []);
      // `if port = Mod.port!("PORT") do … http: [port: port] … end`: the variable is the value in the branch.
      if (condTerm.t === 'op' && condTerm.op === '=' && condTerm.left.t === 'var') st.ctx.vars.set(condTerm.left.name, condTerm.right);
      // Environment tests (`config_env() == :prod`, a compile-time flag read from config) narrow the
      // environments each branch runs in; anything else leaves the branch conditional.
      const sel = envSelection(condTerm, resolveSoFar);
      const guarded = (when: boolean): ConfigGuard[] => [...st.guards, { kind: 'if', cond: condTerm, when }];
      let thenSt: State = { ...st, conditional: true, guards: guarded(name === 'if') };
      let elseSt: State = { ...st, conditional: true, guards: guarded(name !== 'if') };
      if (sel) {
        // `conditional` is about prod: a branch decided for prod is not conditional even when another
        // environment cannot be told (a flag dev.exs sets and test.exs does not).
        const runs = (want: boolean) => {
          const envs = new Set([...st.envs].filter((e) => sel.truths[e] !== !want));
          const undecided = envs.has('prod') ? sel.truths.prod === null : [...envs].some((e) => sel.truths[e] === null);
          return { ...st, envs, conditional: st.conditional || undecided, guards: undecided ? guarded(want === (name === 'if')) : st.guards };
        };
        thenSt = runs(name === 'if');
        elseSt = runs(name !== 'if');
      }
      statements(bodyStatements(n), thenSt, entry);
      statements(elseStatements(n), elseSt, entry);
      requiredByRaise(n, null, st);
      return;
    }
    if (name === 'import') {
      const mod = callArgs(n)[0]?.text;
      if (mod === 'Dotenvy') {
        st.ctx.helpers.set('env!', { nameArg: 0, defaultArg: 2, raises: true, via: 'Dotenvy.env!' });
      } else if (mod && helpersByFile.get(st.file)?.has(mod)) {
        for (const [fn, h] of helpersByFile.get(st.file)!.get(mod)!) st.ctx.helpers.set(fn, h);
      }
      return;
    }
    if (name === 'alias') {
      const [modNode, opts] = callArgs(n);
      const mod = modNode?.text;
      if (!mod) return;
      const as = opts ? toTerm(opts, st.ctx) : null;
      const asName = as && as.t === 'kw' ? as.pairs.find((p) => p.key === 'as')?.value : undefined;
      st.ctx.aliases!.set(asName?.t === 'alias' ? asName.v : mod.split('.').pop()!, mod);
      return;
    }
    if (n.type === 'binary_operator' && operatorOf(n) === '=') {
      const helper = anonymousHelper(n, (cond) => holdsInProd(toTerm(cond, st.ctx), resolveSoFar), st.ctx.helpers);
      if (helper) {
        st.ctx.helpers.set(helper[0], helper[1]);
        return;
      }
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (!right) return;
      const value = toTerm(right, st.ctx);
      register(value, st, null, null, []);
      requiredByRaise(right, value, st);
      if (left?.type === 'identifier') st.ctx.vars.set(left.text, value);
      return;
    }
    if (name === 'case' || name === 'cond') {
      // Branches we cannot decide apply conditionally; `case config_env()` clauses narrow the environments.
      const [subject] = callArgs(n);
      if (subject) register(toTerm(subject, st.ctx), st, null, null, []);
      const caseEnv = name === 'case' && !!subject && ['config_env', 'Mix.env', 'Config.config_env'].includes(callName(subject) ?? '');
      let remaining = new Set(st.envs);
      const subjectTerm = subject ? toTerm(subject, st.ctx) : null;
      const earlier: Term[] = [];
      const block = n.children.find((c) => c?.type === 'do_block');
      for (const clause of kids(block ?? null)) {
        if (clause.type !== 'stab_clause') continue;
        const pat = clause.childForFieldName('left');
        const body = clause.childForFieldName('right');
        // The clause head is an `arguments` node holding one pattern (`nil ->`, `port when port != nil ->`).
        const patNode = pat?.type === 'arguments' && kids(pat).length === 1 ? kids(pat)[0]! : pat;
        const patTerm = patNode ? toTerm(patNode, st.ctx) : null;
        const guard: ConfigGuard =
          name === 'cond'
            ? { kind: 'cond', cond: patTerm, earlier: [...earlier] }
            : { kind: 'case', cond: subjectTerm, ...(patTerm ? { pattern: patTerm } : {}), earlier: [...earlier] };
        if (patTerm) earlier.push(patTerm);
        let clauseSt: State = { ...st, conditional: true, guards: [...st.guards, guard] };
        if (name === 'cond' && patTerm) register(patTerm, st, null, null, []);
        if (caseEnv && pat) {
          const first = kids(pat)[0];
          const atom = first?.type === 'atom' ? first.text.slice(1) : null;
          if (atom === 'dev' || atom === 'test' || atom === 'prod') {
            clauseSt = { ...st, envs: intersect(remaining, new Set([atom])), guards: st.guards };
            remaining = intersect(remaining, complement(new Set([atom])));
          } else if (first && (first.type === 'identifier' || first.text === '_')) {
            clauseSt = { ...st, envs: remaining, guards: st.guards };
            remaining = new Set();
          }
        }
        statements(kids(body ?? null), clauseSt, entry);
      }
      if (name === 'case') requiredByRaise(n, null, st);
      return;
    }
    if (name === 'for') {
      const glob = globLoop(n);
      if (glob) {
        const dir = st.file.includes('/') ? st.file.slice(0, st.file.lastIndexOf('/')) : '.';
        importPath(normalize(`${dir}/${glob}`), st, entry);
        return;
      }
    }
    if (name === 'try') {
      // The body is what runs when nothing raises: straight-line config like any other. `rescue`,
      // `catch` and `else` clauses run only on some outcomes; `after` always runs.
      statements(doStatements(n), st, entry);
      const block = n.children.find((c) => c?.type === 'do_block');
      for (const part of kids(block ?? null)) {
        if (part.type === 'after_block') statements(kids(part), st, entry);
        else if (part.type.endsWith('_block')) {
          for (const clause of kids(part)) {
            const body = clause.type === 'stab_clause' ? clause.childForFieldName('right') : clause;
            statements(clause.type === 'stab_clause' ? kids(body ?? null) : [clause], { ...st, conditional: true, guards: [...st.guards, { kind: 'other', cond: null }] }, entry);
          }
        }
      }
      return;
    }
    if (name === 'with' || name === 'for') {
      for (const a of callArgs(n)) register(toTerm(a, st.ctx), st, null, null, []);
      const other: State = { ...st, conditional: true, guards: [...st.guards, { kind: 'other', cond: null }] };
      statements(bodyStatements(n), other, entry);
      statements(elseStatements(n), other, entry);
      return;
    }
    // `Livebook.config_runtime()`: a project function that calls `config` itself is config evaluated here.
    if (configFunction(n, st, entry)) return;
    // Anything else: keep its env reads.
    register(toTerm(n, st.ctx), st, null, null, []);
  };

  const followedFunctions = new Set<string>();
  const configFunction = (n: Node, st: State, entry: ConfigFile): boolean => {
    const name = n.type === 'call' && callArgs(n).length === 0 ? callName(n) : null;
    const dot = name ? name.lastIndexOf('.') : -1;
    if (!inputs.functionBody || !name || dot <= 0 || !/^[A-Z]/.test(name)) return false;
    const head = name.slice(0, dot);
    const first = head.split('.')[0]!;
    const full = st.ctx.aliases?.get(first);
    const mod = full ? `${full}${head.slice(first.length)}` : head;
    const key = `${mod}.${name.slice(dot + 1)}`;
    if (followedFunctions.has(key)) return false;
    const fn = inputs.functionBody(mod, name.slice(dot + 1));
    if (!fn || !fn.body.some((b) => /(^|\s)config[\s(]+:/.test(b.text))) return false;
    followedFunctions.add(key);
    const ctx = newContext();
    for (const [m, fns] of inputs.helpersFor(fn.root)) for (const [f, h] of fns) ctx.helpers.set(`${m}.${f}`, h);
    for (const m of modulesIn(fn.root)) for (const [f, h] of helpersInModule(m.name, m.body)) ctx.helpers.set(`${m.name}.${f}`, h);
    statements(fn.body, { ...st, file: fn.file, ctx }, entry);
    return true;
  };

  // `if System.get_env("X") do … else raise … end`, `case x do nil -> raise … end` with x read from X:
  // the branch taken when X is unset raises, so X is required (when that code runs in prod).
  const requiredByRaise = (n: Node, term: Term | null, st: State) => {
    if (!st.envs.has('prod') || !n.text.includes('raise') || runsWhenUnset(st.guards) === false) return;
    const t = term ?? toTerm(n, st.ctx);
    if (raisesWhenUnset(t) !== true) return;
    const names = new Set(decidingNames(t));
    for (const r of envReads) if (r.file === st.file && names.has(r.name) && r.envs.includes('prod')) r.required = true;
  };

  const configCall = (n: Node, st: State) => {
    const args = callArgs(n);
    const appNode = args[0];
    if (!appNode) return;
    const app = appNode.type === 'atom' ? appNode.text.slice(1) : appNode.text;
    let key: string | null = null;
    let optsNode: Node | undefined;
    if (args.length >= 3) {
      const k = args[1]!;
      key = k.type === 'atom' ? k.text.slice(1) : k.text;
      optsNode = args[2];
    } else {
      optsNode = args[1];
    }
    if (!optsNode) return;
    const opts = toTerm(optsNode, st.ctx);
    register(opts, st, app, key, []);
    if (st.envs.size === 0) return;
    calls.push({
      file: st.file,
      env: envOfSet(st.envs),
      envs: sortedEnvs(st.envs),
      runtime: st.runtime,
      app,
      key,
      opts,
      conditional: st.conditional,
      ...(st.conditional && st.guards.length ? { guards: st.guards } : {}),
      line: lineOf(n),
    });
  };

  const importConfig = (n: Node, st: State, entry: ConfigFile) => {
    const arg = callArgs(n)[0];
    if (!arg) return;
    const t = toTerm(arg, st.ctx);
    if (t.t !== 'string') return;
    const dir = st.file.includes('/') ? st.file.slice(0, st.file.lastIndexOf('/')) : '.';
    if (t.interpolated) {
      // import_config "#{config_env()}.exs" (or Mix.env): each environment's file for its environment.
      const tail = t.v.replace(/#\{[^}]*\}/, '');
      for (const e of ['dev', 'test', 'prod'] as const) {
        if (!st.envs.has(e)) continue;
        const f = normalize(`${dir}/${e}${tail}`);
        if (present.has(f)) {
          entry.imports.push(f);
          processFile(f, new Set([e]), st.runtime, st.conditional, st.guards);
        }
      }
      return;
    }
    importPath(normalize(`${dir}/${t.v}`), st, entry);
  };

  // `Code.require_file("#{config_env()}.exs", "config/runtime")`: a file evaluated in place, like an
  // import. Without a folder (or with a literal one) the path is relative to the project, where Mix
  // runs; `__DIR__` is the calling file's folder. Only config files are followed.
  const requireFile = (n: Node, st: State, entry: ConfigFile) => {
    const [fileArg, dirArg] = callArgs(n);
    if (!fileArg) return;
    const t = toTerm(fileArg, st.ctx);
    if (t.t !== 'string') return;
    const here = st.file.includes('/') ? st.file.slice(0, st.file.lastIndexOf('/')) : '.';
    const projectDir = inputs.dir.includes('/') ? inputs.dir.slice(0, inputs.dir.lastIndexOf('/')) : '.';
    const d = dirArg ? toTerm(dirArg, st.ctx) : null;
    const base = !d ? projectDir : d.t === 'string' && !d.interpolated ? `${projectDir}/${d.v}` : d.t === 'var' && d.name === '__DIR__' ? here : null;
    if (base === null) return;
    if (!t.interpolated) {
      importPath(normalize(`${base}/${t.v}`), st, entry);
      return;
    }
    if (!/^#\{(config_env|Mix\.env|Config\.config_env)\(\)\}/.test(t.v)) return;
    const tail = t.v.replace(/#\{[^}]*\}/, '');
    for (const e of ['dev', 'test', 'prod'] as const) {
      const f = normalize(`${base}/${e}${tail}`);
      if (!st.envs.has(e) || !present.has(f)) continue;
      entry.imports.push(f);
      processFile(f, new Set([e]), st.runtime, st.conditional, st.guards);
    }
  };

  // Imports one file, or every file a glob matches (`import_config "../apps/<*>/config/config.exs"`), in name order.
  const importPath = (path: string, st: State, entry: ConfigFile) => {
    const targets = path.includes('*') ? inputs.paths.filter((k) => globMatch(path, k)).sort() : [path];
    for (const f of targets) {
      entry.imports.push(f);
      const fileEnvs = envSetForFile(f);
      processFile(f, fileEnvs ? intersect(st.envs, fileEnvs) : st.envs, st.runtime, st.conditional, st.guards);
    }
  };

  // for config <- "../apps/<*>/config/config.exs" |> Path.expand(__DIR__) |> Path.wildcard() do import_config config end
  const globLoop = (n: Node): string | null => {
    if (!bodyStatements(n).some((b) => callName(b) === 'import_config')) return null;
    const gen = callArgs(n).find((a) => a.type === 'binary_operator' && operatorOf(a) === '<-');
    const right = gen?.childForFieldName('right');
    if (!right || !right.text.includes('Path.wildcard')) return null;
    let cur: Node | null = right;
    while (cur && cur.type === 'binary_operator' && operatorOf(cur) === '|>') cur = cur.childForFieldName('left');
    if (cur?.type === 'call') cur = callArgs(cur)[0] ?? null;
    return cur?.type === 'string' ? literal(toTerm(cur, newContext())) : null;
  };

  // Evaluation order: config.exs (with its imports), then runtime.exs, then releases.exs.
  const dir = inputs.dir;
  const main = `${dir}/config.exs`;
  if (present.has(main)) processFile(main, new Set(ALL_ENVS), false, false);
  else {
    for (const f of [...inputs.paths].sort()) {
      if (f.endsWith('runtime.exs') || f.endsWith('releases.exs')) continue;
      const envs = envSetForFile(f) ?? new Set(ALL_ENVS);
      processFile(f, envs, false, false);
    }
  }
  const runtime = `${dir}/runtime.exs`;
  if (present.has(runtime)) processFile(runtime, new Set(ALL_ENVS), true, false);
  const releases = `${dir}/releases.exs`;
  if (present.has(releases)) processFile(releases, new Set(['prod']), true, false);
  if (!present.has(runtime)) for (const f of inputs.runtimeCopies ?? []) if (present.has(f)) processFile(f, new Set(ALL_ENVS), true, false);
  // Files never imported (e.g. a stray prod.secret.exs) are still listed, unprocessed; an umbrella
  // child's config folder only counts when the root config imports it.
  for (const f of [...inputs.paths].sort()) {
    if (!processed.has(f) && f.startsWith(`${dir}/`)) files.push({ file: f, env: envOfSet(envSetForFile(f) ?? new Set(ALL_ENVS)), runtime: false, imports: [], parsed: false });
  }
  return { files, calls, envReads };
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
    name: dyn ? dynamicNameText(t) ?? '<dynamic>' : t.name!,
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

/** `*` matches within one path segment. */
function globMatch(glob: string, path: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return re.test(path);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
