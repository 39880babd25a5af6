import { check } from '../../../src/verify/checks/csp-blocks-live-socket.js';
import type { Artifacts } from '../../../src/verify/types.js';
import { pageEx, table } from '../harness.js';

const csp = (v: string) => (a: Artifacts) => void (pageEx(a).response!.headers['content-security-policy'] = v);

table(check, {
  valid: [
    { name: "'self' and wss://host in connect-src" },
    { name: "'self' alone (CSP3 covers ws/wss of the page origin)", edit: csp("default-src 'self'") },
    { name: 'wss: scheme source', edit: csp("default-src 'self'; connect-src wss:") },
    { name: 'ws: is upgraded to wss:', edit: csp("default-src 'none'; connect-src ws:") },
    { name: 'wildcard host', edit: csp("default-src 'self'; connect-src wss://*.example.test") },
    { name: 'a path that covers the socket', edit: csp("default-src 'self'; connect-src wss://app.example.test/live/") },
    { name: 'no fetch directive at all', edit: csp("frame-ancestors 'self'") },
    { name: 'no CSP (nothing blocks)', edit: (a) => void delete pageEx(a).response!.headers['content-security-policy'] },
  ],
  invalid: [
    { name: 'connect-src without the socket', edit: csp("default-src 'self'; connect-src https://api.stripe.com"), match: /connect-src 'https:\/\/api\.stripe\.com' does not allow wss:\/\/app\.example\.test\/live\/websocket/ },
    { name: 'https: is not wss:', edit: csp("default-src 'self'; connect-src https:") },
    { name: "default-src 'none'", edit: csp("default-src 'none'; script-src 'self'"), match: /default-src ''none''/ },
    { name: 'the wrong port', edit: csp("default-src 'self'; connect-src 'none'; connect-src wss://app.example.test:4000") },
    { name: 'a path that misses the socket', edit: csp("connect-src wss://app.example.test/api/") },
    { name: 'the second of two policies blocks it', edit: csp("default-src 'self', connect-src https://api.example.test") },
  ],
  notApplicable: [
    { name: 'no LiveView', edit: (a) => void (a.expect.liveView = false), match: /no LiveView/ },
    {
      name: 'unknown without a profile and no markers',
      edit: (a) => {
        a.expect.liveView = null;
        a.markers.liveView = null;
      },
    },
  ],
});
