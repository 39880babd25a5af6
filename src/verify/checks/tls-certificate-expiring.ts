import { notApplicable } from '../../audit/types.js';
import { daysBetween } from '../queries.js';
import { tlsEvidence } from '../tls-evidence.js';
import type { VerifyCheck } from '../types.js';

/** Warn this many days before expiry: three weeks leaves time for a failed automatic renewal to be noticed and fixed. */
export const EXPIRY_WARNING_DAYS = 21;

export const check = {
  id: 'tls-certificate-expiring',
  title: 'TLS certificate expires soon',
  category: 'tls',
  severity: 'medium',
  description:
    'A certificate that expires within three weeks usually means automatic renewal is failing; when it lapses the site goes down for every browser and client at once.',
  fix: 'Renew the certificate now and find out why automatic renewal did not (ACME challenge blocked, DNS record changed, the renewal job not running); alert at 21 days.',
  equivalents: [],
  requires: ['tls'],
  check(a) {
    if (!a.tls) return notApplicable('the site is served over plain HTTP');
    const leaf = a.tls.chain[0];
    if (!leaf) return notApplicable('the server sent no certificate');
    const days = daysBetween(a.gatheredAt, leaf.validTo);
    if (Date.parse(a.gatheredAt) > Date.parse(leaf.validTo)) return notApplicable('the certificate has already expired (see tls-certificate-expired)');
    if (days >= EXPIRY_WARNING_DAYS) return [];
    return [
      {
        message: `the certificate for ${leaf.subject || a.tls.host} expires on ${leaf.validTo.slice(0, 10)}, in ${days} day${days === 1 ? '' : 's'} (warning below ${EXPIRY_WARNING_DAYS})`,
        evidence: [tlsEvidence(a.tls, leaf)],
      },
    ];
  },
} as const satisfies VerifyCheck;
