import { notApplicable } from '../../audit/types.js';
import { tlsEvidence } from '../tls-evidence.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'tls-certificate-wrong-host',
  title: 'TLS certificate is not valid for the host',
  category: 'tls',
  severity: 'critical',
  description:
    'Browsers check that the certificate names the host in the address bar (its subjectAltName entries). A certificate for another name — the platform’s default, a staging domain, the apex without www — gets a full-page warning and fails every API client.',
  fix: 'Issue a certificate that covers this host (add it to the certificate’s names, or to the platform’s certificate list, e.g. `fly certs add <host>`), and make sure the server presents it for this name (SNI).',
  equivalents: [],
  requires: ['tls'],
  check(a) {
    if (!a.tls) return notApplicable('the site is served over plain HTTP');
    const leaf = a.tls.chain[0] ?? null;
    if (!a.tls.hostError) return [];
    const names = leaf?.altNames.length ? leaf.altNames.join(', ') : leaf ? `only the subject "${leaf.subject}"` : 'no names';
    return [{ message: `the certificate does not cover ${a.tls.host}: it names ${names} (${a.tls.hostError})`, evidence: [tlsEvidence(a.tls, leaf)] }];
  },
} as const satisfies VerifyCheck;
