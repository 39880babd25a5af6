/** The web app's endpoint and router, the otp app that configures the endpoint, and its prod settings: one answer for audit, targets and verify. */
import { allSets, lastSet, type SetValue } from '../scan/config-query.js';
import type { EndpointInfo, Profile, RouterInfo } from '../scan/profile.js';
import { computed, computedBy } from './computed.js';

export const endpointOf = computed((p: Profile): EndpointInfo | null => p.facts.endpoints.find((e) => e.module === p.web.endpointModule) ?? p.facts.endpoints[0] ?? null);

export const routerOf = computed((p: Profile): RouterInfo | null => p.facts.routers.find((r) => r.module === p.web.routerModule) ?? p.facts.routers[0] ?? null);

/** The otp app that configures the endpoint (`config :my_app, MyAppWeb.Endpoint, …`). */
export const endpointApp = computed((p: Profile): string => p.facts.endpoints.find((e) => e.module === p.web.endpointModule)?.otpApp ?? p.web.otpApp);

const pathKey = (path: readonly string[]) => path.join('\0');

/** Every prod value of an endpoint config path, in the order they apply (the last one wins), e.g. ['check_origin']. */
export const endpointSettings = computedBy((p: Profile, path: readonly string[]): readonly SetValue[] => {
  const mod = p.web.endpointModule;
  return mod ? allSets(p.facts, 'prod', endpointApp(p), mod, [...path]) : [];
}, pathKey);

/** Last prod value of an endpoint config path, e.g. ['force_ssl'] or ['http', 'port']. */
export const endpointSetting = computedBy((p: Profile, path: readonly string[]): SetValue | null => {
  const mod = p.web.endpointModule;
  return mod ? lastSet(p.facts, 'prod', endpointApp(p), mod, [...path]) : null;
}, pathKey);
