/**
 * mix.exs: the project keyword list, application callback module, deps (with requirement, `only:`,
 * `runtime:`), releases (with cookies) and aliases. Local zero-arity functions (`deps()`) are followed.
 */
import { callName, functionsIn, modulesIn, type FunctionDef } from '../elixir/ast.js';
import type { Node } from '../elixir/parser.js';
import { newContext, toTerm, type TermContext } from '../elixir/to-term.js';
import type { ConfigProviderRef, Dep, MixProject, ReleaseDef } from '../profile.js';
import { kwGet, literal, show, type Term } from '../term.js';

/** The value a function returns: its last expression, with the variables bound before it. */
function lastValue(fn: FunctionDef | undefined, ctx: TermContext): Term | null {
  if (!fn || fn.body.length === 0) return null;
  const local: TermContext = { ...ctx, vars: new Map(ctx.vars) };
  for (const stmt of fn.body.slice(0, -1)) {
    if (stmt.type !== 'binary_operator' || stmt.childForFieldName('operator')?.text !== '=') continue;
    const left = stmt.childForFieldName('left');
    const right = stmt.childForFieldName('right');
    if (left?.type === 'identifier' && right) local.vars.set(left.text, toTerm(right, local));
  }
  const last = fn.body.at(-1);
  return last ? toTerm(last, local) : null;
}

export interface MixExsResult {
  project: Omit<MixProject, 'path' | 'kind' | 'phoenix'> & { appsPath: string | null; configPath: string | null; umbrellaChild: boolean };
}

export function extractMixExs(root: Node, file: string): MixExsResult | null {
  const mod = modulesIn(root)[0];
  const body = mod ? mod.body : [];
  const follow = localFunctions(body);
  const project = follow(follow.returnOf('project'));
  if (!project || project.t !== 'kw') return null;
  const otpApp = literal(kwGet(project, 'app'));
  const appsPath = literal(kwGet(project, 'apps_path'));
  const modTerm = kwGet(follow(follow.returnOf('application')), 'mod');
  const applicationModule = modTerm?.t === 'tuple' && modTerm.items[0]?.t === 'alias' ? modTerm.items[0].v : null;
  const elixirLine = kwLine(project, 'elixir');
  return {
    project: {
      mixFile: file,
      otpApp: otpApp ?? (appsPath ? '(umbrella)' : 'unknown'),
      elixirRequirement: literal(kwGet(project, 'elixir')),
      elixirRequirementEvidence: elixirLine ? { file, line: elixirLine } : null,
      applicationModule,
      deps: flattenList(follow(kwGet(project, 'deps')), follow).flatMap((d) => toDep(d, file) ?? []),
      releases: releasesOf(follow(kwGet(project, 'releases')), follow, file),
      aliases: aliasesOf(follow(kwGet(project, 'aliases'))),
      evidence: { file, line: kwLine(project, 'app') ?? mod?.line ?? 1 },
      appsPath,
      configPath: literal(kwGet(project, 'config_path')),
      umbrellaChild: kwGet(project, 'build_path') !== undefined || kwGet(project, 'lockfile') !== undefined,
    },
  };
}

/** Follows a term through the module's local functions; `returnOf(name)` is what a function returns. */
interface Follow {
  (t: Term | undefined | null): Term | null;
  returnOf(name: string): Term | null;
}

/**
 * A term as the module's zero-arity functions resolve it: `deps()`, `deps(Mix.env())` or a bare `deps`
 * is what the function's first clause returns (not recursively through itself), with the module
 * attributes (`@version "0.1.0"`) bound.
 */
function localFunctions(body: Node[]): Follow {
  const ctx = newContext();
  for (const [name, value] of moduleAttributes(body)) ctx.attrs?.set(name, toTerm(value, ctx));
  const byName = new Map<string, FunctionDef>();
  for (const f of functionsIn(body)) if (!byName.has(f.name)) byName.set(f.name, f);
  const following = new Set<string>();
  const follow = (t: Term | undefined | null): Term | null => {
    if (!t) return null;
    const local = t.t === 'call' ? t.name : t.t === 'var' ? t.name : null;
    const fn = local === null ? undefined : byName.get(local);
    if (local === null || fn === undefined || following.has(local)) return t;
    following.add(local);
    try {
      return follow(lastValue(fn, ctx));
    } finally {
      following.delete(local);
    }
  };
  return Object.assign(follow, { returnOf: (name: string) => lastValue(byName.get(name), ctx) });
}

/** `@name value` at the module's top level: the attribute and its value node. */
function moduleAttributes(body: Node[]): [string, Node][] {
  const out: [string, Node][] = [];
  for (const n of body) {
    if (n.type !== 'unary_operator' || n.childForFieldName('operator')?.text !== '@') continue;
    const operand = n.childForFieldName('operand');
    if (operand?.type !== 'call') continue;
    const name = callName(operand);
    const arg = operand.children.find((c) => c?.type === 'arguments')?.namedChild(0);
    if (name && arg) out.push([name, arg]);
  }
  return out;
}

