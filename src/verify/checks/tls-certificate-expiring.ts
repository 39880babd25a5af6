import { notApplicable } from '../../audit/types.js';
import { daysBetween } from '../queries.js';
import { tlsEvidence } from '../tls-evidence.js';
import { defineCheck } from '../check.js';

/** Warn this many days before expiry: three weeks leaves time for a failed automatic renewal to be noticed and fixed. */
const EXPIRY_WARNING_DAYS = 21;

export const check = defineCheck({
  id: 'tls-certificate-expiring',
  title: 'TLS certificate expires soon',
  category: 'tls',
  severity: 'medium',
  description:
    'A certificate that expires within three weeks usually means automatic renewal is failing; when it lapses the site goes down for every browser and client at once.',
  fix: 'Renew the certificate now and find out why automatic renewal did not (ACME challenge blocked, DNS record changed, the renewal job not running); alert at 21 days.',
  equivalents: [],
  requires: ['tls'],
  messages: {
    expiring: 'the certificate for {{subject}} expires on {{date}}, in {{days}} {{dayWord}} (warning below {{limit}})',
  },
  check({ artifacts: a, tls }) {
    const leaf = tls.chain[0];
    if (!leaf) return notApplicable('the server sent no certificate');
    const days = daysBetween(a.gatheredAt, leaf.validTo);
    if (Date.parse(a.gatheredAt) > Date.parse(leaf.validTo)) return notApplicable('the certificate has already expired (see tls-certificate-expired)');
    if (days >= EXPIRY_WARNING_DAYS) return [];
    const subject = leaf.subject || tls.host;
    return [
      {
        messageId: 'expiring',
        data: { subject, date: leaf.validTo.slice(0, 10), days, dayWord: days === 1 ? 'day' : 'days', limit: EXPIRY_WARNING_DAYS },
        // The days left count down with every run: the finding is the certificate about to expire.
        snippet: `${subject} ${leaf.validTo.slice(0, 10)}`,
        evidence: [tlsEvidence(tls, leaf)],
      },
    ];
  },
});
