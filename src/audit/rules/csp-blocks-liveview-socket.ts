import { literal } from '../../scan/term.js';
import type { Evidence, PlugRef } from '../../scan/profile.js';
import { endpointOf, endpointSetting, htmlPipelines, isCspPlugName, parseCspPolicy, prodRoutes, routePipelines, secureHeadersCsp } from '../facts.js';
import { notApplicable, type Rule, type RuleHit } from '../types.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

interface SourceCheck {
  allowed: boolean;
}

/**
 * Whether one CSP source expression lets the page open `wss://<host><path>`.
 * CSP Level 3 (current Chrome and Firefox; Safari since WebKit's 2022 fix) matches `'self'` against
 * wss: on the page's own host and upgrades `ws:` sources to `wss:`; see docs/rules/csp-blocks-liveview-socket.md.
 */
function sourceAllows(src: string, host: string | null, path: string): SourceCheck {
  const s = src.toLowerCase();
  if (s === '*' || s === "'self'" || s === 'wss:' || s === 'ws:') return { allowed: true };
  const m = /^(wss?):\/\/([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(s);
  if (!m) return { allowed: false };
  const [, , srcHost, port, srcPath] = m;
  if (port && port !== '*' && port !== '443') return { allowed: false };
  if (LOCAL_HOSTS.has(srcHost!)) return { allowed: false };
  if (host) {
    const h = host.toLowerCase();
    const hostOk = srcHost === '*' || srcHost === h || (srcHost!.startsWith('*.') && h.endsWith(srcHost!.slice(1)));
    if (!hostOk) return { allowed: false };
  }
  if (srcPath && srcPath !== '/') {
    const ok = srcPath.endsWith('/') ? path.startsWith(srcPath) : path === srcPath;
    if (!ok) return { allowed: false };
  }
  return { allowed: true };
}

/** The plug that sets the CSP last for requests going through these plugs (later header writes win). */
function effectiveCsp(plugs: PlugRef[]): PlugRef | null {
  let found: PlugRef | null = null;
  for (const pg of plugs) {
    if (pg.name === 'put_secure_browser_headers' && secureHeadersCsp(pg).kind !== 'none') found = pg;
    else if (isCspPlugName(pg.name)) found = pg;
  }
  return found;
}

export const rule = {
  id: 'csp-blocks-liveview-socket',
  title: 'Content-Security-Policy blocks the LiveView websocket',
  category: 'web-security',
  severity: 'high',
  description:
    "LiveView pages connect back over a websocket (`wss://<host>/live/websocket`). When the CSP's `connect-src` (or, without it, `default-src`) does not allow that URL, the browser refuses the connection: pages render but never become interactive in production, while development (often without the CSP, or on ws://localhost) works.",
  fix: "Allow the socket in `connect-src`: keep `'self'` and add `wss://<your host>` (or `wss:`), e.g. `connect-src 'self' wss://example.com`.",
  equivalents: [],
  requires: ['endpoint', 'liveview'],
  messages: {
    connectSrc: 'the CSP\'s connect-src is "{{sources}}", which does not allow wss://{{host}}{{path}}: browsers refuse the LiveView websocket in production',
    defaultSrc:
      'the CSP\'s default-src (no connect-src, so it applies to connections) is "{{sources}}", which does not allow wss://{{host}}{{path}}: browsers refuse the LiveView websocket in production',
  },
  check(profile) {
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
    const livePath = `${endpointOf(profile)!.sockets.find((s) => s.module === 'Phoenix.LiveView.Socket')?.path ?? '/live'}/websocket`.replace(/\/\/+/g, '/');
    const hits: RuleHit[] = [];
    for (const { policy, evidence } of policies) {
      const directives = parseCspPolicy(policy);
      const name = directives.has('connect-src') ? 'connect-src' : directives.has('default-src') ? 'default-src' : null;
      if (!name) continue;
      const sources = directives.get(name)!;
      if (sources.some((s) => sourceAllows(s, host, livePath).allowed)) continue;
      const listed = sources.length ? sources.join(' ') : '(empty)';
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
} as const satisfies Rule;
