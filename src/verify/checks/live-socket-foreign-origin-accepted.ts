import { notApplicable } from '../../audit/types.js';
import { upgradeEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'live-socket-foreign-origin-accepted',
  title: 'LiveView websocket accepts any Origin',
  category: 'web-security',
  severity: 'high',
  description:
    'Browsers send cookies with websocket upgrades from any site, and websockets are not covered by CORS. A socket that accepts a foreign Origin lets any web page a signed-in user visits open the user’s LiveView session and act as them (cross-site websocket hijacking).',
  fix: 'Remove `check_origin: false` from the prod endpoint config; leave the default (the url host) or list the real origins: `check_origin: ["https://<host>", "https://www.<host>"]`.',
  equivalents: [],
  requires: ['socket'],
  messages: {
    accepted: 'the LiveView socket upgraded (101) a request with the foreign Origin {{origin}}: any site can open it with a visitor\'s cookies',
  },
  check({ socket: s }) {
    if (!s.foreign) return notApplicable(`no LiveView socket found at ${s.path}/websocket`);
    if (s.foreign.status !== 101) return [];
    return [{ messageId: 'accepted', data: { origin: s.foreign.origin }, evidence: [upgradeEvidence(s.foreign)] }];
  },
});
