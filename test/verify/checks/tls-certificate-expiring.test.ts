import { check } from '../../../src/verify/checks/tls-certificate-expiring.js';
import { table } from '../harness.js';

table(check, {
  valid: [
    { name: '59 days left' },
    { name: 'exactly 21 days left', edit: (a) => void (a.tls!.chain[0]!.validTo = '2026-06-22T12:00:00.000Z') },
  ],
  invalid: [
    { name: '20 days left', edit: (a) => void (a.tls!.chain[0]!.validTo = '2026-06-21T12:00:00.000Z'), match: /expires on 2026-06-21, in 20 days/ },
    { name: 'expires tomorrow', edit: (a) => void (a.tls!.chain[0]!.validTo = '2026-06-02T13:00:00.000Z'), match: /in 1 day \(/ },
  ],
  notApplicable: [
    { name: 'already expired (the expired check reports it)', edit: (a) => void (a.tls!.chain[0]!.validTo = '2026-05-01T00:00:00.000Z'), match: /tls-certificate-expired/ },
    { name: 'plain HTTP site', edit: (a) => void (a.tls = null) },
  ],
});
