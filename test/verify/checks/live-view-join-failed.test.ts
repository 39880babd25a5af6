import { check } from '../../../src/verify/checks/live-view-join-failed.js';
import { table } from '../harness.js';

table(check, {
  valid: [
    { name: 'phx_reply ok' },
    { name: 'mount redirects to sign-in', edit: (a) => void (a.socket!.join!.reply = { status: 'error', response: { redirect: { to: '/users/log_in' } } }) },
    { name: 'mount live-redirects', edit: (a) => void (a.socket!.join!.reply = { status: 'error', response: { live_redirect: { to: '/home', kind: 'push' } } }) },
  ],
  invalid: [
    { name: 'stale session token', edit: (a) => void (a.socket!.join!.reply = { status: 'error', response: { reason: 'stale' } }), match: /joining lv:phx-F1 is refused: stale/ },
    { name: 'unauthorized', edit: (a) => void (a.socket!.join!.reply = { status: 'error', response: { reason: 'unauthorized' } }), match: /refused: unauthorized/ },
    { name: 'mount crashes', edit: (a) => void ((a.socket!.join!.reply = null), (a.socket!.join!.failure = 'the channel answered phx_error')), match: /failed: the channel answered phx_error/ },
  ],
  notApplicable: [
    { name: 'no CSRF token on the page', edit: (a) => void ((a.socket!.join = null), (a.socket!.joinSkipped = 'the page gives no CSRF token (meta csrf-token)')), match: /no CSRF token/ },
    { name: 'no reply in time', edit: (a) => void ((a.socket!.join!.reply = null), (a.socket!.join!.timedOut = true)) },
  ],
});
