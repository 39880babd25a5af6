/**
 * The routers prod serves and their routes and pipelines: the main router, and the routers reached
 * another way (a host-dispatching plug in an endpoint, a second endpoint served in prod); which
 * pipelines serve HTML, which routes are live, which pipelines a route goes through.
 */
import { findCsp } from '../scan/decide/security.js';
import type { EndpointInfo, Evidence, Pipeline, Profile, Route, RouterInfo } from '../scan/profile.js';
import { endpointServes } from '../scan/runtime/served-endpoint.js';
import { stringList } from '../scan/term.js';
import { computed } from './computed.js';
import { endpointOf, routerOf } from './web.js';

/** A pipeline's `plug :accepts, [...]` (or `~w(...)`) names "html". */
export function acceptsHtml(pl: Pipeline): boolean {
  return pl.plugs.some((pg) => {
    if (pg.name !== 'accepts' || !pg.opts) return false;
    if (stringList(pg.opts)?.includes('html')) return true;
    // A list with a computed item (`["html", @extra]`) still names "html".
    return pg.opts.t === 'list' && pg.opts.items.some((i) => i.t === 'string' && i.v === 'html');
  });
}

/** Routes of the main router that are served in prod. */
export const prodRoutes = computed((p: Profile): readonly Route[] => (routerOf(p)?.routes ?? []).filter((r) => !r.devOnly));

/**
 * True when some prod route of `router` (default: the main router) goes through the pipeline (or
 * when the router lists no routes at all, so nothing can be told).
 */
export function pipelineInUse(p: Profile, pl: Pipeline, router: RouterInfo | null = routerOf(p)): boolean {
  const routes = router === routerOf(p) ? prodRoutes(p) : (router?.routes ?? []).filter((r) => !r.devOnly);
  return routes.length === 0 || routes.some((r) => r.pipelines.includes(pl.name));
}

/** Pipelines of the main router that accept "html". */
export const htmlPipelines = computed((p: Profile): readonly Pipeline[] => (routerOf(p)?.pipelines ?? []).filter(acceptsHtml));

export interface ServedRouter {
  router: RouterInfo;
  /** The endpoint in front of it (its endpoint-wide plugs apply to every pipeline of the router). */
  endpoint: EndpointInfo | null;
  /** How prod reaches it when it is not the main router: "reached through Web.SplitRouter", "served by AdminWeb.Endpoint". */
  via: string | null;
  /** Where that is decided: the dispatching call, or the endpoint's `plug`. */
  viaEvidence: Evidence | null;
}

/**
 * Endpoints besides the main one that prod serves: their `server:` settings serve them, and the app's
 * supervision tree starts them (when the tree is readable: it starts the main endpoint).
 */
export function otherServedEndpoints(p: Profile, main: EndpointInfo | null): EndpointInfo[] {
  const started = new Set((p.facts.applications ?? []).flatMap((a) => a.children.map((c) => c.module)));
  const treeKnown = !main || started.has(main.module);
  return p.facts.endpoints.filter(
    (e) => e !== main && (!treeKnown || started.has(e.module)) && endpointServes(p.facts, e.otpApp ?? p.web.otpApp, e.module) !== 'never',
  );
}

/**
 * The routers prod serves, the main one first: then every router an endpoint prod serves plugs
 * (`plug MyAppWeb.Router` in a second endpoint) or reaches through a module plug that calls it
 * (`Web.ClientRouter.call(conn, opts)` chosen by `conn.host`).
 */
export const servedRouters = computed((p: Profile): readonly ServedRouter[] => {
  const main = routerOf(p);
  const mainEndpoint = endpointOf(p);
  const out: ServedRouter[] = main ? [{ router: main, endpoint: mainEndpoint, via: null, viaEvidence: null }] : [];
  const byModule = new Map(p.facts.routers.map((r) => [r.module, r]));
  const dispatch = new Map((p.facts.routerDispatch ?? []).map((d) => [d.module, d]));
  const add = (module: string, endpoint: EndpointInfo, via: string, viaEvidence: Evidence) => {
    const router = byModule.get(module);
    if (router && !out.some((o) => o.router === router)) out.push({ router, endpoint, via, viaEvidence });
  };
  for (const ep of [...(mainEndpoint ? [mainEndpoint] : []), ...otherServedEndpoints(p, mainEndpoint)]) {
    for (const plug of ep.plugs) {
      if (plug.prod === false) continue;
      add(plug.name, ep, `served by ${ep.module}`, plug.evidence);
      for (const c of dispatch.get(plug.name)?.calls ?? []) add(c.module, ep, `reached through ${plug.name}`, c.evidence);
    }
  }
  return out;
});

/** The served router a pipeline belongs to. */
export function servedRouterOf(p: Profile, pl: Pipeline): ServedRouter | null {
  return servedRouters(p).find((s) => s.router.pipelines.includes(pl)) ?? null;
}

/** `MyAppWeb.Router`, or `Web.ClientRouter (reached through Web.SplitRouter)` for a router other than the main one. */
export const routerLabel = (s: ServedRouter): string => (s.via ? `${s.router.module} (${s.via})` : s.router.module);

/**
 * Whether an explicit Content-Security-Policy covers the pages of a served router: from a pipeline
 * of the router, a plug of its endpoint or a `<meta>` tag in a layout. The main router's answer is
 * the profile's (`security.csp`).
 */
export function routerHasCsp(p: Profile, s: ServedRouter): boolean {
  return s.via ? findCsp(p.facts, s.router, s.endpoint) !== null : p.security.csp;
}

/** Plugs that set a pipeline up for the app's own pages: the session, flash, root layout, forgery check, browser headers. */
const BROWSER_PLUG = /^(fetch_session|fetch_flash|fetch_live_flash|put_root_layout|protect_from_forgery|put_secure_browser_headers)$/;

/**
 * The HTML pipelines that prod routes go through, in every router prod serves. In a router other
 * than the main one only browser pipelines count (they set up the app's own pages: session, flash,
 * root layout, forgery check or browser headers): a pipeline there that only says
 * `plug :accepts, ["html", "json"]` serves an API's documents (an OpenAPI spec, a Swagger UI).
 */
export const servedHtmlPipelines = computed((p: Profile): readonly Pipeline[] =>
  servedRouters(p).flatMap(({ router, via }) =>
    router.pipelines.filter((pl) => acceptsHtml(pl) && pipelineInUse(p, pl, router) && (!via || pl.plugs.some((pg) => BROWSER_PLUG.test(pg.name)))),
  ),
);

/** The router pipelines a route goes through, in order (unknown names skipped). */
export function routePipelines(p: Profile, route: Route): Pipeline[] {
  const r = routerOf(p);
  if (!r) return [];
  return route.pipelines.flatMap((n) => r.pipelines.filter((pl) => pl.name === n).slice(0, 1));
}
