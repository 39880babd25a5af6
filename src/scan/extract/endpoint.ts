/**
 * The Phoenix endpoint module: otp_app, plugs (Plug.SSL, Plug.Parsers, Plug.Session…) and whether
 * each is compiled into a prod build, sockets (with check_origin), session options, and health
 * checks answered by a function plug of the endpoint itself.
 */
import { callArgs, callName, functionsIn, type ModuleDef, usesIn } from '../elixir/ast.js';
import { holdsInProd } from '../elixir/env-condition.js';
import { lineOf } from '../elixir/parser.js';
import { newContext, toTerm } from '../elixir/to-term.js';
import { lastSet } from '../config-query.js';
import type { ModuleContext, ModuleExtractor } from '../extractor.js';
import type { EndpointInfo, Evidence, SocketRef } from '../profile.js';
import { isTruthyLiteral, kwGet, literal } from '../term.js';
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
  const plugs = plugsIn(mod.body, file, ctx, prodCheck);
  const sockets: SocketRef[] = [];
  for (const n of mod.body) {
    if (callName(n) !== 'socket') continue;
    const [path, module, opts] = callArgs(n);
    const p = path ? literal(toTerm(path, ctx)) : null;
    if (!p || !module) continue;
    sockets.push({ path: p, module: module.text, opts: opts ? toTerm(opts, ctx) : null, evidence: { file, line: lineOf(n) } });
  }
  const sessionPlug = plugs.find((p) => p.name === 'Plug.Session');
  const sessionOptions = ctx.attrs!.get('session_options') ?? sessionPlug?.opts ?? null;

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
    evidence: { file, line: mod.line },
    functionPlugPaths,
  };
}

export const endpointExtractor: ModuleExtractor<EndpointExtract> = {
  id: 'endpoint',
  markers: ['Phoenix.Endpoint'],
  matches: (mod) => isEndpointModule(mod),
  extract: (mod, ctx) => extractEndpoint(mod, ctx),
};