/** `releases: [app: [cookie: …, applications: […]]]`. */
function releasesOf(relTerm: Term | null, follow: Follow, file: string): ReleaseDef[] {
  if (relTerm?.t !== 'kw') return [];
  return relTerm.pairs.map((p) => {
    const opts = follow(p.value);
    const apps = kwGet(opts, 'applications');
    return {
      name: p.key,
      cookie: kwGet(opts, 'cookie') ?? null,
      applications: apps?.t === 'kw' ? apps.pairs.map((a) => a.key) : [],
      configProviders: configProvidersOf(kwGet(opts, 'config_providers'), file),
      evidence: { file, line: p.line },
    };
  });
}

/** `config_providers: [{Config.Reader, "/etc/app/config.exs"}, {Toml.Provider, path: {:system, "RELEASE_ROOT", "/c.toml"}}]`. */
function configProvidersOf(term: Term | undefined, file: string): ConfigProviderRef[] {
  if (term?.t !== 'list') return [];
  const out: ConfigProviderRef[] = [];
  for (const item of term.items) {
    const [mod, arg] = item.t === 'tuple' ? item.items : [item];
    if (mod?.t !== 'alias') continue;
    const path = arg?.t === 'kw' ? kwGet(arg, 'path') : arg;
    out.push({ module: mod.v, source: providerSource(path), evidence: { file, line: item.line } });
  }
  return out;
}

function providerSource(t: Term | undefined): string | null {
  if (!t) return null;
  if (t.t === 'string') return t.v;
  // `{:system, "RELEASE_ROOT", "/config.toml"}`: the variable's folder, then the file.
  if (t.t === 'tuple' && t.items[0]?.t === 'atom' && t.items[0].v === 'system' && t.items[1]?.t === 'string') {
    return `$${t.items[1].v}${t.items.slice(2).map((i) => (i.t === 'string' ? i.v : show(i))).join('')}`;
  }
  return show(t);
}

/** `aliases: [setup: ["deps.get", …], test: "test"]`: each alias's steps as text. */
function aliasesOf(aliasTerm: Term | null): Record<string, string[]> {
  const aliases: Record<string, string[]> = {};
  if (aliasTerm?.t !== 'kw') return aliases;
  for (const p of aliasTerm.pairs) {
    const v = p.value;
    const items = v.t === 'list' ? v.items : [v];
    aliases[p.key] = items.map((i) => (i.t === 'string' ? i.v : show(i)));
  }
  return aliases;
}

function kwLine(term: Term, key: string): number | null {
  if (term.t !== 'kw') return null;
  return term.pairs.find((p) => p.key === key)?.line ?? null;
}

/** Functions that pass the deps through: `List.flatten([...])`, `Enum.concat(a, b)`, `deps() |> Enum.reject(...)`. */
const LIST_WRAPPERS = /^(List\.flatten|Enum\.(concat|reject|filter|uniq|uniq_by|sort|sort_by|map))$/;

/**
 * The dependency tuples a `deps:` value holds, however the list is built: literal lists, `a ++ b`,
 * `[a | rest]`, local functions (returning a list or a single dep), module attributes, wrappers
 * such as `List.flatten/1` and `Enum.concat/2`, pipes into them, and both branches of an `if`/`case`.
 */
function flattenList(term: Term | null, follow: (t: Term) => Term | null, depth = 0): Term[] {
  if (!term || depth > 12) return [];
  const next = (t: Term) => flattenList(follow(t), follow, depth + 1);
  switch (term.t) {
    case 'list':
      return term.items.flatMap((i) => (i.t === 'tuple' ? [i] : next(i)));
    case 'tuple':
      return term.items[0]?.t === 'atom' ? [term] : [];
    case 'kw':
      // `if cond, do: [...], else: [...]`
      return term.pairs.filter((p) => p.key === 'do' || p.key === 'else').flatMap((p) => next(p.value));
    case 'op':
      if (term.op === '++' || term.op === '|' || term.op === '|>') return [...next(term.left), ...next(term.right)];
      return [];
    case 'call':
      if (LIST_WRAPPERS.test(term.name) || term.name === 'if' || term.name === 'unless' || term.name === 'case' || term.name.startsWith('__')) return term.args.flatMap(next);
      return [];
    default:
      return [];
  }
}

function toDep(t: Term, file: string): Dep | null {
  if (t.t !== 'tuple' || t.items[0]?.t !== 'atom') return null;
  const name = t.items[0].v;
  let requirement: string | null = null;
  let opts: Term | undefined;
  for (const item of t.items.slice(1)) {
    if (item.t === 'string') requirement = item.v;
    else if (item.t === 'kw') opts = item;
  }
  const only = kwGet(opts, 'only');
  let onlyEnvs: string[] | null = null;
  if (only?.t === 'atom') onlyEnvs = [only.v];
  else if (only?.t === 'list') onlyEnvs = only.items.map((i) => literal(i) ?? show(i));
  const runtime = kwGet(opts, 'runtime');
  const optional = kwGet(opts, 'optional');
  let source: Dep['source'] = 'hex';
  if (kwGet(opts, 'in_umbrella')) source = 'umbrella';
  else if (kwGet(opts, 'path')) source = 'path';
  else if (kwGet(opts, 'github') || kwGet(opts, 'git')) source = 'git';
  else if (!requirement && opts) source = 'other';
  return {
    name,
    requirement,
    only: onlyEnvs,
    runtime: !(runtime?.t === 'bool' && runtime.v === false),
    optional: optional?.t === 'bool' && optional.v === true,
    source,
    evidence: { file, line: t.line },
  };
}
