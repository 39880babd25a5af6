/**
 * The Phoenix endpoint module: otp_app, plugs (Plug.SSL, Plug.Parsers, Plug.Session…) and whether
 * each is compiled into a prod build, sockets (with check_origin), session options, and health
 * checks answered by a function plug of the endpoint itself.
 */
import { callArgs, callName, functionsIn, type ModuleDef, usesIn, walk } from '../elixir/ast.js';
import { holdsInProd } from '../elixir/env-condition.js';
import { lineOf, type Node } from '../elixir/parser.js';
import { newContext, toTerm, type TermContext } from '../elixir/to-term.js';
import { lastSet } from '../config-query.js';
import type { ModuleContext, ModuleExtractor } from '../extractor.js';
import type { EndpointInfo, Evidence, PlugRef, SocketRef } from '../profile.js';
import { isTruthyLiteral, kwGet, literal, type Term } from '../term.js';
import { aliasesIn, expandAlias } from '../helpers.js';
import { answeredPaths } from './answered-paths.js';
import { collectAttributes, plugsIn } from './plugs.js';

export interface EndpointExtract extends EndpointInfo {
  /** Paths answered directly by function plugs in the endpoint (`def health(%{request_path: "/health"} …)`). */
  functionPlugPaths: { plug: string; path: string; evidence: Evidence }[];
}

export function isEndpointModule(mod: ModuleDef): boolean {
  return usesIn(mod.body).some((u) => u.module === 'Phoenix.Endpoint');
}

export function extractEndpoint(mod: ModuleDef, mctx: Pick<ModuleContext, 'file' | 'resolve' | 'config'>): EndpointExtract {
  const { file } = mctx;
  const ctx = newContext();
  collectAttributes(mod.body, ctx);
  const use = usesIn(mod.body).find((u) => u.module === 'Phoenix.Endpoint');
  const useOpts = use?.args[0] ? toTerm(use.args[0], ctx) : null;
  const otpApp = literal(kwGet(useOpts, 'otp_app'));
  // `code_reloading?` is the endpoint's `code_reloader:` config of the environment being built.
  const codeReloading = (env: 'dev' | 'test' | 'prod') => {
    if (!otpApp) return env === 'prod' ? false : null;
    const set = lastSet(mctx, env, otpApp, mod.name, ['code_reloader'], 'build');
    return set ? isTruthyLiteral(set.value) : false;
  };
  const prodCheck = (cond: Parameters<typeof holdsInProd>[0]) => holdsInProd(cond, mctx.resolve, { 'code_reloading?': codeReloading });
  // `alias MyAppWeb.Plugs.Health` then `plug Health`: the plug is the full module.
  const aliases = aliasesIn(mod.body);
  const plugs = withFunctionPlugSsl(
    plugsIn(mod.body, file, ctx, prodCheck).map((p) => (/^[A-Z]/.test(p.name) ? { ...p, name: expandAlias(p.name, aliases) } : p)),
    mod,
    ctx,
    prodCheck,
  );
  const sockets: SocketRef[] = [];
  for (const n of mod.body) {
    if (callName(n) !== 'socket') continue;
    const [path, module, opts] = callArgs(n);
    const p = path ? literal(toTerm(path, ctx)) : null;
    if (!p || !module) continue;
    sockets.push({ path: p, module: module.text, opts: opts ? toTerm(opts, ctx) : null, evidence: { file, line: lineOf(n) } });
  }
  const sessionPlug = plugs.find((p) => p.name === 'Plug.Session');
  const sessionOptions = ctx.attrs?.get('session_options') ?? sessionPlug?.opts ?? null;

  const functionPlugPaths: EndpointExtract['functionPlugPaths'] = [];
  const fnPlugs = new Set(plugs.filter((p) => /^[a-z_]/.test(p.name) && p.prod !== false).map((p) => p.name));
  for (const fn of functionsIn(mod.body)) {
    if (!fnPlugs.has(fn.name)) continue;
    for (const a of answeredPaths([fn.node])) functionPlugPaths.push({ plug: fn.name, path: a.path, evidence: { file, line: fn.line } });
  }

  return {
    module: mod.name,
    file,
    otpApp,
    plugs,
    sockets,
    sessionOptions,
    handsTo: handsTo(mod, file, aliases),
    evidence: { file, line: mod.line },
    functionPlugPaths,
  };
}

const CALL_NODES: ReadonlySet<string> = new Set(['call']);

