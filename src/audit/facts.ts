/**
 * Shared questions rules ask of a profile (which endpoint, its prod config, the browser pipelines…),
 * answered once here so every rule reads the project the same way.
 */
import { allSets, lastSet, type SetValue } from '../scan/config-query.js';
import type { EndpointInfo, Evidence, Pipeline, Profile, RouterInfo } from '../scan/profile.js';

export function endpointOf(p: Profile): EndpointInfo | null {
  return p.facts.endpoints.find((e) => e.module === p.web.endpointModule) ?? p.facts.endpoints[0] ?? null;
}

export function routerOf(p: Profile): RouterInfo | null {
  return p.facts.routers.find((r) => r.module === p.web.routerModule) ?? p.facts.routers[0] ?? null;
}

/** The otp app that configures the endpoint (`config :my_app, MyAppWeb.Endpoint, …`). */
export function endpointApp(p: Profile): string {
  return endpointOf(p)?.otpApp ?? p.web.otpApp;
}

/** Last prod value of an endpoint config path, e.g. ['http', 'ip']. */
export function endpointSetting(p: Profile, path: string[]): SetValue | null {
  const mod = p.web.endpointModule;
  return mod ? lastSet(p.facts, 'prod', endpointApp(p), mod, path) : null;
}

export function endpointSettings(p: Profile, path: string[]): SetValue[] {
  const mod = p.web.endpointModule;
  return mod ? allSets(p.facts, 'prod', endpointApp(p), mod, path) : [];
}

/** Pipelines that serve HTML (accept "html" or fetch a session with flash). */
export function htmlPipelines(p: Profile): Pipeline[] {
  const r = routerOf(p);
  if (!r) return [];
  return r.pipelines.filter((pl) =>
    pl.plugs.some((pg) => {
      if (pg.name !== 'accepts' || !pg.opts) return false;
      const o = pg.opts;
      return o.t === 'list' && o.items.some((i) => i.t === 'string' && i.v === 'html');
    }),
  );
}

export function hasPlug(pl: Pipeline, name: string): boolean {
  return pl.plugs.some((p) => p.name === name);
}

/** Parses "file:line" from the profile's evidence map. */
export function evidenceFor(p: Profile, key: string): Evidence | null {
  const s = p.evidence[key];
  if (!s) return null;
  const i = s.lastIndexOf(':');
  return { file: s.slice(0, i), line: Number(s.slice(i + 1)) };
}

/** A file in the profile's config set, e.g. 'config/prod.exs' under the project path. */
export function configFile(p: Profile, base: string): string | null {
  return p.facts.configFiles.find((f) => f.file.endsWith(`/${base}`) || f.file === base)?.file ?? null;
}

/** Where to point a finding about the whole app when nothing more precise exists. */
export function projectEvidence(p: Profile): Evidence {
  const web = p.facts.projects.find((x) => x.path === p.web.path) ?? p.facts.projects[0];
  return web ? web.evidence : { file: 'mix.exs', line: 1 };
}

export function hasDep(p: Profile, name: string, prodOnly = true): boolean {
  return p.facts.projects.some((proj) => proj.deps.some((d) => d.name === name && (!prodOnly || !d.only || d.only.includes('prod'))));
}

export function usesEcto(p: Profile): boolean {
  return p.database !== 'none';
}
