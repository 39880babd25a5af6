/** The web app's endpoint and router, and the otp app that configures the endpoint: one answer for audit and targets. */
import { lastSet, type SetValue } from '../scan/config-query.js';
import type { EndpointInfo, Profile, RouterInfo } from '../scan/profile.js';

export function endpointOf(p: Profile): EndpointInfo | null {
  return p.facts.endpoints.find((e) => e.module === p.web.endpointModule) ?? p.facts.endpoints[0] ?? null;
}

export function routerOf(p: Profile): RouterInfo | null {
  return p.facts.routers.find((r) => r.module === p.web.routerModule) ?? p.facts.routers[0] ?? null;
}

/** The otp app that configures the endpoint (`config :my_app, MyAppWeb.Endpoint, …`). */
export function endpointApp(p: Profile): string {
  return p.facts.endpoints.find((e) => e.module === p.web.endpointModule)?.otpApp ?? p.web.otpApp;
}

/** Last prod value of an endpoint config path, e.g. ['force_ssl'] or ['http', 'port']. */
export function endpointSetting(p: Profile, path: string[]): SetValue | null {
  const mod = p.web.endpointModule;
  return mod ? lastSet(p.facts, 'prod', endpointApp(p), mod, path) : null;
}
