import { tlsEvidence } from '../tls-evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'tls-certificate-wrong-host',
  title: 'TLS certificate is not valid for the host',
  category: 'tls',
  severity: 'critical',
  description:
    'Browsers check that the certificate names the host in the address bar (its subjectAltName entries). A certificate for another name — the platform’s default, a staging domain, the apex without www — gets a full-page warning and fails every API client.',
  fix: 'Issue a certificate that covers this host (add it to the certificate’s names, or to the platform’s certificate list, e.g. `fly certs add <host>`), and make sure the server presents it for this name (SNI).',
  equivalents: [],
  requires: ['tls'],
  messages: {
    wrongHost: 'the certificate does not cover {{host}}: it names {{names}} ({{error}})',
  },
  check({ tls }) {
    const leaf = tls.chain[0] ?? null;
    if (!tls.hostError) return [];
    const names = leaf?.altNames.length ? leaf.altNames.join(', ') : leaf ? `only the subject "${leaf.subject}"` : 'no names';
    return [{ messageId: 'wrongHost', data: { host: tls.host, names, error: tls.hostError }, evidence: [tlsEvidence(tls, leaf)] }];
  },
});
