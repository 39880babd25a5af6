/**
 * Finds functions that wrap an env read (`def fetch!(name), do: System.get_env(name) || raise …`,
 * `env! = fn name -> … end`) so calls to them count as env reads of their literal argument.
 */
import { bodyStatements, callArgs, callName, elseStatements, functionsIn, operatorOf, type FunctionDef, walk } from './elixir/ast.js';
import { kids, lineOf, type Node } from './elixir/parser.js';
import { ENV_MAP, type EnvHelper, type EnvTerm, isRaise, newContext, toTerm, dynamicNameNode, dynamicNameOf, dynamicNameText, staticString } from './elixir/to-term.js';
import { envReads, type Term } from './term.js';

function containsRaise(term: Term): boolean {
  let found = false;
  const visit = (t: Term) => {
    if (found) return;
    if (isRaise(t)) {
      found = true;
      return;
    }
    if (t.t === 'call') t.args.forEach(visit);
    else if (t.t === 'op') {
      visit(t.left);
      visit(t.right);
    } else if (t.t === 'list' || t.t === 'tuple') t.items.forEach(visit);
    else if (t.t === 'kw') t.pairs.forEach((p) => visit(p.value));
  };
  visit(term);
  return found;
}

/**
 * Variables a body may return: bare, on either side of `||`, in `case`/`if`/`cond` branches — not
 * those passed as arguments to other functions (`parse_env(value, type)` does not return `type`).
 */
function collectVars(term: Term, out: Set<string>): void {
  if (term.t === 'var') out.add(term.name);
  else if (term.t === 'call' && BRANCHES.test(term.name)) term.args.forEach((a) => collectVars(a, out));
  else if (term.t === 'op') {
    collectVars(term.left, out);
    collectVars(term.right, out);
  } else if (term.t === 'list' || term.t === 'tuple') term.items.forEach((i) => collectVars(i, out));
  else if (term.t === 'kw') term.pairs.forEach((p) => collectVars(p.value, out));
}

const BRANCHES = /^(case|if|unless|cond|with|__block__|__do_block__|__else_block__|__stab_clause__|__body__|__arguments__)$/;

/** Decides an `if` condition of a helper's body for prod: true, false, or null when it cannot tell. */
export type BranchDecider = (cond: Node) => boolean | null;

/** The statements a prod run executes: `if`/`unless` whose condition is decided are replaced by the branch taken. */
function prodStatements(body: Node[], decide: BranchDecider | undefined): Node[] {
  if (!decide) return body;
  return body.flatMap((n) => {
    const name = callName(n);
    if (name !== 'if' && name !== 'unless') return [n];
    const cond = callArgs(n)[0];
    const holds = cond ? decide(cond) : null;
    if (holds === null) return [n];
    const takesDo = name === 'if' ? holds : !holds;
    return prodStatements(takesDo ? bodyStatements(n) : elseStatements(n), decide);
  });
}

