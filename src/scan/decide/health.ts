/**
 * An unauthenticated health path: a route of the main router under a conventional name, a path
 * answered by a plug in the endpoint before the router (a function plug, a project plug module, a
 * health-check library plug), or by the proxy plug an app's own HTTP listener runs in front of the
 * endpoints (`{Plug.Cowboy, plug: MyProxy}`).
 */
import type { Evidence, Facts, Route, RouterInfo } from '../profile.js';
import { literal, kwGet } from '../term.js';
import type { Decider } from './types.js';

/** The health keyword, as the last segment or before one more (`/health/ready`). */
const STRONG = '_?health([_-]?check|z|y)?|_?livez?|_?readyz?|readiness|liveness|heartbeat|ping|alive';
/** Words that mean health only at the top level (or under /api, /_, /__): `/status`, `/up`. */
const WEAK = 'status|up';
const HEALTH_PATH = new RegExp(`^(/[\\w.-]+){0,2}/(${STRONG})(/[\\w-]+)?$|^(/(api|_|__|internal|system|sys|ops|meta|monitoring|v\\d+))*/(${WEAK})(/[\\w-]+)?$`, 'i');

export function isHealthPath(path: string): boolean {
  return !path.includes(':') && !path.includes('*') && HEALTH_PATH.test(path);
}

const AUTH_PLUG = /require_auth|require_authenticated|ensure_auth|authenticate|basic_?auth|require_admin|require_user|api_auth|verify_token|Guardian\.Plug\.EnsureAuthenticated|Pow\.Plug\.RequireAuthenticated/i;

/** Health-check libraries mounted as an endpoint plug, with the path they answer by default. */
const LIBRARY_DEFAULTS: Record<string, string> = {
  'KubernetesHealthCheck.Plug': '/healthz',
};
const PATH_OPTIONS = ['path', 'base_path', 'at', 'health_path'];

const LISTENERS = new Set(['Plug.Cowboy', 'Plug.Adapters.Cowboy', 'Plug.Adapters.Cowboy2', 'Bandit']);

interface Candidate {
  path: string;
  evidence: Evidence;
  how: string;
}

function endpointPlugPaths(facts: Facts, plugs: NonNullable<Facts['endpoints'][number]>['plugs']): Candidate[] {
  const out: Candidate[] = [];
  const byModule = new Map(facts.plugPaths.map((p) => [p.module, p]));
  for (const plug of plugs) {
    if (plug.prod === false) continue;
    const own = byModule.get(plug.name);
    if (own) for (const p of own.paths) out.push({ path: p.path, evidence: plug.evidence, how: `answered by ${plug.name} in the endpoint` });
    const opt = PATH_OPTIONS.map((k) => literal(kwGet(plug.opts, k))).find((v) => v && v.startsWith('/'));
    if (!own && /health|heartbeat|ping|liveness|readiness/i.test(plug.name)) {
      const path = opt ?? LIBRARY_DEFAULTS[plug.name];
      if (path) out.push({ path, evidence: plug.evidence, how: `answered by ${plug.name} in the endpoint` });
    }
  }
  return out;
}

/** The routes of a router and of the routers it forwards to (`forward "/api", ApiRouter`), prefixed with the forward path. */
function reachableRoutes(main: RouterInfo, all: readonly RouterInfo[]): { router: RouterInfo; route: Route }[] {
  const out = main.routes.map((route) => ({ router: main, route }));
  for (const fwd of main.routes) {
    if (fwd.verb !== 'forward' || fwd.devOnly || !fwd.target) continue;
    const target = all.find((r) => r !== main && (r.module === fwd.target || r.module.endsWith(`.${fwd.target}`)));
    const prefix = fwd.path.replace(/\/+$/, '');
    for (const route of target?.routes ?? []) out.push({ router: target!, route: { ...route, path: `${prefix}${route.path === '/' ? '' : route.path}` || '/', pipelines: [...fwd.pipelines, ...route.pipelines] } });
  }
  return out;
}

export const decideHealth: Decider<'health'> = ({ facts, web, endpointPaths }) => {
  const routers = web.router ? [web.router] : facts.routers;
  for (const { router: r, route: rt } of routers.flatMap((m) => reachableRoutes(m, facts.routers))) {
    if (rt.devOnly || !['get', 'forward', 'match', 'head'].includes(rt.verb) || !isHealthPath(rt.path)) continue;
    const authed =
      rt.pipelines.some((pn) => /auth/i.test(pn) && !/redirect_if/i.test(pn)) ||
      rt.pipelines.some((pn) => r.pipelines.find((p) => p.name === pn)?.plugs.some((pl) => AUTH_PLUG.test(pl.name)));
    if (authed) continue;
    return { value: { path: rt.path }, evidence: { health: rt.evidence } };
  }
  const endpoint = web.endpoint;
  const candidates: Candidate[] = [
    ...endpointPaths.filter((p) => !endpoint || p.evidence.file === endpoint.file).map((p) => ({ path: p.path, evidence: p.evidence, how: `answered by the function plug ${p.plug} in the endpoint` })),
    ...(endpoint ? endpointPlugPaths(facts, endpoint.plugs) : []),
  ];
  // The app's own HTTP listener in front of the endpoints: `{Plug.Cowboy, plug: MyApp.Proxy, …}`.
  const byModule = new Map(facts.plugPaths.map((p) => [p.module, p]));
  for (const app of facts.applications) {
    for (const child of app.children) {
      if (!LISTENERS.has(child.module)) continue;
      const plug = kwGet(child.opts, 'plug');
      const name = plug?.t === 'alias' ? plug.v : plug?.t === 'tuple' && plug.items[0]?.t === 'alias' ? plug.items[0].v : null;
      const own = name ? byModule.get(name) : undefined;
      if (!own) continue;
      for (const p of own.paths) candidates.push({ path: p.path, evidence: { file: own.file, line: p.line }, how: `answered by ${name}, the plug of the ${child.module} listener started by ${app.module}` });
    }
  }
  const hit = candidates.find((c) => isHealthPath(c.path));
  return hit ? { value: { path: hit.path }, evidence: { health: hit.evidence }, reasons: { health: hit.how } } : { value: null };
};
