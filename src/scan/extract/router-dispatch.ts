/**
 * Module plugs that hand the request to another plug themselves, the way a host-dispatching plug
 * serves several routers from one endpoint:
 *
 *     def call(conn, opts) do
 *       case conn.host do
 *         "api." <> _ -> MyAppWeb.ApiRouter.call(conn, MyAppWeb.ApiRouter.init(opts))
 *         _ -> MyAppWeb.Router.call(conn, opts)
 *       end
 *     end
 *
 * Every `Module.call(conn, opts)` with two arguments anywhere in the module (also in a private
 * helper, or a `call/2` under a compile-time `if`) is recorded, aliases expanded; which of them are
 * routers is decided by the reader, which knows the routers.
 */
import { callArgs, callName, walk, type ModuleDef } from '../elixir/ast.js';
import { lineOf } from '../elixir/parser.js';
import type { ModuleExtractor } from '../extractor.js';
import { aliasesIn, expandAlias } from '../helpers.js';
import type { RouterDispatch } from '../profile.js';

const CALL_NODES: ReadonlySet<string> = new Set(['call']);

export function routerDispatchOf(mod: ModuleDef, file: string): RouterDispatch | null {
  const aliases = aliasesIn(mod.body);
  const calls: RouterDispatch['calls'] = [];
  for (const n of mod.body) {
    walk(
      n,
      (c) => {
        const name = callName(c);
        if (!name?.endsWith('.call') || callArgs(c).length !== 2) return;
        const target = name.slice(0, -'.call'.length);
        // A module (`Web.ClientRouter`, `__MODULE__` is not one), not a variable holding one.
        if (!/^[A-Z][\w.]*$/.test(target)) return;
        const module = expandAlias(target, aliases);
        if (module !== mod.name && !calls.some((x) => x.module === module)) calls.push({ module, evidence: { file, line: lineOf(c) } });
      },
      CALL_NODES,
    );
  }
  return calls.length ? { module: mod.name, file, calls } : null;
}

export const routerDispatchExtractor: ModuleExtractor<RouterDispatch> = {
  id: 'router-dispatch',
  markers: ['.call('],
  matches: () => true,
  extract: (mod, ctx) => routerDispatchOf(mod, ctx.file),
};