/** Helper spec for a function whose parameters are `params` and whose body is `body`, or null. */
export function helperFromBody(params: Node[], rawBody: Node[], via: string, decide?: BranchDecider, known?: ReadonlyMap<string, EnvHelper>): EnvHelper | null {
  const body = prodStatements(rawBody, decide);
  // `name` or `name \\ default` (a default argument).
  const paramNames = params.map((p) => {
    if (p.type === 'identifier') return p.text;
    const left = p.type === 'binary_operator' ? p.childForFieldName('left') : null;
    return left?.type === 'identifier' ? left.text : null;
  });
  if (!paramNames.some(Boolean)) return null;
  const ctx = newContext();
  // Helpers defined before this one (`load_secret` calling `do_load_secret.`): their reads count.
  for (const [k, h] of known ?? []) if (!ctx.helpers.has(k)) ctx.helpers.set(k, h);
  const terms = body.map((b) => toTerm(b, ctx));
  for (const term of terms) {
    for (const env of envReads(term)) {
      if (env.name !== null) continue;
      const nameText = dynamicNameText(env);
      let nameArg = nameText ? paramNames.indexOf(nameText) : -1;
      // A name built from a parameter: `System.get_env("CF_#{String.upcase(secret_name)}")`, also through
      // a helper that builds it (the parameter passed on as is keeps that helper's naming).
      let nameOf: EnvHelper['nameOf'] = nameArg >= 0 ? dynamicNameOf(env) : undefined;
      const nameNode = dynamicNameNode(env);
      if (nameArg < 0 && nameNode) {
        const i = paramNames.findIndex((p) => p !== null && staticString(nameNode, ctx, new Map([[p, '\u0000']]))?.includes('\u0000'));
        const param = paramNames[i];
        if (param) {
          nameArg = i;
          nameOf = (arg) => staticString(nameNode, ctx, new Map([[param, arg]]));
        }
      }
      if (nameArg < 0) continue;
      let defaultArg: number | null = null;
      let defaultForEnv: EnvHelper['defaultForEnv'];
      const perEnv = env.default ? perEnvironmentDefault(env.default) : null;
      const given = env.default ? defaultParam(env.default) : null;
      if (given !== null) {
        const idx = paramNames.indexOf(given);
        if (idx >= 0) defaultArg = idx;
      } else if (perEnv && paramNames.indexOf(perEnv) >= 0) {
        // `System.get_env(name, defaults[config_env()])`: the default for the environment, from a keyword argument.
        defaultArg = paramNames.indexOf(perEnv);
        defaultForEnv = true;
      } else if (!env.default) {
        // `case System.get_env(name) do nil -> default; v -> v end`: another parameter returned as the fallback.
        const used = new Set<string>();
        for (const t of terms) collectVars(t, used);
        const idx = paramNames.findIndex((n, i) => i !== nameArg && n !== null && used.has(n));
        if (idx >= 0) defaultArg = idx;
      }
      const raises = env.required || (defaultArg === null && terms.some(containsRaise));
      return { nameArg, defaultArg, raises, via, ...(nameOf ? { nameOf } : {}), ...(defaultForEnv ? { defaultForEnv } : {}) };
    }
  }
  return null;
}

/**
 * The parameter a default is: `default`, or a conversion of it (`to_string(default)`,
 * `Integer.to_string(default)`, `"#{default}"`) — a helper of integers passes its default on as text.
 */
function defaultParam(t: Term): string | null {
  if (t.t === 'var') return t.name;
  const [only, ...rest] = t.t === 'call' ? t.args : t.t === 'string' ? (t.parts ?? []) : [];
  if (!only || rest.length > 0 || only.t !== 'var') return null;
  if (t.t === 'call' && !CONVERSIONS.test(t.name)) return null;
  return only.name;
}

const CONVERSIONS = /^(to_string|inspect|(Integer|Float|Atom|Kernel)\.to_string|String\.(trim|downcase|upcase))$/;

/** `defaults[config_env()]` / `Keyword.get(defaults, config_env())`: the parameter holding per-environment defaults. */
function perEnvironmentDefault(t: Term): string | null {
  const envCall = (x: Term | undefined) => !!x && x.t === 'call' && /^(config_env|Config\.config_env|Mix\.env)$/.test(x.name) && x.args.length === 0;
  if (t.t === 'call' && (t.name === '__access_call__' || t.name === 'Keyword.get') && t.args[0]?.t === 'var' && envCall(t.args[1])) return t.args[0].name;
  return null;
}

const helpersByTree = new WeakMap<Node, Map<string, Map<string, EnvHelper>>>();

/**
 * `helpersInModule` of a module of a parsed file, once per scan: a config helper module is read as a
 * config file (`Code.require_file`) and as the module other config files call.
 */
export function helpersOfModule(root: Node, mod: { name: string; line: number; body: Node[] }): Map<string, EnvHelper> {
  let byModule = helpersByTree.get(root);
  if (!byModule) helpersByTree.set(root, (byModule = new Map()));
  const key = `${mod.name}:${mod.line}`;
  let h = byModule.get(key);
  if (!h) byModule.set(key, (h = helpersInModule(mod.name, mod.body)));
  return h;
}

