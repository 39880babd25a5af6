import { notApplicable } from '../../audit/types.js';
import { upgradeEvidence } from '../evidence.js';
import { usesLiveView } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'live-socket-refused',
  title: 'LiveView websocket is refused for the site’s own pages',
  category: 'networking',
  severity: 'critical',
  description:
    'Every LiveView page opens a websocket to `/live/websocket` with the page’s own Origin. If that upgrade does not answer 101, LiveView falls back to long-polling or, usually, keeps reconnecting: pages render but never become interactive. The usual causes are `check_origin` comparing against the wrong host (PHX_HOST unset or different from the public host) and proxies that drop the Upgrade header.',
  fix: 'Set PHX_HOST to the public host (the endpoint’s `url: [host: …]` is what `check_origin` compares with), or list the public origins in `check_origin: ["https://<host>"]`; make the proxy pass `Upgrade`/`Connection` headers (nginx: `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";`).',
  equivalents: [],
  requires: ['socket'],
  check(a) {
    const s = a.socket;
    if (!s) return notApplicable(a.expect.liveView === false ? 'the app uses no LiveView' : 'the socket was not probed (request budget)');
    if (s.own.status === 101) return [];
    if (usesLiveView(a) !== true) return notApplicable(`no LiveView found (the page has no data-phx-session and ${s.path}/websocket answers ${s.own.status ?? s.own.error?.code})`);
    const host = a.expect.host;
    const hostNote =
      host && host.value.toLowerCase() !== a.target.host.toLowerCase()
        ? `; the endpoint's url host is "${host.value}" (${host.evidence.file}:${host.evidence.line}), and check_origin compares the Origin with it`
        : '';
    let what: string;
    if (s.own.status === null) what = `the upgrade got no answer: ${s.own.error?.code ?? 'error'} (${s.own.error?.message ?? ''})`;
    else if (s.own.status === 403) what = `the upgrade with Origin ${s.own.origin} is refused with 403 (check_origin)${hostNote}`;
    else if (s.own.status === 404) what = `there is no socket at ${s.path}/websocket (404): the endpoint mounts Phoenix.LiveView.Socket elsewhere, or a proxy routes it away`;
    else what = `the upgrade answers ${s.own.status}${s.own.status === 400 || s.own.status === 426 ? ' (a proxy in front may drop the Upgrade header)' : ''}`;
    return [{ message: `LiveView socket ${s.own.url}: ${what}`, evidence: [upgradeEvidence(s.own)] }];
  },
} as const satisfies VerifyCheck;
