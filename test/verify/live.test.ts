/**
 * verify against real servers: Debian's nginx terminating TLS with certificates made by openssl at
 * test time, in front of a Node stub that answers like a Phoenix app (HTTP and the LiveView socket
 * handshake), in a good variant and one broken variant per check. Each variant must produce exactly
 * its expected findings, the good one none. Only 127.0.0.1. Costs ~5–10 s (nginx start, ~25 runs of
 * ~25 requests each, a few CLI processes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify, VerifyError } from '../../src/verify/index.js';
import { scan } from '../../src/scan/index.js';
import { runCliAsync } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';
import { startMatrix, type LiveMatrix, type Variant } from './live-servers.js';

interface Case extends Variant {
  expected: string[];
  /** Run the rate-limit burst against /users/log_in. */
  probe?: boolean;
}

const CASES: Record<string, Case> = {
  good: { expected: [], probe: true },
  'no-hsts': { stub: { hsts: null }, expected: ['hsts-header-missing'] },
  'hsts-short': { stub: { hsts: 'max-age=86400' }, expected: ['hsts-max-age-short'] },
  // force_ssl without rewrite_on behind the TLS-terminating proxy: every request redirects to itself.
  'redirect-loop': { stub: { forceSsl: 'ignore-proxy' }, expected: ['redirect-loop'] },
  'csp-without-wss': { stub: { csp: "default-src 'self'; connect-src https://api.example.test" }, expected: ['csp-blocks-live-socket'] },
  'socket-any-origin': { stub: { checkOrigin: false }, expected: ['live-socket-foreign-origin-accepted'] },
  'socket-wrong-host': { stub: { checkOrigin: 'app.example.test' }, expected: ['live-socket-refused'] },
  'join-stale': { stub: { joinReply: 'stale' }, expected: ['live-view-join-failed'] },
  'cookie-without-flags': { stub: { cookieFlags: '' }, expected: ['session-cookie-flags-missing'] },
  'health-behind-redirect': { stub: { healthRedirect: true }, expected: ['health-check-redirects'] },
  'health-503': { stub: { healthStatus: 503 }, expected: ['health-check-failing'] },
  'database-down': { stub: { readiness: 'down' }, expected: ['readiness-not-ready'] },
  'no-429': { stub: { rateLimit: null }, expected: ['rate-limit-not-observed'], probe: true },
  'no-secure-headers': { stub: { secureHeaders: false, csp: null }, expected: ['csp-header-missing', 'frame-protection-missing', 'nosniff-header-missing', 'referrer-policy-missing'] },
  'http-served': { stub: { forceSsl: 'off' }, expected: ['http-not-redirected-to-https'] },
  'http-302': { stub: { forceSsl: 'temporary' }, expected: ['https-redirect-improper'] },
  'page-500': { stub: { pageStatus: 500 }, expected: ['page-not-served'] },
  'cert-expired': { cert: 'expired', expected: ['tls-certificate-expired'] },
  'cert-wrong-host': { cert: 'wrong-host', expected: ['tls-certificate-wrong-host'] },
  'cert-expiring': { cert: 'expiring', expected: ['tls-certificate-expiring'] },
  'chain-incomplete': { cert: 'incomplete', expected: ['tls-chain-untrusted'] },
  'tls-1.0': { tls: { protocols: 'TLSv1 TLSv1.1 TLSv1.2 TLSv1.3', ciphers: 'DEFAULT:@SECLEVEL=0' }, expected: ['tls-legacy-protocol'] },
  'server-tokens': { serverTokens: true, expected: ['server-version-exposed'] },
};

let m: LiveMatrix;

beforeAll(async () => {
  m = await startMatrix(CASES);
});

afterAll(async () => {
  await m?.stop();
});

const run = (name: string, extra: Parameters<typeof verify>[1] = {}) =>
  verify(m.variants[name]!.url, { ca: m.ca, httpPort: m.variants[name]!.http, ...(CASES[name]!.probe ? { rateLimitProbe: '/users/log_in' } : {}), ...extra });