/**
 * Where the endpoint's own functions send the request on: `Other.call(conn, opts)`, or a module given
 * beside the conn to a helper that calls it (`forward(conn, MyAppWeb.Endpoint)` in a host-dispatching
 * function plug). `plug Mod, opts` is not one: its first argument is the module, not the conn.
 */
function handsTo(mod: ModuleDef, file: string, aliases: ReturnType<typeof aliasesIn>): { module: string; evidence: Evidence }[] {
  const out: { module: string; evidence: Evidence }[] = [];
  const add = (name: string, n: Node) => {
    const module = expandAlias(name, aliases);
    if (module !== mod.name && !out.some((o) => o.module === module)) out.push({ module, evidence: { file, line: lineOf(n) } });
  };
  for (const fn of functionsIn(mod.body)) {
    walk(
      fn.node,
      (c) => {
        const name = callName(c);
        const args = callArgs(c);
        if (!name || args.length !== 2 || args[0]?.type !== 'identifier') return;
        if (name.endsWith('.call') && /^[A-Z][\w.]*$/.test(name.slice(0, -'.call'.length))) add(name.slice(0, -'.call'.length), c);
        else if (!name.includes('.') && args[1]?.type === 'alias') add(args[1].text, c);
      },
      CALL_NODES,
    );
  }
  return out;
}

/**
 * A function plug that calls `Plug.SSL.call(conn, Plug.SSL.init(opts))` enforces HTTPS like
 * `plug Plug.SSL, opts`: it is recorded as a Plug.SSL at the function plug's place. A call under a
 * condition inside the function (`if Application.get_env(:app, :force_ssl)`) is in prod only when
 * the condition is decided for prod.
 */
function withFunctionPlugSsl(plugs: PlugRef[], mod: ModuleDef, ctx: TermContext, prodCheck: (cond: Term) => boolean | null): PlugRef[] {
  const fns = functionsIn(mod.body);
  const out: PlugRef[] = [];
  for (const plug of plugs) {
    out.push(plug);
    if (!/^[a-z_]/.test(plug.name)) continue;
    for (const fn of fns.filter((f) => f.name === plug.name)) {
      let found: { opts: Term | null; prod: boolean | null } | undefined;
      walk(
        fn.node,
        (c) => {
          if (found || callName(c) !== 'Plug.SSL.call') return;
          const init = callArgs(c)[1];
          const initArgs = init && callName(init) === 'Plug.SSL.init' ? callArgs(init)[0] : undefined;
          found = { opts: initArgs ? toTerm(initArgs, ctx) : null, prod: guardedInProd(c, fn.node, ctx, prodCheck) };
        },
        CALLS,
      );
      if (found) {
        out.push({ ...plug, name: 'Plug.SSL', opts: found.opts, conditional: plug.conditional || found.prod !== true, prod: plug.prod === false || found.prod === false ? false : plug.prod === true && found.prod === true ? true : null });
        break;
      }
    }
  }
  return out;
}

/** Whether code at `node` inside `fn` runs in prod, given the `if`/`unless`/`case`/`cond` around it. */
function guardedInProd(node: Node, fn: Node, ctx: TermContext, prodCheck: (cond: Term) => boolean | null): boolean | null {
  let result: boolean | null = true;
  for (let cur: Node | null = node; cur && cur.id !== fn.id; cur = cur.parent) {
    const parent = cur.parent;
    if (!parent || parent.type !== 'do_block') continue;
    const owner = parent.parent;
    const name = owner ? callName(owner) : null;
    if (!owner || (name !== 'if' && name !== 'unless')) {
      if (name === 'case' || name === 'cond' || name === 'with') result = null;
      continue;
    }
    const cond = callArgs(owner)[0];
    const holds = cond ? prodCheck(toTerm(cond, ctx)) : null;
    const inElse = cur.type === 'else_block';
    const runs = holds === null ? null : (name === 'if') !== inElse ? holds : !holds;
    if (runs === false) return false;
    if (runs === null) result = null;
  }
  return result;
}

const CALLS: ReadonlySet<string> = new Set(['call']);

export const endpointExtractor: ModuleExtractor<EndpointExtract> = {
  id: 'endpoint',
  markers: ['Phoenix.Endpoint'],
  matches: (mod) => isEndpointModule(mod),
  extract: (mod, ctx) => extractEndpoint(mod, ctx),
};
