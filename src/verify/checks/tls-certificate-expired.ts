import { notApplicable } from '../../audit/types.js';
import { tlsEvidence } from '../tls-evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'tls-certificate-expired',
  title: 'TLS certificate has expired',
  category: 'tls',
  severity: 'critical',
  description:
    'Browsers refuse an expired (or not yet valid) certificate with a full-page warning, API clients fail the handshake, and the LiveView socket never connects: the site is down for everyone.',
  fix: 'Renew the certificate and reload the server or load balancer that terminates TLS; automate renewal (ACME/Let’s Encrypt, the platform’s managed certificates) and alert well before expiry.',
  equivalents: [],
  requires: ['tls'],
  messages: {
    expired: 'the certificate for {{subject}} expired on {{date}}',
    expiredDaysAgo: 'the certificate for {{subject}} expired on {{date}} ({{days}} days ago)',
    notYetValid: 'the certificate for {{subject}} is not valid before {{date}}',
  },
  check({ artifacts: a, tls }) {
    const leaf = tls.chain[0];
    if (!leaf) return notApplicable('the server sent no certificate');
    const now = Date.parse(a.gatheredAt);
    const subject = leaf.subject || tls.host;
    const evidence = [tlsEvidence(tls, leaf)];
    if (now > Date.parse(leaf.validTo)) {
      const days = Math.floor((now - Date.parse(leaf.validTo)) / 86_400_000);
      const date = leaf.validTo.slice(0, 10);
      // How long ago it expired grows every day: the finding is the expired certificate.
      return [days > 0 ? { messageId: 'expiredDaysAgo', data: { subject, date, days }, snippet: subject, evidence } : { messageId: 'expired', data: { subject, date }, snippet: subject, evidence }];
    }
    if (now < Date.parse(leaf.validFrom)) return [{ messageId: 'notYetValid', data: { subject, date: leaf.validFrom.slice(0, 10) }, evidence }];
    return [];
  },
});
