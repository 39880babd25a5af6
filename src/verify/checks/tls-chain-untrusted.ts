import { tlsEvidence } from '../tls-evidence.js';
import { defineCheck } from '../check.js';

/** OpenSSL verdicts other checks report (dates, host name), so this check does not repeat them. */
const OTHER_CHECKS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']);
const INCOMPLETE = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);
const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);

export const check = defineCheck({
  id: 'tls-chain-untrusted',
  title: 'TLS certificate chain is incomplete or untrusted',
  category: 'tls',
  severity: 'critical',
  description:
    'Clients trust a certificate only through a chain to a root they know. A server that sends its certificate without the intermediate works in browsers that cached the intermediate and fails everywhere else (curl, mobile apps, webhooks, other browsers); a self-signed or private-CA certificate fails for every visitor.',
  fix: 'Serve the full chain: the certificate followed by its intermediates (the "fullchain" file of ACME clients, `ssl_certificate` pointing at it in nginx), issued by a public CA.',
  equivalents: [],
  requires: ['tls'],
  messages: {
    incomplete: 'the chain is incomplete or its issuer is unknown: the certificate is issued by {{issuer}}, and neither that issuer\'s certificate was sent nor is it a trusted root ({{error}})',
    selfSigned: 'the chain ends in a self-signed certificate that is not a trusted root ({{error}})',
    untrusted: 'the chain does not verify: {{error}}',
  },
  check({ tls }) {
    const err = tls.authorizationError;
    if (tls.authorized || !err || OTHER_CHECKS.has(err)) return [];
    const leaf = tls.chain[0] ?? null;
    const evidence = [tlsEvidence(tls, leaf, `verification: ${err}`)];
    if (INCOMPLETE.has(err)) return [{ messageId: 'incomplete', data: { issuer: leaf?.issuer ? `"${leaf.issuer}"` : 'its issuer', error: err }, evidence }];
    return [{ messageId: SELF_SIGNED.has(err) ? 'selfSigned' : 'untrusted', data: { error: err }, evidence }];
  },
});
