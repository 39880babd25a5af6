/**
 * Hand-built artifacts for the verify checks (Lighthouse style: a check reads only artifacts, so it
 * is tested without a network). `goodArtifacts()` is a healthy Phoenix 1.7 deployment as the
 * gatherer records it; each case edits a copy and runs the check through the engine. `table()` runs
 * valid / invalid / notApplicable cases.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/audit/types.js';
import { runChecks } from '../../src/verify/engine.js';
import type { VerifyCheck } from '../../src/verify/check.js';
import type { Artifacts, FetchChain, HttpExchange } from '../../src/verify/types.js';

export const ORIGIN = 'https://app.example.test';
export const GATHERED_AT = '2026-06-01T12:00:00.000Z';

export function exchange(
  url: string,
  status: number,
  headers: Record<string, string> = {},
  opts: { body?: string; setCookie?: string[]; method?: 'GET' | 'POST'; ms?: number; requestHeaders?: Record<string, string> } = {},
): HttpExchange {
  return {
    request: { method: opts.method ?? 'GET', url, headers: opts.requestHeaders ?? {} },
    response: { status, statusText: STATUS_TEXT[status] ?? '', headers, setCookie: opts.setCookie ?? [], body: opts.body ?? '', bodyTruncated: false },
    error: null,
    ms: opts.ms ?? 4,
  };
}

export function failed(url: string, code: string, message = code): HttpExchange {
  return { request: { method: 'GET', url, headers: {} }, response: null, error: { code, message }, ms: 10_000 };
}

export const chain = (...hops: HttpExchange[]): FetchChain => ({ hops, end: 'done' });

const STATUS_TEXT: Record<number, string> = { 101: 'Switching Protocols', 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export const SECURE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=31536000',
  'content-security-policy': "default-src 'self'; connect-src 'self' wss://app.example.test; img-src 'self' data:",
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'cache-control': 'max-age=0, private, must-revalidate',
};

export function goodArtifacts(): Artifacts {
  const cert = {
    subject: 'app.example.test',
    issuer: 'R11 / Let’s Encrypt',
    altNames: ['DNS:app.example.test'],
    validFrom: '2026-05-01T00:00:00.000Z',
    validTo: '2026-07-30T00:00:00.000Z',
    fingerprint256: 'AA:BB',
  };
  return {
    target: { url: `${ORIGIN}/`, origin: ORIGIN, scheme: 'https', host: 'app.example.test', port: 443, httpUrl: 'http://app.example.test/' },
    gatheredAt: GATHERED_AT,
    expect: {
      source: 'profile',
      liveView: true,
      socketPath: '/live',
      healthPath: { path: '/health', from: 'profile' },
      readinessPath: { path: '/health/ready', from: 'profile' },
      sessionCookie: '_app_key',
      host: { value: 'app.example.test', evidence: { file: 'config/runtime.exs', line: 52 } },
      database: true,
      signInPath: '/users/log_in',
    },
    tls: {
      host: 'app.example.test',
      port: 443,
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      authorized: true,
      authorizationError: null,
      hostError: null,
      chain: [cert, { ...cert, subject: 'R11 / Let’s Encrypt', issuer: 'ISRG Root X1 / Internet Security Research Group', altNames: [] }],
      legacy: { accepted: false, protocol: null, error: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
    },
    httpEntry: chain(exchange('http://app.example.test/', 301, { location: `${ORIGIN}/` }), exchange(`${ORIGIN}/`, 200, SECURE_HEADERS)),
    page: chain(
      exchange(`${ORIGIN}/`, 200, SECURE_HEADERS, {
        body: '<html><head><meta name="csrf-token" content="tok"></head><body><div id="phx-F1" data-phx-main data-phx-session="SFMyNTY.x" data-phx-static="SFMyNTY.y"></div></body></html>',
        setCookie: ['_app_key=SFMyNTY.abc.def; path=/; secure; HttpOnly; SameSite=Lax'],
      }),
    ),
    markers: { html: true, csrfToken: true, liveView: { id: 'phx-F1', hasSession: true, main: true } },
    health: {
      path: '/health',
      from: 'profile',
      chain: chain(exchange(`${ORIGIN}/health`, 200, { 'content-type': 'application/json', 'strict-transport-security': 'max-age=31536000' }, { body: '{"status":"ok"}' })),
      samples: [4, 3, 5, 4, 6, 3, 4, 5, 4, 9],
    },
    healthGuesses: [],
    readiness: { path: '/health/ready', from: 'profile', chain: chain(exchange(`${ORIGIN}/health/ready`, 200, { 'content-type': 'application/json' }, { body: '{"status":"ok","database":"ok"}' })) },
    socket: {
      path: '/live',
      own: { url: 'wss://app.example.test/live/websocket?vsn=2.0.0', origin: ORIGIN, status: 101, statusText: 'Switching Protocols', headers: { upgrade: 'websocket' }, error: null },
      foreign: { url: 'wss://app.example.test/live/websocket?vsn=2.0.0', origin: 'https://phoenix-ops-verify.invalid', status: 403, statusText: 'Forbidden', headers: {}, error: null },
      join: { topic: 'lv:phx-F1', reply: { status: 'ok', response: { rendered: {} } }, failure: null, timedOut: false },
      joinSkipped: null,
    },
    rateLimit: {
      path: '/users/log_in',
      method: 'POST',
      attempts: [...Array.from({ length: 5 }, () => exchange(`${ORIGIN}/users/log_in`, 200, {}, { method: 'POST' })), exchange(`${ORIGIN}/users/log_in`, 429, {}, { method: 'POST' })],
      ms: 40,
      stoppedBy: '429',
      maxRequests: 30,
      maxMs: 10_000,
    },
    budget: { max: 60, used: 26, exhausted: false },
  };
}

/** The page's final exchange (for edits). */
export const pageEx = (a: Artifacts) => a.page.hops[a.page.hops.length - 1]!;

