import { check } from '../../../src/verify/checks/tls-certificate-expired.js';
import { table } from '../harness.js';

table(check, {
  valid: [
    { name: 'a certificate valid today' },
    { name: 'valid until the next day', edit: (a) => void (a.tls!.chain[0]!.validTo = '2026-06-02T00:00:00.000Z') },
  ],
  invalid: [
    { name: 'expired last month', edit: (a) => void (a.tls!.chain[0]!.validTo = '2026-05-01T00:00:00.000Z'), match: /expired on 2026-05-01 \(31 days ago\)/ },
    { name: 'expired earlier today', edit: (a) => void (a.tls!.chain[0]!.validTo = '2026-06-01T06:00:00.000Z'), match: /^the certificate for app\.example\.test expired on 2026-06-01$/ },
    { name: 'not valid yet', edit: (a) => void (a.tls!.chain[0]!.validFrom = '2026-06-10T00:00:00.000Z'), match: /not valid before 2026-06-10/ },
  ],
  notApplicable: [
    { name: 'plain HTTP site', edit: (a) => void (a.tls = null), match: /plain HTTP/ },
    { name: 'no certificate sent', edit: (a) => void (a.tls!.chain = []) },
  ],
});
