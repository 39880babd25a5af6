/** The verify engine and the pure helpers the checks share: results as audit shapes them, CSP matching, page markers, expectations. */
import { describe, expect, it } from 'vitest';
import { failsAt } from '../../src/audit/engine.js';
import type { Hit } from '../../src/audit/contract.js';
import { notApplicable, type NotApplicable } from '../../src/audit/types.js';
import { sourceAllowsSocket, type SocketTarget } from '../../src/scan/csp.js';
import { runChecks } from '../../src/verify/engine.js';
import { expectationsFrom } from '../../src/verify/expectations.js';
import { readPage } from '../../src/verify/page-markers.js';
import { parseTarget } from '../../src/verify/target.js';
import type { VerifyCheck } from '../../src/verify/check.js';
import { fixture, scanProject } from '../helpers/project.js';
import { chain, exchange, goodArtifacts, pageEx, SECURE_HEADERS } from './harness.js';

const fake = (id: string, result: Hit[] | NotApplicable | Error, severity: VerifyCheck['severity'] = 'high'): VerifyCheck => ({
  id,
  title: `Title of ${id}`,
  category: 'web-security',
  severity,
  description: 'Why this matters in production.',
  fix: 'Do the right thing.',
  equivalents: [],
  requires: ['pageAnswer'],
  messages: { bad: 'bad {{n}}' },
  check: () => {
    if (result instanceof Error) throw result;
    return result;
  },
});

describe('verify scores are capped by the most severe failed check (Lighthouse-style)', () => {
  const scoreOf = (edit: (a: ReturnType<typeof goodArtifacts>) => void) => {
    const a = goodArtifacts();
    edit(a);
    return runChecks(a);
  };
  it('a healthy deployment scores 100', () => {
    expect(runChecks(goodArtifacts()).score).toBe(100);
  });
  it('a LiveView socket that answers 404 (critical) keeps the total and its category below 50', () => {
    const r = scoreOf((a) => {
      a.socket!.own.status = 404;
      a.socket!.own.statusText = 'Not Found';
    });
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toContainEqual(['live-socket-refused', 'critical']);
    expect(r.score).toBeLessThan(50);
    const category = r.categories.find((c) => c.id === r.findings.find((f) => f.ruleId === 'live-socket-refused')!.category)!;
    expect(category.score).toBeLessThan(50);
  });
  it('a site that serves its pages over plain HTTP (high) scores below 80', () => {
    const r = scoreOf((a) => void (a.httpEntry = chain(exchange('http://app.example.test/', 200, SECURE_HEADERS))));
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['http-not-redirected-to-https', 'high']]);
    expect(r.score).toBeLessThan(80);
    expect(r.score).toBeGreaterThanOrEqual(50);
  });
});

