/**
 * TLS facts of a live site from two handshakes: one as a modern client would (protocol, the
 * certificate chain and OpenSSL's verdict on it, the host name check), and one offering only
 * TLS 1.0/1.1, to see whether the server still accepts them.
 */
import tls, { type PeerCertificate, type DetailedPeerCertificate } from 'node:tls';
import { networkError, sniName } from './http-client.js';
import type { CertInfo, NetworkError, TlsArtifact } from './types.js';

export interface TlsProbeOptions {
  host: string;
  port: number;
  timeoutMs: number;
  ca?: string[];
}

interface Handshake {
  socket: tls.TLSSocket | null;
  error: NetworkError | null;
}

function handshake(o: TlsProbeOptions, extra: tls.ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    let done = false;
    const servername = sniName(o.host);
    const socket = tls.connect({
      host: o.host,
      port: o.port,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      ...(servername ? { servername } : {}),
      // Node adds NODE_EXTRA_CA_CERTS to its default store only; a `ca` option replaces the store.
      ...(o.ca ? { ca: [...tls.rootCertificates, ...o.ca] } : {}),
      ...extra,
    });
    const finish = (h: Handshake) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(h);
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish({ socket: null, error: { code: 'ETIMEDOUT', message: `no TLS handshake within ${o.timeoutMs / 1000} s` } });
    }, o.timeoutMs);
    socket.once('secureConnect', () => finish({ socket, error: null }));
    socket.once('error', (e) => finish({ socket: null, error: networkError(e) }));
  });
}

function name(subject: PeerCertificate['subject'] | undefined): string {
  if (!subject) return '';
  const cn = subject.CN;
  const o = subject.O;
  return [Array.isArray(cn) ? cn.join(', ') : cn, Array.isArray(o) ? o.join(', ') : o].filter(Boolean).join(' / ');
}

function certInfo(c: PeerCertificate): CertInfo {
  return {
    subject: name(c.subject),
    issuer: name(c.issuer),
    altNames: (c.subjectaltname ?? '').split(/,\s*/).filter(Boolean),
    validFrom: new Date(c.valid_from).toISOString(),
    validTo: new Date(c.valid_to).toISOString(),
    fingerprint256: c.fingerprint256,
  };
}

function chainOf(leaf: DetailedPeerCertificate): CertInfo[] {
  const out: CertInfo[] = [];
  const seen = new Set<string>();
  let c: DetailedPeerCertificate | undefined = leaf;
  while (c && c.fingerprint256 && !seen.has(c.fingerprint256) && out.length < 10) {
    seen.add(c.fingerprint256);
    out.push(certInfo(c));
    c = c.issuerCertificate;
  }
  return out;
}

/** The main handshake; a network error here means the site cannot be checked (the caller reports it). */
export async function probeTls(o: TlsProbeOptions): Promise<{ tls: TlsArtifact | null; error: NetworkError | null }> {
  const main = await handshake(o, {});
  if (!main.socket) return { tls: null, error: main.error };
  const s = main.socket;
  const leaf = s.getPeerCertificate(true);
  const hasCert = !!leaf && Object.keys(leaf).length > 0;
  const hostError = hasCert ? (tls.checkServerIdentity(o.host, leaf)?.message ?? null) : 'the server sent no certificate';
  const art: TlsArtifact = {
    host: o.host,
    port: o.port,
    protocol: s.getProtocol(),
    cipher: s.getCipher()?.name ?? null,
    authorized: s.authorized,
    authorizationError: s.authorized ? null : String(s.authorizationError ?? 'unknown'),
    hostError,
    chain: hasCert ? chainOf(leaf) : [],
    legacy: null,
  };
  s.destroy();
  // Offer only TLS 1.0 and 1.1 (security level 0 so that OpenSSL 3 lets the client offer them at all).
  const old = await handshake(o, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
  art.legacy = old.socket ? { accepted: true, protocol: old.socket.getProtocol(), error: null } : { accepted: false, protocol: null, error: old.error?.code ?? null };
  old.socket?.destroy();
  return { tls: art, error: null };
}
