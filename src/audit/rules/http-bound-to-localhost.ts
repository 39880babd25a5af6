import type { Term } from '../../scan/term.js';
import { endpointSettings } from '../../facts/web.js';
import { defineRule } from '../rule.js';

/** `{127, 0, 0, 1}` (any 127.x) or `{0, 0, 0, 0, 0, 0, 0, 1}` as a literal tuple, rendered; else null. */
function loopback(t: Term): string | null {
  if (t.t !== 'tuple' || !t.items.every((i) => i.t === 'int')) return null;
  const n = t.items.map((i) => (i.t === 'int' ? i.v : -1));
  if (n.length === 4 && n[0] === 127) return `{${n.join(', ')}}`;
  if (n.length === 8 && n.slice(0, 7).every((x) => x === 0) && n[7] === 1) return `{${n.join(', ')}}`;
  return null;
}

export const rule = defineRule({
  id: 'http-bound-to-localhost',
  title: 'Production endpoint listens on loopback only',
  category: 'runtime-config',
  severity: 'high',
  description:
    'An endpoint bound to 127.0.0.1 or ::1 only accepts connections from inside its own machine or container: the load balancer, the Fly proxy and Kubernetes probes cannot reach it.',
  fix: 'Bind every interface in prod: `http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port]` (IPv6 any, which also accepts IPv4) in config/runtime.exs.',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    loopback: '{{endpoint}} binds http ip {{ip}} in prod ({{file}}:{{line}}): only processes on the same host can connect, so proxies and health checks cannot reach it',
  },
  check({ profile, endpoint }) {
    const mod = endpoint.module;
    const sets = endpointSettings(profile, ['http', 'ip']);
    const last = sets.at(-1);
    // Only the value that wins, and only when it is set unconditionally (a conditional loopback bind is a deliberate choice).
    if (!last || last.call.conditional) return [];
    const ip = loopback(last.value);
    if (!ip) return [];
    return [
      {
        messageId: 'loopback',
        data: { endpoint: mod, ip, file: last.evidence.file, line: last.evidence.line },
        evidence: [last.evidence],
      },
    ];
  },
});
