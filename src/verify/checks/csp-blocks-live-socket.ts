import { notApplicable } from '../../audit/types.js';
import { connectSources, enforcedPolicies, sourceAllows } from '../csp.js';
import { headerEvidence } from '../evidence.js';
import { htmlPage, usesLiveView } from '../queries.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'csp-blocks-live-socket',
  title: 'Content-Security-Policy blocks the LiveView websocket',
  category: 'web-security',
  severity: 'critical',
  description:
    'A LiveView page renders over HTTP, then connects to `wss://<host>/live/websocket`. The browser checks that connection against the CSP’s `connect-src` (else `default-src`); when the policy does not allow it, pages look right but never become interactive — buttons, forms and navigation do nothing.',
  fix: 'Allow the socket in `connect-src`: keep `\'self\'` and add `wss://<host>` (older Safari does not extend `\'self\'` to websockets).',
  equivalents: [],
  requires: ['page'],
  check(a) {
    const live = usesLiveView(a);
    if (live === false) return notApplicable('the app uses no LiveView');
    const p = htmlPage(a);
    if ('na' in p) return notApplicable(p.na);
    if (live === null) return notApplicable('the page shows no LiveView (data-phx-session) and no profile says the app uses it');
    const ex = p.ok;
    const page = new URL(ex.request.url);
    const socket = new URL(`${a.expect.socketPath}/websocket`, page.origin);
    socket.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
    for (const policy of enforcedPolicies(ex.response)) {
      const c = connectSources(policy);
      if (!c || c.sources.some((s) => sourceAllows(s, page, socket))) continue;
      return [
        {
          message: `${c.directive} '${c.sources.join(' ') || "(empty)"}' does not allow ${socket.href}: the browser blocks the LiveView socket`,
          evidence: [headerEvidence(ex, 'content-security-policy')],
        },
      ];
    }
    return [];
  },
} as const satisfies VerifyCheck;