describe('verify: the good and broken deployments', () => {
  it.each(Object.entries(CASES).map(([name, c]) => [name, c.expected] as const))('%s → %j', async (name, expected) => {
    const r = await run(name);
    const ids = [...new Set(r.findings.map((f) => f.ruleId))].sort();
    expect(ids, JSON.stringify(r.findings.map((f) => f.message))).toEqual([...expected].sort());
    // Every finding points at the request that decided, never at nothing.
    for (const f of r.findings) {
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) expect(e.request).toBeTruthy();
      expect(f.docs).toBe(`docs/verify/${f.ruleId}.md`);
    }
    expect(r.requests.used).toBeLessThanOrEqual(60);
  });

  it('the good deployment is fully checked, not passed by default', async () => {
    const r = await run('good');
    expect(r.score).toBe(100);
    expect(r.liveView).toBe(true);
    expect(r.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(r.latency).toMatchObject({ path: '/health', samples: 10 });
    expect(r.latency!.p95Ms).toBeGreaterThanOrEqual(r.latency!.p50Ms);
    // Only the database check is left undecided without a project (it needs to know the app has one).
    expect(r.notApplicable.map((n) => n.ruleId)).toEqual(['readiness-ignores-database']);
  });

  it('minds its manners: GET only (plus the explicit burst), its own User-Agent, a bounded burst', async () => {
    const v = m.variants['no-429']!;
    const before = v.stub.seen.length;
    const r = await run('no-429');
    const seen = v.stub.seen.slice(before);
    expect(seen.every((s) => /^phoenix-ops\/\d+\.\d+\.\d+ /.test(s.userAgent))).toBe(true);
    expect(new Set(seen.map((s) => s.method))).toEqual(new Set(['GET', 'UPGRADE', 'POST']));
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts.length).toBe(30);
    expect(posts.every((s) => s.url === '/users/log_in')).toBe(true);
    expect(r.requests.used).toBeLessThanOrEqual(60);
    // The foreign-origin upgrade was really sent, and the own one carried the site's origin.
    const upgrades = seen.filter((s) => s.method === 'UPGRADE').map((s) => s.origin);
    expect(upgrades).toEqual([`https://127.0.0.1:${v.https}`, 'https://phoenix-ops-verify.invalid']);
  });

  it('the burst stops at the first 429', async () => {
    const v = m.variants.good!;
    const before = v.stub.seen.length;
    await run('good');
    const posts = v.stub.seen.slice(before).filter((s) => s.method === 'POST');
    // The stub allows 5 attempts per run of the server; the burst of this run ends on its first 429.
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(posts.length).toBeLessThanOrEqual(6);
  });

  it('a request budget below what the run needs stops the gatherer and says so', async () => {
    const r = await run('good', { maxRequests: 8 });
    expect(r.requests.used).toBe(8);
    expect(r.notApplicable.some((n) => /budget/.test(n.reason))).toBe(true);
  });

  it('a plain-HTTP URL that redirects to HTTPS verifies the HTTPS site', async () => {
    const v = m.variants.good!;
    const r = await verify(`http://127.0.0.1:${v.http}/`, { ca: m.ca });
    expect(r.url).toBe(v.url);
    expect(r.findings).toEqual([]);
    expect(r.tls).not.toBeNull();
  });

  it('without the test CA the same certificate is untrusted', async () => {
    const r = await verify(m.variants.good!.url, { httpPort: m.variants.good!.http, only: ['tls-chain-untrusted'] });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['tls-chain-untrusted']);
  });
});

describe('verify with the project (DIR)', () => {
  it('reads health, readiness, session cookie and host from the profile', async () => {
    const dir = makeProject({
      'lib/hello_phoenix_web/router.ex': (t) =>
        t.replace('  # Other scopes may use custom stacks.', '  scope "/", HelloPhoenixWeb do\n    get "/healthz", HealthController, :index\n    get "/readyz", HealthController, :ready\n  end\n\n  # Other scopes may use custom stacks.'),
      'config/runtime.exs': (t) => t.replace('url: [host: host, port: 443, scheme: "https"]', 'url: [host: "app.example.test", port: 443, scheme: "https"]'),
    });
    const profile = await scan(dir);
    const r = await run('socket-wrong-host', { profile });
    expect(r.expectations).toBe('profile');
    const byId = Object.fromEntries(r.findings.map((f) => [f.ruleId, f]));
    expect(Object.keys(byId).sort()).toEqual(['health-check-failing', 'live-socket-refused', 'readiness-not-ready']);
    expect(byId['health-check-failing']!.message).toContain('GET /healthz (health path from the router) answers 404');
    expect(byId['readiness-not-ready']!.message).toContain('GET /readyz answers 404');
    expect(byId['live-socket-refused']!.message).toMatch(/url host is "app\.example\.test" \(config\/runtime\.exs:\d+\)/);
  });

  it('the example app against the good deployment has no findings, and its database makes readiness checkable', async () => {
    const profile = await scan(makeProject({}));
    const r = await run('good', { profile, readinessPath: '/ready' });
    expect(r.findings).toEqual([]);
    expect(r.notApplicable.map((n) => n.ruleId)).not.toContain('readiness-ignores-database');
  });
});

describe('verify errors', () => {
  it('refused connection, bad URL, DNS failure are VerifyErrors with one-line messages', async () => {
    // A port where nginx speaks plain HTTP: the TLS handshake fails.
    await expect(verify(`https://127.0.0.1:${m.variants.good!.http}/`, { ca: m.ca })).rejects.toMatchObject({ name: 'VerifyError', code: 'tls' });
    await expect(verify('https://127.0.0.1:1/')).rejects.toMatchObject({ name: 'VerifyError', code: 'refused', message: 'connection refused by 127.0.0.1:1' });
    await expect(verify('ftp://example.com/')).rejects.toBeInstanceOf(VerifyError);
    await expect(verify('https://user:secret@example.com/')).rejects.toMatchObject({ code: 'bad-url' });
    // The resolver stands in for DNS (no traffic leaves the machine): what getaddrinfo answers for an unknown name.
    const notFound = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND app.example.test'), { code: 'ENOTFOUND' });
    };
    await expect(verify('https://app.example.test/', { lookup: notFound })).rejects.toMatchObject({ code: 'dns', message: 'cannot resolve host "app.example.test" (ENOTFOUND)' });
  });
});

