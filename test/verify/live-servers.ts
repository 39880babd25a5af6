/**
 * The live matrix: one nginx (TLS with test-made certificates) in front of one Phoenix stub per
 * variant, each variant on its own pair of loopback ports (HTTPS and plain HTTP). Started once per
 * test file and stopped by the returned `stop`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, PortInUseError, startNginx, type NginxServer } from '../helpers/nginx.js';
import { startStub, type Stub, type StubOptions } from '../helpers/phoenix-stub.js';
import { makeTestCa } from '../helpers/test-ca.js';

export type CertKind = 'good' | 'expired' | 'wrong-host' | 'expiring' | 'incomplete';

export interface Variant {
  stub?: Omit<StubOptions, 'httpsPort'>;
  cert?: CertKind;
  tls?: { protocols: string; ciphers: string };
  serverTokens?: boolean;
}

export interface Running {
  https: number;
  http: number;
  url: string;
  stub: Stub;
}

export interface LiveMatrix {
  ca: string;
  caFile: string;
  dir: string;
  variants: Record<string, Running>;
  nginxLog(): string;
  stop(): Promise<void>;
}

export async function startMatrix(variants: Record<string, Variant>): Promise<LiveMatrix> {
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-ops-verify-'));
  const ca = makeTestCa(join(dir, 'ca'));
  const certs: Record<CertKind, { cert: string; key: string }> = {
    good: (() => {
      const l = ca.leaf('good', { san: 'IP:127.0.0.1' });
      return { cert: l.fullchain, key: l.key };
    })(),
    expired: (() => {
      const l = ca.leaf('expired', { san: 'IP:127.0.0.1', start: '20200101000000Z', end: '20200201000000Z' });
      return { cert: l.fullchain, key: l.key };
    })(),
    'wrong-host': (() => {
      const l = ca.leaf('wrong-host', { san: 'DNS:wrong-host.test' });
      return { cert: l.fullchain, key: l.key };
    })(),
    expiring: (() => {
      const l = ca.leaf('expiring', { san: 'IP:127.0.0.1', days: 10 });
      return { cert: l.fullchain, key: l.key };
    })(),
    // The leaf alone, without its intermediate: the chain cannot be built from the trusted root.
    incomplete: (() => {
      const l = ca.leaf('incomplete', { san: 'IP:127.0.0.1' });
      return { cert: l.cert, key: l.key };
    })(),
  };
  // Ports are free when chosen, but a server of another test file may take one before nginx binds it:
  // then nginx exits, and the matrix starts again on new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(dir, certs, ca, variants);
    } catch (e) {
      if (!(e instanceof PortInUseError) || attempt === 3) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
}

async function startOn(dir: string, certs: Record<CertKind, { cert: string; key: string }>, ca: ReturnType<typeof makeTestCa>, variants: Record<string, Variant>): Promise<LiveMatrix> {
  const names = Object.keys(variants);
  const ports = await freePorts(names.length * 2);
  const running: Record<string, Running> = {};
  const blocks: NginxServer[] = [];
  const stubs: Stub[] = [];
  try {
    for (const [i, name] of names.entries()) {
      const v = variants[name]!;
      const https = ports[2 * i]!;
      const http = ports[2 * i + 1]!;
      const stub = await startStub({ httpsPort: https, ...v.stub });
      stubs.push(stub);
      const cert = certs[v.cert ?? 'good'];
      blocks.push({ port: https, upstream: stub.port, ssl: { ...cert, ...(v.tls ?? {}) }, serverTokens: v.serverTokens });
      blocks.push({ port: http, upstream: stub.port, serverTokens: v.serverTokens });
      running[name] = { https, http, url: `https://127.0.0.1:${https}/`, stub };
    }
    const nginx = await startNginx(join(dir, 'nginx'), blocks);
    return {
      ca: ca.rootPem,
      caFile: ca.rootFile,
      dir,
      variants: running,
      nginxLog: nginx.errorLog,
      async stop() {
        await nginx.stop();
        await Promise.all(stubs.map((s) => s.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await Promise.all(stubs.map((s) => s.close()));
    throw e;
  }
}
