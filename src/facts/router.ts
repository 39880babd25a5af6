/** The main router's routes and pipelines as prod serves them: which pipelines serve HTML, which routes are live, which pipelines a route goes through. */
import type { Pipeline, Profile, Route } from '../scan/profile.js';
import { stringList } from '../scan/term.js';
import { computed } from './computed.js';
import { routerOf } from './web.js';

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

/** True when some prod route goes through the pipeline (or when the router lists no routes at all, so nothing can be told). */
export function pipelineInUse(p: Profile, pl: Pipeline): boolean {
  const routes = prodRoutes(p);
  return routes.length === 0 || routes.some((r) => r.pipelines.includes(pl.name));
}

/** Pipelines of the main router that accept "html". */
export const htmlPipelines = computed((p: Profile): readonly Pipeline[] => (routerOf(p)?.pipelines ?? []).filter(acceptsHtml));

/** The HTML pipelines that prod routes go through. */
export const servedHtmlPipelines = computed((p: Profile): readonly Pipeline[] => htmlPipelines(p).filter((pl) => pipelineInUse(p, pl)));

/** The router pipelines a route goes through, in order (unknown names skipped). */
export function routePipelines(p: Profile, route: Route): Pipeline[] {
  const r = routerOf(p);
  if (!r) return [];
  return route.pipelines.flatMap((n) => r.pipelines.filter((pl) => pl.name === n).slice(0, 1));
}