describe('runChecks', () => {
  const ev = [{ file: 'https://app.example.test/', line: 0, request: 'GET https://app.example.test/', response: '200 OK' }];
  const catalog = [fake('fires', [{ messageId: 'bad', data: { n: 1 }, evidence: ev }], 'critical'), fake('passes', []), fake('skipped', notApplicable('no reason')), fake('throws', new Error('boom'))];

  it('findings, not-applicable answers, internal errors and scores as audit has them', () => {
    const r = runChecks(goodArtifacts(), { checks: catalog });
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['fires', 'critical'],
      ['internal-error', 'info'],
    ]);
    expect(r.findings[0]).toMatchObject({ message: 'bad 1', messageId: 'bad', docs: 'docs/verify/fires.md', evidence: ev, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(r.notApplicable).toEqual([{ ruleId: 'skipped', reason: 'no reason' }]);
    // critical (10) fails; high (6) passes twice (the throwing check counts as passed): 12 / 22 = 55, capped at 49 by the critical.
    expect(r.score).toBe(49);
    expect(r.categories.map((c) => c.id)).toEqual(['tls', 'networking', 'web-security', 'rate-limiting']);
    expect(r.rulesRun).toBe(4);
    expect(failsAt(r, 'critical')).toBe(true);
  });

  it('only/skip select checks, unknown ids are usage errors, config ignores suppress', () => {
    expect(runChecks(goodArtifacts(), { checks: catalog, skip: ['fires', 'throws'] }).findings).toEqual([]);
    expect(() => runChecks(goodArtifacts(), { checks: catalog, only: ['nope'] })).toThrow(/unknown check id "nope"/);
    const r = runChecks(goodArtifacts(), { checks: catalog, ignores: [{ rule: 'fires', reason: 'accepted risk' }] });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['internal-error']);
    expect(r.suppressed[0]).toMatchObject({ ruleId: 'fires', suppressed: { by: 'config', reason: 'accepted risk' } });
  });

  it('reports what was measured', () => {
    const r = runChecks(goodArtifacts());
    expect(r.findings).toEqual([]);
    expect(r.latency).toEqual({ path: '/health', samples: 10, p50Ms: 4, p95Ms: 9 });
    expect(r.tls).toEqual({ protocol: 'TLSv1.3', validTo: '2026-07-30T00:00:00.000Z', daysToExpiry: 58 });
    expect(r.liveView).toBe(true);
  });
});

describe('fingerprints of verify findings', () => {
  const ev = [{ file: 'https://app.example.test/', line: 0, request: 'GET https://app.example.test/', response: '200 OK' }];
  const run = (messages: Record<string, string>, data: Record<string, string>) => runChecks(goodArtifacts(), { checks: [{ ...fake('fires', [{ messageId: 'bad', data, evidence: ev }]), messages }] }).findings[0];
  it('are over the check, the message id, the URL and the data: rewording a message keeps them', () => {
    const a = run({ bad: 'bad {{n}}' }, { n: 'x' });
    const reworded = run({ bad: 'the page is bad: {{n}}' }, { n: 'x' });
    expect(reworded?.message).not.toBe(a?.message);
    expect(reworded?.fingerprint).toBe(a?.fingerprint);
    expect(run({ bad: 'bad {{n}}' }, { n: 'y' })?.fingerprint).not.toBe(a?.fingerprint);
  });
});

describe('CSP sources and the LiveView socket (scan/csp.ts, shared with the audit rule)', () => {
  const socket: SocketTarget = { scheme: 'wss:', host: 'app.example.test', port: 443, path: '/live/websocket', pageScheme: 'https:', sameOrigin: true };
  it.each([
    ["'self'", true],
    ['*', true],
    ['wss:', true],
    ['ws:', true],
    ['wss://app.example.test', true],
    ['wss://app.example.test:443', true],
    ['ws://app.example.test', true],
    ['app.example.test', true],
    ['wss://*.example.test', true],
    ['wss://app.example.test/live/websocket', true],
    ['https:', false],
    ['https://app.example.test', false],
    ['wss://other.example.test', false],
    ['wss://app.example.test:4000', false],
    ['wss://app.example.test/live', false],
    ["'none'", false],
    ["'unsafe-inline'", false],
  ] as const)('%s allows the socket: %s', (source, allowed) => {
    expect(sourceAllowsSocket(source, socket)).toBe(allowed);
  });
  it('a scheme-less host source takes the page scheme (CSP3 §6.7.2.8 step 3.2): from http:, ws: and wss: match; from https:, ws: does not', () => {
    const plain: SocketTarget = { ...socket, scheme: 'ws:', port: 80, pageScheme: 'http:' };
    expect(sourceAllowsSocket('app.example.test', plain)).toBe(true);
    expect(sourceAllowsSocket('app.example.test', { ...socket, pageScheme: 'http:' })).toBe(true);
    expect(sourceAllowsSocket('app.example.test', { ...plain, pageScheme: 'https:' })).toBe(false);
  });
  it('the port: none means the default one, an explicit one must be the socket port, * any', () => {
    expect(sourceAllowsSocket('wss://app.example.test', { ...socket, port: 8443 })).toBe(false);
    expect(sourceAllowsSocket('wss://app.example.test:8443', { ...socket, port: 8443 })).toBe(true);
    expect(sourceAllowsSocket('wss://app.example.test:*', { ...socket, port: 8443 })).toBe(true);
    expect(sourceAllowsSocket('ws://app.example.test:80', socket)).toBe(false);
  });
  it("'self' is the page's own host and port; an unknown host (the audit, PHX_HOST) matches any host but a local one", () => {
    expect(sourceAllowsSocket("'self'", { ...socket, sameOrigin: false })).toBe(false);
    const unknown: SocketTarget = { ...socket, host: null };
    expect(sourceAllowsSocket('wss://example.com', unknown)).toBe(true);
    expect(sourceAllowsSocket('wss://localhost', unknown)).toBe(false);
    expect(sourceAllowsSocket('ws://localhost:4000', unknown)).toBe(false);
  });
});

