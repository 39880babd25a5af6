import { notApplicable } from '../../audit/types.js';
import { tlsEvidence } from '../tls-evidence.js';
import type { VerifyCheck } from '../types.js';

export const check = {
  id: 'tls-certificate-expired',
  title: 'TLS certificate has expired',
  category: 'tls',
  severity: 'critical',
  description:
    'Browsers refuse an expired (or not yet valid) certificate with a full-page warning, API clients fail the handshake, and the LiveView socket never connects: the site is down for everyone.',
  fix: 'Renew the certificate and reload the server or load balancer that terminates TLS; automate renewal (ACME/Let’s Encrypt, the platform’s managed certificates) and alert well before expiry.',
  equivalents: [],
  requires: ['tls'],
  check(a) {
    if (!a.tls) return notApplicable('the site is served over plain HTTP');
    const leaf = a.tls.chain[0];
    if (!leaf) return notApplicable('the server sent no certificate');
    const now = Date.parse(a.gatheredAt);
    if (now > Date.parse(leaf.validTo)) {
      const days = Math.floor((now - Date.parse(leaf.validTo)) / 86_400_000);
      return [{ message: `the certificate for ${leaf.subject || a.tls.host} expired on ${leaf.validTo.slice(0, 10)}${days > 0 ? ` (${days} days ago)` : ''}`, evidence: [tlsEvidence(a.tls, leaf)] }];
    }
    if (now < Date.parse(leaf.validFrom)) {
      return [{ message: `the certificate for ${leaf.subject || a.tls.host} is not valid before ${leaf.validFrom.slice(0, 10)}`, evidence: [tlsEvidence(a.tls, leaf)] }];
    }
    return [];
  },
} as const satisfies VerifyCheck;
