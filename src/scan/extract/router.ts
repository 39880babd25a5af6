/**
 * The Phoenix router: pipelines and their plugs, and every route with its full path (scope prefixes
 * applied), target module (scope alias applied), pipelines in effect and whether it is dev-only.
 */
import { bodyStatements, callArgs, callName, elseStatements, type ModuleDef, usesIn } from '../elixir/ast.js';
import { lineOf, type Node } from '../elixir/parser.js';
import { holdsInProd } from '../elixir/env-condition.js';
import { newContext, toTerm, type TermContext } from '../elixir/to-term.js';
import type { ModuleContext, ModuleExtractor } from '../extractor.js';
import type { Pipeline, Route, RouterInfo } from '../profile.js';
import { kwGet, literal, type Term } from '../term.js';
import { collectAttributes, plugsIn } from './plugs.js';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'match', 'live', 'forward', 'resources', 'live_dashboard', 'oban_dashboard', 'error_tracker_dashboard']);

/** A router either `use Phoenix.Router` or `use MyAppWeb, :router`. */
export function isRouterModule(mod: ModuleDef): boolean {
  return usesIn(mod.body).some((u) => u.module === 'Phoenix.Router' || (u.args[0]?.type === 'atom' && u.args[0].text === ':router'));
}

interface Scope {
  path: string;
  alias: string | null;
  pipelines: string[];
  liveSession: string | null;
  devOnly: boolean;
}

function joinPath(a: string, b: string): string {
  const joined = `${a.replace(/\/+$/, '')}/${b.replace(/^\/+/, '')}`;
  const clean = joined.replace(/\/+/g, '/');
  return clean.length > 1 ? clean.replace(/\/$/, '') : clean;
}

export function extractRouter(mod: ModuleDef, mctx: Pick<ModuleContext, 'file' | 'resolve'>): RouterInfo {
  const { file } = mctx;
  const ctx = newContext();
  // `Application.compile_env(:app, :dev_routes)`, `Mix.env() in [:dev, :test]`, a compile-time `:env` flag…
  const prodOf = (cond: Term) => holdsInProd(cond, mctx.resolve);
  collectAttributes(mod.body, ctx);
  const pipelines: Pipeline[] = [];
  const routes: Route[] = [];

  const walkScope = (nodes: Node[], scope: Scope) => {
    const current = { ...scope, pipelines: [...scope.pipelines] };
    for (const n of nodes) {
      const name = callName(n);
      if (!name) continue;
      if (name === 'pipeline') {
        const [nameNode] = callArgs(n);
        if (nameNode) {
          pipelines.push({
            name: nameNode.type === 'atom' ? nameNode.text.slice(1) : nameNode.text,
            plugs: plugsIn(bodyStatements(n), file, ctx, prodOf),
            evidence: { file, line: lineOf(n) },
          });
        }
      } else if (name === 'pipe_through') {
        const [arg] = callArgs(n);
        if (!arg) continue;
        const t = toTerm(arg, ctx);
        const names = t.t === 'list' ? t.items.map((i) => literal(i)).filter((x): x is string => !!x) : [literal(t)].filter((x): x is string => !!x);
        current.pipelines.push(...names);
      } else if (name === 'scope') {
        walkScope(bodyStatements(n), scopeFrom(callArgs(n), current, ctx));
      } else if (name === 'live_session') {
        const [sessName] = callArgs(n);
        walkScope(bodyStatements(n), { ...current, liveSession: sessName ? sessName.text.replace(/^:/, '') : 'default' });
      } else if (name === 'if' || name === 'unless') {
        const [cond] = callArgs(n);
        // Routes are dev-only when the condition is decided false for prod (true for `unless`).
        const holds = cond ? prodOf(toTerm(cond, ctx)) : null;
        const thenProd = holds === null ? null : name === 'if' ? holds : !holds;
        walkScope(bodyStatements(n), { ...current, devOnly: current.devOnly || thenProd === false });
        walkScope(elseStatements(n), { ...current, devOnly: current.devOnly || thenProd === true });
      } else if (VERBS.has(name)) {
        const args = callArgs(n);
        const pathTerm = args[0] ? toTerm(args[0], ctx) : null;
        const path = pathTerm ? literal(pathTerm) : null;
        if (path === null) continue;
        const targetNode = args[1];
        let target: string | null = null;
        if (targetNode?.type === 'alias') target = current.alias ? `${current.alias}.${targetNode.text}` : targetNode.text;
        const actionNode = args[2];
        const action = actionNode?.type === 'atom' ? actionNode.text.slice(1) : null;
        routes.push({
          verb: name,
          path: joinPath(current.path, path),
          target,
          action,
          pipelines: [...current.pipelines],
          liveSession: current.liveSession,
          devOnly: current.devOnly,
          evidence: { file, line: lineOf(n) },
        });
        if (name === 'resources' && n.children.some((c) => c?.type === 'do_block')) {
          // Phoenix nests as "/posts/:post_id/…": the resource name from the controller, plus `param:`.
          const opts = args.find((a) => a.type === 'keywords');
          const param = opts ? literal(kwGet(toTerm(opts, ctx), 'param')) ?? 'id' : 'id';
          const base = (targetNode?.text.split('.').pop() ?? 'resource').replace(/Controller$/, '');
          const resource = base.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
          walkScope(bodyStatements(n), { ...current, path: joinPath(current.path, `${path}/:${resource}_${param}`) });
        }
      }
    }
  };

  walkScope(mod.body, { path: '/', alias: null, pipelines: [], liveSession: null, devOnly: false });
  return { module: mod.name, file, pipelines, routes, evidence: { file, line: mod.line } };
}

function scopeFrom(args: Node[], parent: Scope, ctx: TermContext): Scope {
  let path = parent.path;
  let alias = parent.alias;
  for (const a of args) {
    if (a.type === 'string') {
      path = joinPath(parent.path, literal(toTerm(a, ctx)) ?? '');
    } else if (a.type === 'alias') {
      alias = parent.alias ? `${parent.alias}.${a.text}` : a.text;
    } else if (a.type === 'keywords' || a.type === 'list') {
      const kw: Term = toTerm(a, ctx);
      const p = literal(kwGet(kw, 'path'));
      if (p) path = joinPath(parent.path, p);
      const al = kwGet(kw, 'alias');
      if (al?.t === 'alias') alias = parent.alias ? `${parent.alias}.${al.v}` : al.v;
      if (al?.t === 'bool' && !al.v) alias = null;
    }
  }
  return { ...parent, path, alias };
}

/**
 * A file that can hold a router module: `use Phoenix.Router` (a comment may sit between the words), or
 * the atom `:router` itself (`use MyAppWeb, :router`), not a longer one (`[:phoenix, :router_dispatch]`
 * in telemetry handlers).
 */
const USES_ROUTER = /\buse\b(?:[\s(]|#[^\n]*)*Phoenix\.Router\b|:router(?![\w@?!])/;

export const routerExtractor: ModuleExtractor<RouterInfo> = {
  id: 'router',
  // `use Phoenix.Router`, or `use MyAppWeb, :router`.
  markers: ['Phoenix.Router', ', :router'],
  wants: (text) => USES_ROUTER.test(text),
  matches: (mod) => isRouterModule(mod),
  extract: (mod, ctx) => extractRouter(mod, ctx),
};