export interface Case {
  name: string;
  edit?: (a: Artifacts) => void;
  /** invalid: the finding's message; notApplicable: the reason. */
  match?: RegExp;
}

/** What the engine answers for one check over the edited artifacts: "not applicable" with its reason, or the findings. */
export interface CheckRun {
  notApplicable: string | null;
  findings: Finding[];
}

/** Runs one check through the engine (requirements resolved, messages formatted) over a copy of `goodArtifacts()` edited by `edit`. */
export function runCheck(check: VerifyCheck, edit?: (a: Artifacts) => void): CheckRun {
  const a = structuredClone(goodArtifacts());
  edit?.(a);
  const r = runChecks(a, { checks: [check] });
  return { notApplicable: r.notApplicable.find((n) => n.ruleId === check.id)?.reason ?? null, findings: [...r.findings, ...r.suppressed] };
}

/**
 * Table tests for a check, as ruleTester is for rules: a valid case must be checked and find nothing
 * ("not applicable" fails it), an invalid case must produce findings of the check (no internal error)
 * with request evidence, a notApplicable case must be answered so (with its reason when `match` says),
 * and every message of the check must be produced by some invalid case.
 */
export function table(check: VerifyCheck, cases: { valid: Case[]; invalid: Case[]; notApplicable?: Case[] }): void {
  const names = [...cases.valid, ...cases.invalid, ...(cases.notApplicable ?? [])].map((c) => c.name);
  const produced = new Set<string>();
  let invalidRun = 0;
  describe(check.id, () => {
    it('has distinct case names and at least one valid and one invalid case', () => {
      expect(new Set(names).size).toBe(names.length);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const r = runCheck(check, c.edit);
        expect(r.notApplicable, 'a valid case must be checked, not skipped').toBeNull();
        expect(r.findings.map((f) => f.message)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        invalidRun += 1;
        const r = runCheck(check, c.edit);
        expect(r.notApplicable, 'an invalid case must be checked').toBeNull();
        expect(r.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
        expect(r.findings.length).toBeGreaterThan(0);
        if (c.match) expect(r.findings.map((f) => f.message).join('\n')).toMatch(c.match);
        for (const f of r.findings) {
          if (f.messageId) produced.add(f.messageId);
          expect(f.evidence.length).toBeGreaterThan(0);
          for (const e of f.evidence) {
            expect(e.request).toBeTruthy();
            expect(e.response).toBeTruthy();
          }
        }
      });
    }
    for (const c of cases.notApplicable ?? []) {
      it(`not applicable: ${c.name}`, () => {
        const r = runCheck(check, c.edit);
        expect(r.notApplicable).not.toBeNull();
        if (c.match) expect(r.notApplicable).toMatch(c.match);
      });
    }
    it('every message is produced by an invalid case', (ctx) => {
      // Only meaningful when every invalid case ran (not under a name filter).
      if (invalidRun < cases.invalid.length) ctx.skip();
      expect(Object.keys(check.messages).filter((id) => !produced.has(id))).toEqual([]);
    });
  });
}
