import type { Evidence } from '../../scan/profile.js';
import { kwGet, type Term } from '../../scan/term.js';
import { evidenceFor } from '../../facts/project.js';
import { literalTextList } from '../../facts/terms.js';
import { endpointSetting } from '../../facts/web.js';
import { defineRule } from '../rule.js';

/** rewrite_on includes :x_forwarded_proto (or is computed at runtime: cannot tell, assume so). */
function rewritesProto(opts: Term | null): boolean {
  const r = kwGet(opts, 'rewrite_on');
  if (!r) return false;
  if (r.t === 'atom') return r.v === 'x_forwarded_proto';
  if (r.t !== 'list') return true;
  return r.items.some((i) => i.t === 'atom' && i.v === 'x_forwarded_proto');
}

/**
 * `exclude:` covers the probe: a list of hosts (Plug.SSL's original form; the probe's host is the
 * user's choice), `[hosts: […], paths: […]]` (newer Plug) with hosts or a path covering the health
 * route, or an `{m, f, a}` / runtime value (custom logic: assume it does).
 */
function excludeCovers(opts: Term | null, healthPath: string): boolean {
  const ex = kwGet(opts, 'exclude');
  if (!ex) return false;
  if (ex.t === 'list') {
    const hosts = literalTextList(ex);
    return hosts === null || hosts.length > 0;
  }
  if (ex.t === 'kw') {
    const hosts = kwGet(ex, 'hosts');
    if (hosts && (literalTextList(hosts)?.length ?? 1) > 0) return true;
    const paths = kwGet(ex, 'paths');
    if (paths) {
      const list = literalTextList(paths);
      if (list === null) return true;
      return list.some((p) => p === healthPath || (p.endsWith('/') ? healthPath.startsWith(p) : healthPath.startsWith(`${p}/`)));
    }
    return false;
  }
  return true;
}

export const rule = defineRule({
  id: 'force-ssl-redirects-health-check',
  title: 'force_ssl redirects the health check',
  category: 'networking',
  severity: 'high',
  description:
    'Platform health checks (Fly.io, Kubernetes, cloud load balancers) call the instance over plain HTTP. When force_ssl neither trusts the proxy\'s `x-forwarded-proto` nor excludes the probe, the check gets a 301 to https:// and the instance is marked unhealthy: deploys hang or roll back.',
  fix: 'Add `rewrite_on: [:x_forwarded_proto]` to force_ssl (the proxy terminates TLS), and/or exclude the probe: `exclude: [paths: ["/health"], hosts: ["localhost", "127.0.0.1"]]` (paths need a recent Plug).',
  equivalents: [],
  requires: ['endpoint', 'healthRoute', 'forceSsl'],
  messages: {
    forceSsl:
      'force_ssl in {{file}} has no rewrite_on: [:x_forwarded_proto] and no exclude covering {{path}}: health checks over plain HTTP get a 301 and the instance is marked unhealthy',
    plugSsl:
      'plug Plug.SSL in {{endpoint}} has no rewrite_on: [:x_forwarded_proto] and no exclude covering {{path}}: health checks over plain HTTP get a 301 and the instance is marked unhealthy',
  },
  check({ profile, endpoint: ep, healthRoute }) {
    const healthPath = healthRoute.path;
    let opts: Term | null;
    let evidence: Evidence;
    let where: { messageId: 'forceSsl' | 'plugSsl'; data: Record<string, string> };
    const cfg = endpointSetting(profile, ['force_ssl']);
    const plug = ep.plugs.find((pg) => pg.name === 'Plug.SSL' && !pg.conditional);
    if (cfg && !(cfg.value.t === 'bool' && !cfg.value.v) && cfg.value.t !== 'nil') {
      // The endpoint's force_ssl runs Plug.SSL before every plug of the endpoint, health plugs included.
      if (cfg.value.t !== 'kw' && !(cfg.value.t === 'list' && cfg.value.items.length === 0)) return [];
      opts = cfg.value;
      evidence = cfg.evidence;
      where = { messageId: 'forceSsl', data: { file: cfg.evidence.file } };
    } else if (plug) {
      const health = evidenceFor(profile, 'health');
      // A plug placed before Plug.SSL in the endpoint answers the probe first.
      if (health && health.file === ep.file && health.line < plug.evidence.line) return [];
      if (health && ep.plugs.some((pg) => pg.evidence.line < plug.evidence.line && profile.facts.modules[pg.name]?.file === health.file)) return [];
      if (plug.opts && plug.opts.t !== 'kw') return [];
      opts = plug.opts;
      evidence = plug.evidence;
      where = { messageId: 'plugSsl', data: { endpoint: ep.module } };
    } else {
      return [];
    }
    if (rewritesProto(opts) || excludeCovers(opts, healthPath)) return [];
    return [
      {
        messageId: where.messageId,
        data: { ...where.data, path: healthPath },
        evidence: [evidence],
      },
    ];
  },
});
