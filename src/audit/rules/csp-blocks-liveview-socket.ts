import { secureHeadersCsp } from '../../facts/csp.js';
import { htmlPipelines, prodRoutes, routePipelines } from '../../facts/router.js';
import { endpointSetting } from '../../facts/web.js';
import { isCspPlugName, parseCspPolicy, socketBlockedBy, type SocketTarget } from '../../scan/csp.js';
import type { Evidence, PlugRef } from '../../scan/profile.js';
import { literal } from '../../scan/term.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/** The plug that sets the CSP last for requests going through these plugs (later header writes win). */
function effectiveCsp(plugs: readonly PlugRef[]): PlugRef | null {
  let found: PlugRef | null = null;
  for (const pg of plugs) {
    if (pg.name === 'put_secure_browser_headers' && secureHeadersCsp(pg).kind !== 'none') found = pg;
    else if (isCspPlugName(pg.name)) found = pg;
  }
  return found;
}

export const rule = defineRule({
  id: 'csp-blocks-liveview-socket',
  title: 'Content-Security-Policy blocks the LiveView websocket',
  category: 'web-security',
  severity: 'high',
  description:
    "LiveView pages connect back over a websocket (`wss://<host>/live/websocket`). When the CSP's `connect-src` (or, without it, `default-src`) does not allow that URL, the browser refuses the connection: pages render but never become interactive in production, while development (often without the CSP, or on ws://localhost) works.",
  fix: "Allow the socket in `connect-src`: keep `'self'` and add `wss://<your host>` (or `wss:`), e.g. `connect-src 'self' wss://example.com`.",
  equivalents: [],
  requires: ['endpoint', 'liveView'],
  messages: {
    connectSrc: 'the CSP\'s connect-src is "{{sources}}", which does not allow wss://{{host}}{{path}}: browsers refuse the LiveView websocket in production',
    defaultSrc:
      'the CSP\'s default-src (no connect-src, so it applies to connections) is "{{sources}}", which does not allow wss://{{host}}{{path}}: browsers refuse the LiveView websocket in production',
  },
  check({ profile, endpoint }) {
    const liveRoutes = prodRoutes(profile).filter((r) => r.verb === 'live');
    const plugLists: PlugRef[][] = liveRoutes.length
      ? liveRoutes.map((r) => routePipelines(profile, r).flatMap((pl) => pl.plugs))
      : htmlPipelines(profile).map((pl) => pl.plugs);
    const seen = new Set<string>();
    const policies: { policy: string; evidence: Evidence }[] = [];
    for (const plugs of plugLists) {
      const pg = effectiveCsp(plugs);
      if (!pg || pg.name !== 'put_secure_browser_headers') continue;
      const csp = secureHeadersCsp(pg);
      if (csp.kind !== 'literal') continue;
      const key = `${pg.evidence.file}:${pg.evidence.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      policies.push({ policy: csp.policy, evidence: pg.evidence });
    }
    if (policies.length === 0) return notApplicable('no Content-Security-Policy literal is readable for the LiveView routes (none set, or set by a custom plug)');

    const hostSet = endpointSetting(profile, ['url', 'host']);
    const host = hostSet && hostSet.value.t === 'string' ? literal(hostSet.value) : null;
    const livePath = `${endpoint.sockets.find((s) => s.module === 'Phoenix.LiveView.Socket')?.path ?? '/live'}/websocket`.replace(/\/\/+/g, '/');
    // In production the page is served over HTTPS and LiveView connects to wss://<host>/live/websocket on 443.
    const socket: SocketTarget = { scheme: 'wss:', host: host?.toLowerCase() ?? null, port: 443, path: livePath, pageScheme: 'https:', sameOrigin: true };
    const hits: Hit[] = [];
    for (const { policy, evidence } of policies) {
      const blocked = socketBlockedBy(parseCspPolicy(policy), socket);
      if (!blocked) continue;
      const name = blocked.directive;
      const listed = blocked.sources.length ? blocked.sources.join(' ') : '(empty)';
      hits.push({
        messageId: name === 'default-src' ? 'defaultSrc' : 'connectSrc',
        data: { sources: listed, host: host ?? '<host>', path: livePath },
        // The policy and the host are values the user edits: the finding is about the socket path.
        snippet: livePath,
        evidence: [evidence],
        fix: `Add "'self' wss://${host ?? '<your host>'}" to ${name === 'default-src' ? 'a connect-src directive' : 'connect-src'} in the put_secure_browser_headers policy.`,
      });
    }
    return hits;
  },
});
