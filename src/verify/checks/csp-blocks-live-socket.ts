import { notApplicable } from '../../audit/types.js';
import { socketBlockedBy, type SocketTarget } from '../../scan/csp.js';
import { enforcedPolicies } from '../csp.js';
import { headerEvidence } from '../evidence.js';
import { usesLiveView } from '../queries.js';
import { defineCheck } from '../check.js';

const DEFAULT_PORT: Readonly<Record<string, number>> = { 'ws:': 80, 'wss:': 443, 'http:': 80, 'https:': 443 };
const portOf = (u: URL) => (u.port ? Number(u.port) : (DEFAULT_PORT[u.protocol] ?? 443));

/** The LiveView socket of a page, as CSP matching sees it (scan/csp.ts). */
function socketOf(page: URL, socketPath: string): { url: URL; target: SocketTarget } {
  const url = new URL(`${socketPath}/websocket`, page.origin);
  const secure = page.protocol === 'https:';
  url.protocol = secure ? 'wss:' : 'ws:';
  const target: SocketTarget = {
    scheme: secure ? 'wss:' : 'ws:',
    host: url.hostname.toLowerCase(),
    port: portOf(url),
    path: decodeURIComponent(url.pathname),
    pageScheme: secure ? 'https:' : 'http:',
    sameOrigin: page.hostname === url.hostname && portOf(page) === portOf(url),
  };
  return { url, target };
}

export const check = defineCheck({
  id: 'csp-blocks-live-socket',
  title: 'Content-Security-Policy blocks the LiveView websocket',
  category: 'web-security',
  severity: 'critical',
  description:
    'A LiveView page renders over HTTP, then connects to `wss://<host>/live/websocket`. The browser checks that connection against the CSP’s `connect-src` (else `default-src`); when the policy does not allow it, pages look right but never become interactive — buttons, forms and navigation do nothing.',
  fix: 'Allow the socket in `connect-src`: keep `\'self\'` and add `wss://<host>` (older Safari does not extend `\'self\'` to websockets).',
  equivalents: [],
  requires: ['liveView', 'htmlPage'],
  messages: {
    blocked: "{{directive}} '{{sources}}' does not allow {{socket}}: the browser blocks the LiveView socket",
  },
  check({ artifacts: a, htmlPage: ex }) {
    if (usesLiveView(a) === null) return notApplicable('the page shows no LiveView (data-phx-session) and no profile says the app uses it');
    const page = new URL(ex.request.url);
    const socket = socketOf(page, a.expect.socketPath);
    for (const policy of enforcedPolicies(ex.response)) {
      const blocked = socketBlockedBy(policy, socket.target);
      if (!blocked) continue;
      return [
        {
          messageId: 'blocked',
          data: { directive: blocked.directive, sources: blocked.sources.join(' ') || '(empty)', socket: socket.url.href },
          // The policy is what the user edits to fix it: the finding is which directive blocks the socket.
          snippet: `${blocked.directive} ${socket.target.path}`,
          evidence: [headerEvidence(ex, 'content-security-policy')],
        },
      ];
    }
    return [];
  },
});
