/**
 * The Phoenix endpoint module: otp_app, plugs (Plug.SSL, Plug.Parsers, Plug.Session…), sockets
 * (with check_origin), session options, and health checks answered by an endpoint plug.
 */
import { callArgs, callName, functionsIn, type ModuleDef, usesIn, walk } from '../elixir/ast.js';
import { lineOf } from '../elixir/parser.js';
import { newContext, toTerm } from '../elixir/to-term.js';
import type { EndpointInfo, Evidence, SocketRef } from '../profile.js';
import { kwGet, literal } from '../term.js';
import { collectAttributes, plugsIn } from './plugs.js';

export interface EndpointExtract extends EndpointInfo {
  /** Paths answered directly by function plugs in the endpoint (`def health(%{request_path: "/health"} …)`). */
  functionPlugPaths: { plug: string; path: string; evidence: Evidence }[];
}

export function isEndpointModule(mod: ModuleDef): boolean {
  return usesIn(mod.body).some((u) => u.module === 'Phoenix.Endpoint');
}

export function extractEndpoint(mod: ModuleDef, file: string): EndpointExtract {
  const ctx = newContext();
  collectAttributes(mod.body, ctx);
  const use = usesIn(mod.body).find((u) => u.module === 'Phoenix.Endpoint');
  const useOpts = use?.args[0] ? toTerm(use.args[0], ctx) : null;
  const plugs = plugsIn(mod.body, file, ctx);
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
  const fnPlugs = new Set(plugs.filter((p) => /^[a-z_]/.test(p.name)).map((p) => p.name));
  for (const fn of functionsIn(mod.body)) {
    if (!fnPlugs.has(fn.name)) continue;
    for (const param of fn.params) {
      walk(param, (n) => {
        if (n.type === 'pair') {
          const key = n.childForFieldName('key')?.text.replace(/[:\s]/g, '');
          const value = n.childForFieldName('value');
          if (key === 'request_path' && value?.type === 'string') {
            const v = literal(toTerm(value, ctx));
            if (v) functionPlugPaths.push({ plug: fn.name, path: v, evidence: { file, line: fn.line } });
          }
          if (key === 'path_info' && value?.type === 'list') {
            const segs = toTerm(value, ctx);
            if (segs.t === 'list' && segs.items.every((s) => s.t === 'string')) {
              functionPlugPaths.push({ plug: fn.name, path: '/' + segs.items.map((s) => literal(s)).join('/'), evidence: { file, line: fn.line } });
            }
          }
        }
      });
    }
  }

  return {
    module: mod.name,
    file,
    otpApp: literal(kwGet(useOpts, 'otp_app')),
    plugs,
    sockets,
    sessionOptions,
    evidence: { file, line: mod.line },
    functionPlugPaths,
  };
}
