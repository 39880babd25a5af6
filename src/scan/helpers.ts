/**
 * Finds functions that wrap an env read (`def fetch!(name), do: System.get_env(name) || raise …`,
 * `env! = fn name -> … end`) so calls to them count as env reads of their literal argument.
 */
import { bodyStatements, callArgs, callName, elseStatements, functionsIn, type FunctionDef, walk } from './elixir/ast.js';
import { kids, type Node } from './elixir/parser.js';
import { type EnvHelper, isRaise, newContext, toTerm, dynamicNameNode, dynamicNameOf, dynamicNameText, staticString } from './elixir/to-term.js';
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

function collectVars(term: Term, out: Set<string>): void {
  if (term.t === 'var') out.add(term.name);
  else if (term.t === 'call') term.args.forEach((a) => collectVars(a, out));
  else if (term.t === 'op') {
    collectVars(term.left, out);
    collectVars(term.right, out);
  } else if (term.t === 'list' || term.t === 'tuple') term.items.forEach((i) => collectVars(i, out));
  else if (term.t === 'kw') term.pairs.forEach((p) => collectVars(p.value, out));
}

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
        if (i >= 0) {
          nameArg = i;
          const param = paramNames[i]!;
          nameOf = (arg) => staticString(nameNode, ctx, new Map([[param, arg]]));
        }
      }
      if (nameArg < 0) continue;
      let defaultArg: number | null = null;
      if (env.default && env.default.t === 'var') {
        const idx = paramNames.indexOf(env.default.name);
        if (idx >= 0) defaultArg = idx;
      } else if (!env.default) {
        // `case System.get_env(name) do nil -> default; v -> v end`: another parameter returned as the fallback.
        const used = new Set<string>();
        for (const t of terms) collectVars(t, used);
        const idx = paramNames.findIndex((n, i) => i !== nameArg && n !== null && used.has(n));
        if (idx >= 0) defaultArg = idx;
      }
      const raises = env.required || (defaultArg === null && terms.some(containsRaise));
      return { nameArg, defaultArg, raises, via, ...(nameOf ? { nameOf } : {}) };
    }
  }
  return null;
}

/** Public functions of a module that wrap env reads: `fetch!` → helper. */
export function helpersInModule(moduleName: string, body: Node[]): Map<string, EnvHelper> {
  const out = new Map<string, EnvHelper>();
  for (const fn of functionsIn(body)) {
    if (fn.kind !== 'def') continue;
    const h = helperFromBody(fn.params, fn.body, `${moduleName}.${fn.name}`);
    if (h) out.set(fn.name, h);
  }
  return out;
}

/** Private helper functions (defp / def) defined at any level of a file, keyed by bare name. */
export function localHelpers(fns: FunctionDef[]): Map<string, EnvHelper> {
  const out = new Map<string, EnvHelper>();
  for (const fn of fns) {
    const h = helperFromBody(fn.params, fn.body, fn.name);
    if (h) out.set(fn.name, h);
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

/** Remote calls `Mod.fun(...)` anywhere in the nodes: module names referenced. */
export function remoteModules(nodes: Node[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    walk(n, (c) => {
      if (c.type === 'call') {
        const name = callName(c);
        if (name && /^[A-Z]/.test(name) && name.includes('.')) out.add(name.slice(0, name.lastIndexOf('.')));
      }
    });
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
      for (const item of kids(right)) if (item.type === 'alias') out.set(item.text.split('.').pop()!, `${left.text}.${item.text}`);
      continue;
    }
    if (mod?.type !== 'alias') continue;
    let short = mod.text.split('.').pop()!;
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

/** Expands the first segment of a module name through aliases. */
export function expandAlias(name: string, aliases: Map<string, string>): string {
  const [head, ...rest] = name.split('.');
  const full = aliases.get(head!);
  return full ? [full, ...rest].join('.') : name;
}
