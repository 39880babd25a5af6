import { check } from '../../../src/verify/checks/tls-legacy-protocol.js';
import { table } from '../harness.js';

table(check, {
  valid: [
    { name: 'TLS 1.3, legacy handshake refused' },
    { name: 'TLS 1.2, legacy handshake refused', edit: (a) => void (a.tls!.protocol = 'TLSv1.2') },
  ],
  invalid: [
    { name: 'accepts a TLS 1.0/1.1-only handshake', edit: (a) => void (a.tls!.legacy = { accepted: true, protocol: 'TLSv1.1', error: null }), match: /offered only TLS 1\.0 and 1\.1 \(negotiated TLSv1\.1\)/ },
    { name: 'negotiates TLS 1.0 with a modern client', edit: (a) => void (a.tls!.protocol = 'TLSv1'), match: /negotiated TLSv1 with a modern client/ },
  ],
  notApplicable: [
    { name: 'plain HTTP site', edit: (a) => void (a.tls = null) },
    { name: 'legacy handshake not attempted', edit: (a) => void (a.tls!.legacy = null) },
  ],
});
