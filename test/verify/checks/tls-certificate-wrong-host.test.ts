import { check } from '../../../src/verify/checks/tls-certificate-wrong-host.js';
import { table } from '../harness.js';

table(check, {
  valid: [{ name: 'the certificate names the host' }],
  invalid: [
    {
      name: 'a certificate for another name',
      edit: (a) => {
        a.tls!.chain[0]!.altNames = ['DNS:other.example.test'];
        a.tls!.hostError = "Hostname/IP does not match certificate's altnames: Host: app.example.test. is not in the cert's altnames: DNS:other.example.test";
      },
      match: /does not cover app\.example\.test: it names DNS:other\.example\.test/,
    },
  ],
  notApplicable: [{ name: 'plain HTTP site', edit: (a) => void (a.tls = null) }],
});