describe('phoenix-ops verify (CLI)', () => {
  const cli = (name: string, args: string[]) => runCliAsync(['verify', m.variants[name]!.url, '--ca-file', m.caFile, '--http-port', String(m.variants[name]!.http), ...args]);

  it('exit 0 on the good deployment, text output with the measurements', async () => {
    const r = await cli('good', []);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`phoenix-ops verify of ${m.variants.good!.url}`);
    expect(r.stdout).toContain('No findings.');
    expect(r.stdout).toMatch(/Score 100\/100 · 27 checks/);
    expect(r.stdout).toMatch(/health \/health p50 [\d.]+ ms, p95 [\d.]+ ms \(10 requests\)/);
  });

  it('exit 1 on a critical finding, with the request and the deciding answer', async () => {
    const r = await cli('cert-expired', []);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('tls-certificate-expired');
    expect(r.stdout).toMatch(/TLS handshake with 127\.0\.0\.1:\d+ → certificate "expired" .* valid 2020-01-01 to 2020-02-01/);
  });

  it('--fail-on decides: a medium finding fails only at medium', async () => {
    expect((await cli('no-hsts', [])).code).toBe(0);
    expect((await cli('no-hsts', ['--fail-on', 'medium'])).code).toBe(1);
  });

  it('json, sarif and markdown outputs', async () => {
    const j = JSON.parse((await cli('no-hsts', ['--format', 'json'])).stdout);
    expect(Object.keys(j)).toEqual(['schemaVersion', 'score', 'categories', 'findings', 'suppressedCount', 'notApplicable', 'url', 'checkedAt', 'expectations', 'liveView', 'tls', 'latency', 'requests']);
    expect(j.findings).toHaveLength(1);
    expect(j.findings[0]).toMatchObject({ ruleId: 'hsts-header-missing', severity: 'medium', category: 'tls', docs: 'docs/verify/hsts-header-missing.md' });
    expect(j.findings[0].evidence[0]).toEqual({ file: m.variants['no-hsts']!.url, line: 0, request: `GET ${m.variants['no-hsts']!.url}`, response: '200 OK; no strict-transport-security header' });
    expect(j.categories.map((c: { id: string }) => c.id)).toEqual(['tls', 'networking', 'web-security', 'rate-limiting']);

    const s = JSON.parse((await cli('no-hsts', ['--format', 'sarif'])).stdout);
    expect(s.version).toBe('2.1.0');
    const run0 = s.runs[0];
    expect(run0.tool.driver.rules).toHaveLength(27);
    const rule = run0.tool.driver.rules[run0.results[0].ruleIndex];
    expect(rule.id).toBe('hsts-header-missing');
    expect(rule.helpUri).toMatch(/docs\/verify\/hsts-header-missing\.md$/);
    expect(run0.results[0]).toMatchObject({
      ruleId: 'hsts-header-missing',
      level: 'warning',
      locations: [{ logicalLocations: [{ fullyQualifiedName: m.variants['no-hsts']!.url, kind: 'resource' }], message: { text: expect.stringContaining('no strict-transport-security header') } }],
    });

    const md = (await cli('socket-any-origin', ['--format', 'markdown'])).stdout;
    expect(md).toMatch(/^## phoenix-ops verify of https:\/\/127\.0\.0\.1:\d+\/: \d+\/100/);
    expect(md).toContain('[`live-socket-foreign-origin-accepted`](https://github.com/phoenix-ops/phoenix-ops/blob/main/docs/verify/live-socket-foreign-origin-accepted.md)');
    expect(md).toContain('(Upgrade: websocket, Origin: https://phoenix-ops-verify.invalid) → 101');
  });

  it('exit 2 with one line for a refused connection, a bad URL and a bad flag', async () => {
    for (const args of [['https://127.0.0.1:1/'], ['not a url at all'], ['https://example.com', '--timeout', 'soon'], ['https://example.com', '--ca-file', '/no/such/file']]) {
      const r = await runCliAsync(['verify', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^phoenix-ops: /);
    }
  });
});

describe('phoenix-ops explain for verify checks', () => {
  it('prints a check’s docs page and lists the checks after the rules', async () => {
    const one = await runCliAsync(['explain', 'live-socket-foreign-origin-accepted']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^# live-socket-foreign-origin-accepted\n/);
    expect(one.stdout).toContain('## What verify checks');
    const list = await runCliAsync(['explain', '--list']);
    expect(list.stdout).toMatch(/^hsts-header-missing +medium +tls +HTTPS answers carry no Strict-Transport-Security \(verify\)$/m);
    expect(list.stdout).toMatch(/^https-not-enforced +high +web-security +/m);
  });
});
