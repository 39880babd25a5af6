import { notApplicable } from '../../audit/types.js';
import { cookiesOf, sessionCookie } from '../cookies.js';
import { exchangeEvidence } from '../evidence.js';
import { defineCheck } from '../check.js';

export const check = defineCheck({
  id: 'session-cookie-flags-missing',
  title: 'Session cookie lacks Secure, HttpOnly or SameSite',
  category: 'web-security',
  severity: 'medium',
  description:
    'The session cookie is the signed-in user. Without `Secure` it is sent over plain HTTP too; without `HttpOnly` any injected script can read it; without `SameSite=Lax` (or Strict) browsers that do not default to Lax send it on cross-site requests, which CSRF and cross-site websocket attacks rely on.',
  fix: 'Set the flags in the endpoint’s `@session_options`: `same_site: "Lax", secure: true` (Plug.Session sets `HttpOnly` unless `http_only: false`).',
  equivalents: [],
  requires: [],
  messages: {
    flagsMissing: 'the session cookie {{cookie}} is set without {{missing}}',
  },
  check({ artifacts: a }) {
    if (a.page.hops.length === 0) return notApplicable('the page was not requested (request budget)');
    const cookies = cookiesOf(a.page);
    const s = sessionCookie(cookies, a.expect.sessionCookie);
    if (!s) return notApplicable(a.expect.sessionCookie ? `the page set no ${a.expect.sessionCookie} cookie` : 'the page set no session cookie');
    const c = s.cookie;
    const missing: string[] = [];
    const https = s.exchange.request.url.startsWith('https:');
    if (!c.secure && https) missing.push('Secure');
    if (!c.httpOnly) missing.push('HttpOnly');
    const same = (c.sameSite ?? '').toLowerCase();
    if (same !== 'lax' && same !== 'strict' && !(same === 'none' && c.secure)) missing.push(same === 'none' ? 'Secure with SameSite=None' : 'SameSite=Lax');
    if (missing.length === 0) return [];
    return [{ messageId: 'flagsMissing', data: { cookie: c.name, missing: missing.join(', ') }, evidence: [exchangeEvidence(s.exchange, `set-cookie: ${s.line}`)] }];
  },
});
