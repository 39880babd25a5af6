import type { SocketRef } from '../../scan/profile.js';
import { kwGet, type Term } from '../../scan/term.js';
import { endpointSettings } from '../../facts/web.js';
import { originCheckOff, socketCredentials, type OriginOff, type SocketCredentials } from '../../facts/socket-origin.js';
import type { Hit } from '../contract.js';
import type { Severity } from '../types.js';
import { defineRule } from '../rule.js';

/** The socket's own check_origin (websocket / longpoll transport options, or the socket options). */
function socketCheckOrigins(s: SocketRef): Term[] {
  return [kwGet(kwGet(s.opts, 'websocket'), 'check_origin'), kwGet(kwGet(s.opts, 'longpoll'), 'check_origin'), kwGet(s.opts, 'check_origin')].filter((t): t is Term => !!t);
}

/** Worst first: what a foreign page gains depends on whether the user's cookies can authenticate it. */
const RISK: Record<SocketCredentials, { severity: Severity; exposure: string }> = {
  custom: { severity: 'high', exposure: "its connect_info hands the conn (the user's cookies) to the app's own function, so a cross-site connection can act as the user" },
  unknown: { severity: 'medium', exposure: "its options could not be read, so whether the user's cookies authenticate it is unknown" },
  'csrf-session': { severity: 'low', exposure: 'the cookie session reaches it only with the CSRF token of a page of the app, so a foreign page cannot act as the user' },
  params: { severity: 'low', exposure: 'it receives no cookie, only the params the page sends (a token), so a foreign page cannot act as the user' },
};
const ORDER = Object.keys(RISK) as SocketCredentials[];

const howOff = (off: OriginOff) => (off.how === 'literal' ? 'check_origin: false' : `check_origin off by default (${off.env} unset)`);

function worst(sockets: readonly SocketRef[]): { credentials: SocketCredentials; sockets: SocketRef[] } {
  const kinds = sockets.map(socketCredentials);
  const credentials = ORDER.find((k) => kinds.includes(k)) ?? 'params';
  return { credentials, sockets: sockets.filter((_, i) => kinds[i] === credentials) };
}

export const rule = defineRule({
  id: 'check-origin-disabled',
  title: 'WebSocket origin check is disabled',
  category: 'web-security',
  severity: 'high',
  description:
    "With `check_origin: false`, any website can open a websocket (LiveView, channels) to the app from the user's browser. It is a cross-site websocket hijack when the user's cookies authenticate the connection: Phoenix passes the cookie session to a socket only with a valid CSRF token (LiveView, `connect_info: [session: …]`), so the risk is high only for a socket whose `connect_info` reads the conn itself; sockets that authenticate from params (a `Phoenix.Token`) get a low note. It is usually set to silence a 403 behind a proxy, where the real fix is the right host.",
  fix: 'Remove `check_origin: false`; set `url: [host: …]` to the public host (PHX_HOST) or list the allowed origins, e.g. `check_origin: ["https://example.com", "https://www.example.com"]`.',
  equivalents: ['sobelow:Config.CSWH'],
  requires: ['endpoint'],
  messages: {
    endpointConfig: '{{how}} for {{endpoint}} in {{file}} applies in prod: any site can open {{sockets}}; {{exposure}}',
    socket: 'socket "{{path}}" ({{socket}}) in {{endpoint}} sets {{how}}: any site can connect to it; {{exposure}}',
  },
  check({ profile, endpoint: ep }) {
    const hits: Hit[] = [];
    // Endpoint config in prod: the last value set wins; a value set only under a non-env condition is a deliberate toggle.
    const last = endpointSettings(profile, ['check_origin']).at(-1);
    const off = last && !last.call.conditional ? originCheckOff(last.value) : null;
    const inheriting = ep.sockets.filter((s) => socketCheckOrigins(s).length === 0);
    if (last && off && inheriting.length > 0) {
      const w = worst(inheriting);
      const ordered = [...w.sockets, ...inheriting.filter((s) => !w.sockets.includes(s))];
      hits.push({
        messageId: 'endpointConfig',
        data: { how: howOff(off), endpoint: ep.module, file: last.evidence.file, sockets: ordered.map((s) => `${s.module} (${s.path})`).join(', '), exposure: RISK[w.credentials].exposure },
        severity: RISK[w.credentials].severity,
        evidence: [last.evidence],
      });
    }
    for (const s of ep.sockets) {
      const own = socketCheckOrigins(s).map(originCheckOff).find((o) => o !== null);
      if (!own) continue;
      const risk = RISK[socketCredentials(s)];
      hits.push({
        messageId: 'socket',
        data: { how: howOff(own), path: s.path, socket: s.module, endpoint: ep.module, exposure: risk.exposure },
        severity: risk.severity,
        evidence: [s.evidence],
      });
    }
    return hits;
  },
});
