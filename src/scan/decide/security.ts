/**
 * HTTPS, HSTS, CSP and check_origin in prod. HTTPS counts when the prod endpoint config sets
 * `force_ssl`, or a `Plug.SSL` is compiled into a prod build in the endpoint (also under
 * `if Mix.env() == :prod`, or called from a function plug) or in a router pipeline that routes use.
 * A CSP counts when it has a fetch directive: from `put_secure_browser_headers`, a plug that sets
 * the header, or a `<meta http-equiv>` in a layout.
 */
import { lastSet } from '../config-query.js';
import { isCspPlugName, isExplicitCsp } from '../csp.js';
import type { CspSource, EndpointInfo, Evidence, Facts, PlugRef, RouterInfo, SecuritySummary } from '../profile.js';
import { kwGet, literal, show, type Term } from '../term.js';
import type { Decider } from './types.js';

function cspFromTerm(t: Term | null | undefined): string | null {
  if (!t || t.t !== 'map') return null;
  for (const p of t.pairs) {
    if (literal(p.key)?.toLowerCase() === 'content-security-policy') return p.value.t === 'string' ? p.value.v : (literal(p.value) ?? show(p.value));
  }
  return null;
}

function routedPipelines(router: RouterInfo): Set<string> {
  return new Set(router.routes.filter((r) => !r.devOnly).flatMap((r) => r.pipelines));
}

function cspPlug(plug: PlugRef, sources: Map<string, CspSource>): boolean {
  const src = sources.get(plug.name);
  if (src) return src.policy === null || isExplicitCsp(src.policy);
  return isCspPlugName(plug.name);
}

export function findCsp(facts: Facts, router: RouterInfo | null, endpoint: EndpointInfo | null): Evidence | null {
  const sources = new Map(facts.cspSources.filter((c) => c.kind === 'plug').map((c) => [c.name, c]));
  for (const r of router ? [router] : facts.routers) {
    for (const p of r.pipelines) {
      for (const plug of p.plugs) {
        if (plug.prod === false) continue;
        if (plug.name === 'put_secure_browser_headers') {
          const policy = cspFromTerm(plug.opts);
          if (policy && isExplicitCsp(policy)) return plug.evidence;
        } else if (cspPlug(plug, sources)) return plug.evidence;
      }
    }
  }
  for (const plug of endpoint?.plugs ?? []) if (plug.prod !== false && cspPlug(plug, sources)) return plug.evidence;
  const meta = facts.cspSources.find((c) => c.kind === 'meta' && (c.policy === null || isExplicitCsp(c.policy)));
  return meta?.evidence ?? null;
}

function findHeader(router: RouterInfo | null, header: string): Evidence | null {
  for (const p of router?.pipelines ?? []) {
    for (const plug of p.plugs) {
      if (plug.name !== 'put_secure_browser_headers' || plug.opts?.t !== 'map') continue;
      if (plug.opts.pairs.some((pair) => literal(pair.key)?.toLowerCase() === header)) return plug.evidence;
    }
  }
  return null;
}

const hstsOn = (opts: Term | null | undefined) => {
  const h = kwGet(opts, 'hsts');
  return !(h?.t === 'bool' && !h.v);
};

export const decideSecurity: Decider<'security'> = ({ facts, web }) => {
  const endpoint = web.endpoint;
  const router = web.router;
  const mod = endpoint?.module ?? null;
  const app = endpoint?.otpApp ?? web.project.otpApp;
  const value: SecuritySummary = { forceSsl: false, hsts: false, csp: false, checkOrigin: null };
  const evidence: Record<string, Evidence | null> = {};
  const fs = mod ? lastSet(facts, 'prod', app, mod, ['force_ssl']) : null;
  if (fs && fs.value.t !== 'nil' && !(fs.value.t === 'bool' && !fs.value.v)) {
    value.forceSsl = true;
    evidence['forceSsl'] = fs.evidence;
    value.hsts = hstsOn(fs.value);
  } else {
    const used = router ? routedPipelines(router) : new Set<string>();
    const ssl =
      endpoint?.plugs.find((p) => p.name === 'Plug.SSL' && p.prod === true) ??
      router?.pipelines.filter((p) => used.has(p.name)).flatMap((p) => p.plugs).find((p) => p.name === 'Plug.SSL' && p.prod === true);
    if (ssl) {
      value.forceSsl = true;
      evidence['forceSsl'] = ssl.evidence;
      value.hsts = hstsOn(ssl.opts);
    }
  }
  if (value.hsts) evidence['hsts'] = evidence['forceSsl'] ?? null;
  const csp = findCsp(facts, router, endpoint);
  if (csp) {
    value.csp = true;
    evidence['csp'] = csp;
  }
  if (!value.hsts) {
    const header = findHeader(router, 'strict-transport-security');
    if (header) {
      value.hsts = true;
      evidence['hsts'] = header;
    }
  }
  if (mod) {
    const co = lastSet(facts, 'prod', app, mod, ['check_origin']);
    if (co) {
      value.checkOrigin = show(co.value);
      evidence['checkOrigin'] = co.evidence;
    }
  }
  for (const s of endpoint?.sockets ?? []) {
    const co = kwGet(kwGet(s.opts, 'websocket'), 'check_origin') ?? kwGet(s.opts, 'check_origin');
    if (co) {
      value.checkOrigin = show(co);
      evidence['checkOrigin'] = s.evidence;
    }
  }
  return { value, evidence };
};
