import { notApplicable } from '../../audit/types.js';
import { tlsEvidence } from '../tls-evidence.js';
import { defineCheck } from '../check.js';

const LEGACY = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

export const check = defineCheck({
  id: 'tls-legacy-protocol',
  title: 'Server accepts TLS older than 1.2',
  category: 'tls',
  severity: 'medium',
  description:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996): browsers no longer use them, and a server that still accepts them allows downgrade-prone, weak-cipher connections and fails compliance scans (PCI DSS requires TLS 1.2+).',
  fix: 'Allow only TLS 1.2 and 1.3 where TLS terminates (nginx `ssl_protocols TLSv1.2 TLSv1.3;`, the load balancer’s TLS policy, or `versions: [:"tlsv1.3", :"tlsv1.2"]` in the endpoint’s `https:` options).',
  equivalents: [],
  requires: ['tls'],
  messages: {
    negotiated: 'the server negotiated {{protocol}} with a modern client',
    accepted: 'the server completed a handshake that offered only TLS 1.0 and 1.1 (negotiated {{protocol}})',
  },
  check({ tls: t }) {
    if (t.protocol && LEGACY.has(t.protocol)) return [{ messageId: 'negotiated', data: { protocol: t.protocol }, evidence: [tlsEvidence(t, null, `negotiated ${t.protocol}`)] }];
    if (!t.legacy) return notApplicable('the legacy handshake was not attempted');
    if (!t.legacy.accepted) return [];
    return [
      {
        messageId: 'accepted',
        data: { protocol: t.legacy.protocol ?? 'a legacy version' },
        evidence: [{ ...tlsEvidence(t, null, `negotiated ${t.legacy.protocol ?? '?'}`), request: `TLS handshake with ${t.host}:${t.port} offering only TLS 1.0 and 1.1` }],
      },
    ];
  },
});
