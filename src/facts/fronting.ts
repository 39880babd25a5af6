/**
 * Endpoints in front of the main one: a second endpoint prod serves whose own code hands requests to
 * the main endpoint (a public listener that dispatches by host and calls `MyAppWeb.Endpoint.call/2`,
 * or passes it to a `forward(conn, MyAppWeb.Endpoint)` helper). Its plugs run before the main
 * endpoint's for every request that comes that way, so its `Plug.SSL` is the app's HTTPS enforcement.
 */
import type { EndpointInfo, Evidence, Profile } from '../scan/profile.js';
import { computed } from './computed.js';
import { otherServedEndpoints } from './router.js';
import { endpointOf } from './web.js';

export interface FrontingEndpoint {
  endpoint: EndpointInfo;
  /** Where it hands the request to the main endpoint. */
  handoff: Evidence;
}

export const frontingEndpoints = computed((p: Profile): readonly FrontingEndpoint[] => {
  const main = endpointOf(p);
  if (!main) return [];
  const out: FrontingEndpoint[] = [];
  for (const endpoint of otherServedEndpoints(p, main)) {
    const handoff = endpoint.handsTo?.find((h) => h.module === main.module);
    if (handoff) out.push({ endpoint, handoff: handoff.evidence });
  }
  return out;
});
