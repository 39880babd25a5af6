import { check } from '../../../src/verify/checks/live-socket-refused.js';
import type { Artifacts } from '../../../src/verify/types.js';
import { table } from '../harness.js';

const own = (status: number | null, code?: string) => (a: Artifacts) => {
  a.socket!.own.status = status;
  a.socket!.own.statusText = '';
  a.socket!.own.error = code ? { code, message: code } : null;
};

table(check, {
  valid: [
    { name: '101 with the own Origin' },
    {
      name: 'discovered without a profile',
      edit: (a) => {
        a.expect.liveView = null;
        a.markers.liveView = null;
      },
    },
  ],
  invalid: [
    {
      name: 'check_origin refuses the public host (PHX_HOST differs)',
      edit: (a) => {
        own(403)(a);
        a.expect.host = { value: 'example.com', evidence: { file: 'config/runtime.exs', line: 12 } };
      },
      match: /refused with 403 \(check_origin\); the endpoint's url host is "example\.com" \(config\/runtime\.exs:12\)/,
    },
    { name: 'check_origin refuses the own Origin although the url host is the public one', edit: own(403), match: /^LiveView socket wss:\/\/app\.example\.test\/live\/websocket\?vsn=2\.0\.0: the upgrade with Origin https:\/\/app\.example\.test is refused with 403 \(check_origin\)$/ },
    { name: 'the upgrade answers 502 (the proxy cannot reach the app)', edit: own(502), match: /the upgrade answers 502$/ },
    { name: 'no socket at /live (404)', edit: own(404), match: /there is no socket at \/live\/websocket \(404\)/ },
    { name: 'the proxy drops the Upgrade header', edit: own(400), match: /answers 400 \(a proxy in front may drop the Upgrade header\)/ },
    { name: 'no answer', edit: own(null, 'ETIMEDOUT'), match: /no answer: ETIMEDOUT/ },
  ],
  notApplicable: [
    { name: 'no LiveView', edit: (a) => void ((a.socket = null), (a.expect.liveView = false)), match: /no LiveView/ },
    {
      name: 'no LiveView evidence and the socket answers 404',
      edit: (a) => {
        a.expect.liveView = null;
        a.markers.liveView = null;
        own(404)(a);
      },
      match: /no LiveView found/,
    },
  ],
});