describe('page markers', () => {
  it('reads the CSRF meta tag and prefers the main LiveView container, whatever the attribute order', () => {
    const r = readPage({
      ...pageEx(goodArtifacts()).response!,
      body: `<!doctype html><html><head><META content="a&amp;b" name="csrf-token"></head><body>
        <div data-phx-session="SFMyNTY.child" id="phx-child"></div>
        <div data-phx-static="SFMyNTY.st" data-phx-session="SFMyNTY.main" data-phx-main id="phx-main"></div></body></html>`,
    });
    expect(r.csrfToken).toBe('a&b');
    expect(r.markers.liveView).toEqual({ id: 'phx-main', hasSession: true, main: true });
    expect(r.session).toBe('SFMyNTY.main');
    expect(r.static).toBe('SFMyNTY.st');
  });

  it('a non-HTML answer has no markers', () => {
    const r = readPage({ ...pageEx(goodArtifacts()).response!, headers: { 'content-type': 'application/json' }, body: '{"data-phx-session":"x"}' });
    expect(r.markers).toEqual({ html: false, csrfToken: false, liveView: null });
  });
});

describe('expectations from the project', () => {
  it('the example app: LiveView on /live, its session cookie, the sign-in route, a database', async () => {
    const e = expectationsFrom(await scanProject(), null);
    expect(e).toMatchObject({ source: 'profile', liveView: true, socketPath: '/live', sessionCookie: '_hello_phoenix_key', database: true, signInPath: '/users/log_in', healthPath: null });
  });

  it('the health path from the router wins over phoenix-ops.yaml, which wins over nothing; options win over both', async () => {
    const withHealth = await scanProject({}, fixture('phx17-tailwind'));
    const config = { health: { path: '/up' }, audit: { ignore: [] } } as unknown as Parameters<typeof expectationsFrom>[1];
    expect(expectationsFrom(withHealth, config).healthPath).toEqual({ path: '/health', from: 'profile' });
    expect(expectationsFrom(await scanProject(), config).healthPath).toEqual({ path: '/up', from: 'config' });
    expect(expectationsFrom(withHealth, config, { healthPath: '/live-check' }).healthPath).toEqual({ path: '/live-check', from: 'option' });
  });
});

describe('target URLs', () => {
  it('https by default, the plain-HTTP twin on the given port, IPv6 brackets removed', () => {
    expect(parseTarget('app.example.test')).toMatchObject({ url: 'https://app.example.test/', httpUrl: 'http://app.example.test/', port: 443 });
    expect(parseTarget('https://[::1]:8443/x?y=1#z', 8080)).toMatchObject({ url: 'https://[::1]:8443/x?y=1', host: '::1', port: 8443, httpUrl: 'http://[::1]:8080/x?y=1' });
    expect(() => parseTarget('mailto:a@b.c')).toThrow(/not an http\(s\) URL/);
  });
});