/** Public functions of a module that wrap env reads: `fetch!` → helper (also through another helper of the module). */
export function helpersInModule(moduleName: string, body: Node[]): Map<string, EnvHelper> {
  const out = new Map<string, EnvHelper>();
  const fns = functionsIn(body);
  for (let pass = 0; pass < 2; pass++) {
    for (const fn of fns) {
      if (fn.kind !== 'def' || out.has(fn.name)) continue;
      const h = helperFromBody(fn.params, fn.body, `${moduleName}.${fn.name}`, undefined, pass ? out : undefined);
      if (h) out.set(fn.name, h);
    }
    if (out.size === 0) break;
  }
  if (fns.some((f) => f.kind === 'def' && !out.has(f.name))) {
    for (const [name, h] of envMapHelpers(moduleName, fns)) if (!out.has(name)) out.set(name, h);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Functions handed the whole environment: `env = System.get_env()`, then `Parser.vault_key(env)`
// with `def vault_key(env), do: Map.get(env, "VAULT_KEY") |> validate_required("VAULT_KEY")`.
// ---------------------------------------------------------------------------------------------

/** Reads straight from a map: `Map.get(env, "X")`, `Map.fetch!`, `env["X"]`, a `%{"X" => v}` pattern. */
const DIRECT_MAP_READ = /Map\.(get|fetch!?)\(|\[\s*"|%\{\s*"/;

const paramName = (p: Node): string | null => (p.type === 'identifier' && !p.text.startsWith('_') ? p.text : null);

/** The string keys a map pattern matches (`%{"REDIS_URL" => url}`). */
function mapPatternKeys(p: Node): string[] {
  if (p.type !== 'map') return [];
  const content = kids(p).find((c) => c.type === 'map_content');
  const keys: string[] = [];
  for (const item of kids(content)) {
    const key = item.type === 'binary_operator' ? item.childForFieldName('left') : null;
    const parts = key?.type === 'string' ? kids(key) : [];
    const [only] = parts;
    if (parts.length === 1 && only?.type === 'quoted_content' && only.text) keys.push(only.text);
  }
  return keys;
}

/** Does the condition test `name` for nil or falsiness (`is_nil(x)`, `x == nil`, `!x`, `x in [nil, ""]`)? */
function testsNil(cond: Node, name: string): boolean {
  const t = cond.text.replace(/\s+/g, ' ');
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(is_nil\\(${n}\\)|${n} (==|===) nil|nil (==|===) ${n}|!${n}|not ${n}|${n} in \\[nil.*\\]|${n} in \\[.*nil\\])( or .*| \\|\\| .*)?$`).test(t);
}

/** Which parameters a function raises on when they are nil: `if is_nil(v), do: raise …`, `unless v, do: raise …`. */
function nilRaisingParams(fn: FunctionDef): Set<number> {
  const out = new Set<number>();
  fn.params.forEach((p, i) => {
    const name = paramName(p);
    if (!name) return;
    for (const stmt of fn.body) {
      const kind = callName(stmt);
      const cond = kind === 'if' || kind === 'unless' ? callArgs(stmt)[0] : null;
      if (!cond) continue;
      const raising = (nodes: Node[]) => nodes.some((b) => containsRaise(toTerm(b, newContext())));
      if (kind === 'if' && testsNil(cond, name) && raising(bodyStatements(stmt))) out.add(i);
      if (kind === 'unless' && cond.type === 'identifier' && cond.text === name && raising(bodyStatements(stmt))) out.add(i);
    }
  });
  return out;
}

/** Merges reads by name: required when any path requires it. */
function mergeReads(reads: EnvTerm[]): EnvTerm[] {
  const by = new Map<string, EnvTerm>();
  for (const r of reads) {
    if (!r.name) continue;
    const prev = by.get(r.name);
    if (!prev) by.set(r.name, { ...r });
    else if (r.required) prev.required = true;
  }
  return [...by.values()];
}

/**
 * The module's functions that read names from a parameter holding the environment map: `Map.get`,
 * `Map.fetch!`, `env["NAME"]`, map patterns in clause heads (required when the other clause raises),
 * through the module's own functions; a read passed to a function that raises on nil is required.
 */
function envMapHelpers(moduleName: string, fns: FunctionDef[]): Map<string, EnvHelper> {
  const groups = new Map<string, FunctionDef[]>();
  for (const fn of fns) {
    if (fn.kind !== 'def' && fn.kind !== 'defp') continue;
    const list = groups.get(fn.name) ?? [];
    list.push(fn);
    groups.set(fn.name, list);
  }
  const textOf = (clauses: FunctionDef[]) => clauses.map((c) => c.node.text).join('\n');
  const nilRaisers = new Map<string, Set<number>>();
  for (const [name, clauses] of groups) {
    if (!textOf(clauses).includes('raise')) continue;
    const params = new Set<number>();
    for (const c of clauses) for (const i of nilRaisingParams(c)) params.add(i);
    if (params.size) nilRaisers.set(name, params);
  }
  const local = new Map<string, EnvHelper>();
  // Functions that call each other are resolved over a few passes: the first reads the map directly
  // (`Map.get`, `env["X"]`, `%{"X" => v}`), each next one the functions calling what the last one found.
  let wanted = (text: string) => DIRECT_MAP_READ.test(text);
  for (let pass = 0; pass < 3; pass++) {
    const found: string[] = [];
    for (const [name, clauses] of groups) {
      if (!wanted(textOf(clauses))) continue;
      const arity = clauses[0]?.params.length ?? 0;
      for (let arg = 0; arg < arity; arg++) {
        const reads: EnvTerm[] = [];
        clauses.forEach((clause, ci) => {
          const p = clause.params[arg];
          if (!p || clause.params.length !== arity) return;
          const keys = mapPatternKeys(p);
          if (keys.length) {
            // `defp put_url(opts, %{"URL" => url})` then `defp put_url(_opts, _env), do: raise …`.
            const fallbackRaises = clauses.slice(ci + 1).some((o) => {
              const other = o.params[arg];
              return other !== undefined && mapPatternKeys(other).length === 0 && o.body.some((b) => containsRaise(toTerm(b, newContext())));
            });
            for (const k of keys) reads.push({ t: 'env', name: k, required: fallbackRaises, default: null, via: `${moduleName}.${name}`, line: lineOf(p) });
            return;
          }
          const pn = paramName(p);
          // A parameter the body never mentions reads nothing.
          if (!pn || !clause.body.some((b) => b.text.includes(pn))) return;
          reads.push(...readsOfBody(clause, pn, local, nilRaisers));
        });
        const merged = mergeReads(reads);
        if (merged.length === 0) continue;
        const prev = local.get(name)?.envMap;
        if (prev && prev.arg === arg && JSON.stringify(prev.reads) === JSON.stringify(merged)) continue;
        if (prev && prev.arg !== arg) continue;
        local.set(name, { nameArg: -1, defaultArg: null, raises: false, via: `${moduleName}.${name}`, envMap: { arg, reads: merged } });
        found.push(name);
        break;
      }
    }
    if (found.length === 0) break;
    const calls = new RegExp(`(^|[^\\w.])(${found.map((n) => n.replace(/[?!]/g, '\\$&')).join('|')})\\(`);
    wanted = (text: string) => calls.test(text);
  }
  const out = new Map<string, EnvHelper>();
  for (const [name, h] of local) if (groups.get(name)?.some((c) => c.kind === 'def')) out.set(name, h);
  return out;
}

/** The reads one clause makes from its parameter `param` (bound to the environment map). */
function readsOfBody(clause: FunctionDef, param: string, local: Map<string, EnvHelper>, nilRaisers: Map<string, Set<number>>): EnvTerm[] {
  const ctx = newContext();
  for (const [k, h] of local) ctx.helpers.set(k, h);
  ctx.vars.set(param, ENV_MAP);
  const out: EnvTerm[] = [];
  for (const stmt of clause.body) {
    const left = stmt.type === 'binary_operator' && operatorOf(stmt) === '=' ? stmt.childForFieldName('left') : null;
    const right = left ? stmt.childForFieldName('right') : null;
    const term = toTerm(right ?? stmt, ctx);
    if (left?.type === 'identifier' && left.text !== param) ctx.vars.set(left.text, term);
    // `validate_required(secret, "VAULT_KEY")` where validate_required raises on nil: the read is required.
    walk(stmt, (n) => {
      if (n.type !== 'call') return;
      const raisesAt = nilRaisers.get(callName(n) ?? '');
      if (!raisesAt) return;
      callArgs(n).forEach((a, i) => {
        const bound = a.type === 'identifier' ? ctx.vars.get(a.text) : undefined;
        if (raisesAt.has(i) && bound?.t === 'env' && bound.default === null) bound.required = true;
      });
    });
    out.push(...envReads(term));
  }
  return out;
}

/** `name = fn param -> … end` bound in a config file: returns [name, helper] or null. */
export function anonymousHelper(assign: Node, decide?: BranchDecider, known?: ReadonlyMap<string, EnvHelper>): [string, EnvHelper] | null {
  const left = assign.childForFieldName('left');
  const right = assign.childForFieldName('right');
  if (!left || !right || left.type !== 'identifier' || right.type !== 'anonymous_function') return null;
  // The first clause that reads the environment through a parameter (`fn {name, default} -> …; name -> … end`).
  for (const clause of kids(right).filter((c) => c.type === 'stab_clause')) {
    const paramsNode = clause.childForFieldName('left');
    const bodyNode = clause.childForFieldName('right');
    const params = paramsNode ? kids(paramsNode) : [];
    const body = bodyNode ? kids(bodyNode) : [];
    const h = helperFromBody(params, body, `${left.text}.()`, decide, known);
    if (h) return [`${left.text}.`, h];
  }
  return null;
}

/** Modules a file imports (`import Dotenvy`, `import Harbor.Config`). */
export function importsIn(nodes: Node[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    if (callName(n) === 'import') {
      const m = callArgs(n)[0];
      if (m?.type === 'alias') out.push(m.text);
    }
  }
  return out;
}

/** `alias A.B`, `alias A.B, as: C` and `alias A.{B, C}` in a list of statements: short name → full module name. */
export function aliasesIn(nodes: Node[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of nodes) {
    if (callName(n) !== 'alias') continue;
    const [mod, opts] = callArgs(n);
    if (mod?.type === 'dot') {
      // alias A.B.{C, D}
      const left = mod.childForFieldName('left');
      const right = mod.childForFieldName('right');
      if (left?.type !== 'alias' || right?.type !== 'tuple') continue;
      for (const item of kids(right)) if (item.type === 'alias') out.set(lastSegment(item.text), `${left.text}.${item.text}`);
      continue;
    }
    if (mod?.type !== 'alias') continue;
    let short = lastSegment(mod.text);
    if (opts?.type === 'keywords') {
      for (const pair of kids(opts)) {
        const k = pair.childForFieldName('key')?.text.replace(/[:\s]/g, '');
        const v = pair.childForFieldName('value');
        if (k === 'as' && v?.type === 'alias') short = v.text;
      }
    }
    out.set(short, mod.text);
  }
  return out;
}

/** `Harbor.Config` → `Config`. */
export function lastSegment(moduleName: string): string {
  return moduleName.slice(moduleName.lastIndexOf('.') + 1);
}

/** Expands the first segment of a module name through aliases. */
export function expandAlias(name: string, aliases: Map<string, string>): string {
  const [head = '', ...rest] = name.split('.');
  const full = aliases.get(head);
  return full ? [full, ...rest].join('.') : name;
}
