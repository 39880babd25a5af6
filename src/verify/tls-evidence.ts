/** Evidence for TLS checks: the handshake and the certificate fact that decided. */
import type { FindingEvidence } from '../audit/types.js';
import type { CertInfo, TlsArtifact } from './types.js';

export function tlsOrigin(t: TlsArtifact): string {
  return `https://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

export function tlsEvidence(t: TlsArtifact, cert: CertInfo | null, detail?: string): FindingEvidence {
  const certText = cert
    ? `certificate "${cert.subject}" issued by "${cert.issuer}", valid ${cert.validFrom.slice(0, 10)} to ${cert.validTo.slice(0, 10)}${cert.altNames.length ? `, ${cert.altNames.join(', ')}` : ''}`
    : null;
  const response = [certText, detail].filter(Boolean).join('; ') || (t.protocol ?? 'handshake completed');
  return { file: tlsOrigin(t), line: 0, request: `TLS handshake with ${t.host}:${t.port}`, response };
}
