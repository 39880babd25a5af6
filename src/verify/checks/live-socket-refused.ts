import type { Hit } from '../../audit/contract.js';
import { notApplicable } from '../../audit/types.js';
import { upgradeEvidence } from '../evidence.js';
import { usesLiveView } from '../queries.js';
import { defineCheck } from '../check.js';
import type { Artifacts, SocketArtifact } from '../types.js';

/** Why the site's own upgrade was refused, as specific as the answer allows. */
function refusal(a: Artifacts, s: SocketArtifact): Hit {
  const own = s.own;
  const evidence = [upgradeEvidence(own)];
  const url = own.url;
  if (own.status === null) return { messageId: 'noAnswer', data: { url, code: own.error?.code ?? 'error', error: own.error?.message ?? '' }, evidence };
  if (own.status === 403) {
    const host = a.expect.host;
    if (host && host.value.toLowerCase() !== a.target.host.toLowerCase()) {
      return { messageId: 'forbiddenOtherHost', data: { url, origin: own.origin, host: host.value, file: host.evidence.file, line: host.evidence.line }, evidence };
    }
    return { messageId: 'forbidden', data: { url, origin: own.origin }, evidence };
  }
  if (own.status === 404) return { messageId: 'notFound', data: { url, path: s.path }, evidence };
  return { messageId: own.status === 400 || own.status === 426 ? 'proxyStatus' : 'status', data: { url, status: own.status }, evidence };
}

export const check = defineCheck({
  id: 'live-socket-refused',
  title: 'LiveView websocket is refused for the site’s own pages',
  category: 'networking',
  severity: 'critical',
  description:
    'Every LiveView page opens a websocket to `/live/websocket` with the page’s own Origin. If that upgrade does not answer 101, LiveView falls back to long-polling or, usually, keeps reconnecting: pages render but never become interactive. The usual causes are `check_origin` comparing against the wrong host (PHX_HOST unset or different from the public host) and proxies that drop the Upgrade header.',
  fix: 'Set PHX_HOST to the public host (the endpoint’s `url: [host: …]` is what `check_origin` compares with), or list the public origins in `check_origin: ["https://<host>"]`; make the proxy pass `Upgrade`/`Connection` headers (nginx: `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";`).',
  equivalents: [],
  requires: ['socket'],
  messages: {
    noAnswer: 'LiveView socket {{url}}: the upgrade got no answer: {{code}} ({{error}})',
    forbidden: 'LiveView socket {{url}}: the upgrade with Origin {{origin}} is refused with 403 (check_origin)',
    forbiddenOtherHost: 'LiveView socket {{url}}: the upgrade with Origin {{origin}} is refused with 403 (check_origin); the endpoint\'s url host is "{{host}}" ({{file}}:{{line}}), and check_origin compares the Origin with it',
    notFound: 'LiveView socket {{url}}: there is no socket at {{path}}/websocket (404): the endpoint mounts Phoenix.LiveView.Socket elsewhere, or a proxy routes it away',
    status: 'LiveView socket {{url}}: the upgrade answers {{status}}',
    proxyStatus: 'LiveView socket {{url}}: the upgrade answers {{status}} (a proxy in front may drop the Upgrade header)',
  },
  check({ artifacts: a, socket: s }) {
    if (s.own.status === 101) return [];
    if (usesLiveView(a) !== true) return notApplicable(`no LiveView found (the page has no data-phx-session and ${s.path}/websocket answers ${s.own.status ?? s.own.error?.code})`);
    return [refusal(a, s)];
  },
});
