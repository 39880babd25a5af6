/**
 * Request paths a plug answers by itself, before (or instead of) the router: a function head that
 * matches `%{request_path: "/health"}` or `%{path_info: ["health"]}`, a body that tests
 * `conn.request_path == "/status"` / `conn.path_info == ["healthz"]` / `in [...]`, a `case` on
 * either field, and the routes of a `Plug.Router` module (`get "/healthz"`).
 */
import { callArgs, callName, usesIn, walk, type ModuleDef } from '../elixir/ast.js';
import { kids, lineOf, type Node } from '../elixir/parser.js';
import { newContext, toTerm } from '../elixir/to-term.js';
import { collectAttributes } from './plugs.js';
import { literal, type Term } from '../term.js';

export interface AnsweredPath {
  path: string;
  line: number;
}

const WALKED: ReadonlySet<string> = new Set(['pair', 'binary_operator', 'call']);
const PLUG_ROUTER_VERBS = new Set(['get', 'head', 'match']);

function pathOf(field: 'request_path' | 'path_info', t: Term): string[] {
  if (field === 'request_path') {
    if (t.t === 'string' && !t.interpolated) return [t.v];
    if (t.t === 'list') return t.items.flatMap((i) => (i.t === 'string' && !i.interpolated ? [i.v] : []));
    return [];
  }
  // path_info: a list of segments, or a list of such lists (`in [["health"], ["healthz"]]`).
  if (t.t === 'list' && t.items.length > 0 && t.items.every((i) => i.t === 'string' && !i.interpolated)) return ['/' + t.items.map((i) => literal(i)).join('/')];
  if (t.t === 'list') return t.items.flatMap((i) => (i.t === 'list' ? pathOf(field, i) : []));
  return [];
}

function fieldOf(n: Node | null): 'request_path' | 'path_info' | null {
  if (!n || n.type !== 'call') return null;
  const name = callName(n);
  if (!name) return null;
  if (name.endsWith('.request_path')) return 'request_path';
  if (name.endsWith('.path_info')) return 'path_info';
  return null;
}

/** Paths answered by the plug code in `body` (a module body or a function's clauses). */
export function answeredPaths(body: Node[]): AnsweredPath[] {
  const ctx = newContext();
  // `@status_paths ["/status/alive", …]` then `def call(%{request_path: path} = conn, _) when path in @status_paths`.
  collectAttributes(body, ctx);
  const bound = new Map<string, 'request_path' | 'path_info'>();
  const out: AnsweredPath[] = [];
  const add = (paths: string[], line: number) => {
    for (const p of paths) if (p.startsWith('/') && !out.some((o) => o.path === p)) out.push({ path: p, line });
  };
  for (const n of body) {
    walk(
      n,
      (c) => {
        if (c.type === 'pair') {
          // %{request_path: "/health"} / %Plug.Conn{path_info: ["health"]} in a function head.
          const key = c.childForFieldName('key')?.text.replace(/[:\s]/g, '');
          const value = c.childForFieldName('value');
          if ((key === 'request_path' || key === 'path_info') && value) {
            if (value.type === 'identifier') bound.set(value.text, key);
            else add(pathOf(key, toTerm(value, ctx)), lineOf(c));
          }
          return;
        }
        if (c.type === 'binary_operator') {
          const op = c.childForFieldName('operator')?.text;
          if (op !== '==' && op !== '===' && op !== 'in') return;
          const l = c.childForFieldName('left');
          const r = c.childForFieldName('right');
          const lf = fieldOf(l) ?? (l?.type === 'identifier' ? (bound.get(l.text) ?? null) : null);
          const rf = op === 'in' ? null : (fieldOf(r) ?? (r?.type === 'identifier' ? (bound.get(r.text) ?? null) : null));
          if (lf && r) add(pathOf(lf, toTerm(r, ctx)), lineOf(c));
          else if (rf && l) add(pathOf(rf, toTerm(l, ctx)), lineOf(c));
          return;
        }
        // case conn.request_path do "/health" -> … end
        if (callName(c) === 'case') {
          const field = fieldOf(callArgs(c)[0] ?? null);
          if (!field) return;
          const block = c.children.find((x) => x?.type === 'do_block');
          for (const clause of kids(block ?? null)) {
            if (clause.type !== 'stab_clause') continue;
            const pat = kids(clause.childForFieldName('left') ?? null)[0];
            if (pat) add(pathOf(field, toTerm(pat, ctx)), lineOf(clause));
          }
        }
      },
      WALKED,
    );
  }
  return out;
}

/** A `use Plug.Router` module's own GET/HEAD/match routes (`get "/healthz" do … end`). */
export function plugRouterPaths(mod: ModuleDef): AnsweredPath[] {
  if (!usesIn(mod.body).some((u) => u.module === 'Plug.Router')) return [];
  const ctx = newContext();
  const out: AnsweredPath[] = [];
  for (const n of mod.body) {
    const name = callName(n);
    if (!name || !PLUG_ROUTER_VERBS.has(name)) continue;
    const p = callArgs(n)[0];
    const path = p ? literal(toTerm(p, ctx)) : null;
    if (path && path.startsWith('/') && !path.includes(':') && !path.includes('*')) out.push({ path, line: lineOf(n) });
  }
  return out;
}
