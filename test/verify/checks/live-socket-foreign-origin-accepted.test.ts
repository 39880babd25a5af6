import { check } from '../../../src/verify/checks/live-socket-foreign-origin-accepted.js';
import { table } from '../harness.js';

table(check, {
  valid: [
    { name: '403 for a foreign Origin' },
    // Refusing every Origin is a different problem (live-socket-refused), not this one.
    { name: 'refused for both origins', edit: (a) => void (a.socket!.own.status = 403) },
  ],
  invalid: [{ name: 'check_origin: false', edit: (a) => void (a.socket!.foreign!.status = 101), match: /upgraded \(101\) a request with the foreign Origin https:\/\/phoenix-ops-verify\.invalid/ }],
  notApplicable: [
    { name: 'no socket found', edit: (a) => void (a.socket!.foreign = null), match: /no LiveView socket found/ },
    { name: 'the app has no LiveView', edit: (a) => void ((a.socket = null), (a.expect.liveView = false)) },
  ],
});
