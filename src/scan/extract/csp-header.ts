/**
 * Plug modules that set a Content-Security-Policy header themselves: `put_resp_header(conn,
 * "content-security-policy", policy)`, a `{"content-security-policy", policy}` header tuple (for
 * `merge_resp_headers`), or a `%{"content-security-policy" => policy}` map.
 */
import { callArgs, callName, walk } from '../elixir/ast.js';
import { lineOf, type Node } from '../elixir/parser.js';
import { newContext, toTerm, type TermContext } from '../elixir/to-term.js';
import type { ModuleExtractor } from '../extractor.js';
import type { CspSource } from '../profile.js';
import type { Term } from '../term.js';
import { collectAttributes } from './plugs.js';

const HEADER = 'content-security-policy';
const WALKED: ReadonlySet<string> = new Set(['tuple', 'binary_operator', 'call']);

function isHeaderName(n: Node | null | undefined): boolean {
  return !!n && n.type === 'string' && n.text.slice(1, -1).toLowerCase() === HEADER;
}

/** The policy text of a value term: literal or interpolated text, null when built by a function. */
export function policyText(t: Term): string | null {
  if (t.t === 'string') return t.v;
  if (t.t === 'op' && t.op === '<>') {
    const l = policyText(t.left);
    const r = policyText(t.right);
    return l !== null && r !== null ? l + r : null;
  }
  return null;
}

function valueNext(n: Node, ctx: TermContext): Term | null {
  if (n.type === 'tuple') {
    const items = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const [name, value] = items;
    return items.length === 2 && isHeaderName(name) && value ? toTerm(value, ctx) : null;
  }
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '=>') {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    return isHeaderName(l) && r ? toTerm(r, ctx) : null;
  }
  const name = callName(n);
  if (name && /(^|\.)put_resp_header$/.test(name)) {
    const args = callArgs(n);
    // put_resp_header(conn, name, value) or conn |> put_resp_header(name, value)
    const i = args.findIndex((a) => isHeaderName(a));
    const value = i >= 0 ? args[i + 1] : undefined;
    if (value) return toTerm(value, ctx);
  }
  return null;
}

export const cspHeaderExtractor: ModuleExtractor<CspSource> = {
  id: 'csp-header',
  markers: [HEADER],
  matches: () => true,
  extract(mod, ctx) {
    const tctx = newContext();
    collectAttributes(mod.body, tctx);
    let found: CspSource | null = null;
    for (const n of mod.body) {
      if (found) break;
      // A function that reads the policy already set and rewrites it (`get_resp_header(conn,
      // "content-security-policy")` then `put_resp_header`) sets no policy of its own.
      if (/get_resp_header\(/.test(n.text) && n.text.toLowerCase().includes(`"${HEADER}"`)) continue;
      walk(
        n,
        (c) => {
          if (found) return false;
          const v = valueNext(c, tctx);
          if (!v) return;
          found = { kind: 'plug', name: mod.name, evidence: { file: ctx.file, line: lineOf(c) }, policy: policyText(v) };
          return false;
        },
        WALKED,
      );
    }
    return found;
  },
};
