import type { SocketRef } from '../../scan/profile.js';
import { kwGet, type Term } from '../../scan/term.js';
import { endpointSettings } from '../../facts/web.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

const isFalse = (t: Term | undefined) => t?.t === 'bool' && !t.v;

/** The socket's own check_origin (websocket / longpoll transport options, or the socket options). */
function socketCheckOrigins(s: SocketRef): Term[] {
  return [kwGet(kwGet(s.opts, 'websocket'), 'check_origin'), kwGet(kwGet(s.opts, 'longpoll'), 'check_origin'), kwGet(s.opts, 'check_origin')].filter((t): t is Term => !!t);
}

export const rule = defineRule({
  id: 'check-origin-disabled',
  title: 'WebSocket origin check is disabled',
  category: 'web-security',
  severity: 'high',
  description:
    "With `check_origin: false`, any website can open a websocket (LiveView, channels) to the app from the user's browser, with the user's cookies: cross-site websocket hijacking. It is usually set to silence a 403 behind a proxy, where the real fix is the right host.",
  fix: 'Remove `check_origin: false`; set `url: [host: …]` to the public host (PHX_HOST) or list the allowed origins, e.g. `check_origin: ["https://example.com", "https://www.example.com"]`.',
  equivalents: ['sobelow:Config.CSWH'],
  requires: ['endpoint'],
  messages: {
    endpointConfig: "check_origin: false for {{endpoint}} in {{file}} applies in prod: any site can open {{sockets}} with the user's cookies",
    socket: 'socket "{{path}}" ({{socket}}) in {{endpoint}} sets check_origin: false: any site can connect to it with the user\'s cookies',
  },
  check({ profile, endpoint: ep }) {
    const hits: Hit[] = [];
    // Endpoint config in prod: the last value set wins; a value set only under a non-env condition is a deliberate toggle.
    const sets = endpointSettings(profile, ['check_origin']);
    const last = sets[sets.length - 1];
    if (last && isFalse(last.value) && !last.call.conditional) {
      const inheriting = ep.sockets.filter((s) => socketCheckOrigins(s).length === 0);
      if (inheriting.length > 0) {
        hits.push({
          messageId: 'endpointConfig',
          data: { endpoint: ep.module, file: last.evidence.file, sockets: inheriting.map((s) => `${s.module} (${s.path})`).join(', ') },
          evidence: [last.evidence],
        });
      }
    }
    for (const s of ep.sockets) {
      if (!socketCheckOrigins(s).some(isFalse)) continue;
      hits.push({
        messageId: 'socket',
        data: { path: s.path, socket: s.module, endpoint: ep.module },
        evidence: [s.evidence],
      });
    }
    return hits;
  },
});
