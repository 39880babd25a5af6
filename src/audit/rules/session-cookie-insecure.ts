import { isTruthyLiteral, kwGet, literal } from '../../scan/term.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

export const rule = defineRule({
  id: 'session-cookie-insecure',
  title: 'Session cookie has no SameSite attribute',
  category: 'web-security',
  severity: 'medium',
  description:
    'The session cookie carries the signed-in user. Without `same_site`, browsers that do not default to Lax (Safari, older Firefox, embedded webviews) send it on cross-site requests, which CSRF and cross-site websocket attacks rely on; `same_site: "None"` without `secure: true` makes browsers drop the cookie altogether.',
  fix: 'Add `same_site: "Lax"` to `@session_options` in the endpoint (and `secure: true` when HTTPS is not enforced by force_ssl).',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    noSameSite: 'the session cookie of {{endpoint}} has no same_site attribute: browsers without a Lax default send it on cross-site requests',
    noSameSiteInsecure:
      'the session cookie of {{endpoint}} has no same_site attribute: browsers without a Lax default send it on cross-site requests, and neither secure: true nor force_ssl keeps it off plain HTTP',
    noneWithoutSecure: 'the session cookie of {{endpoint}} sets same_site: "None" without secure: true: browsers reject such cookies, so sessions are lost',
  },
  check({ profile, endpoint: ep }) {
    const opts = ep.sessionOptions;
    if (!opts) return notApplicable(`${ep.module} has no Plug.Session`);
    if (opts.t !== 'kw') return notApplicable(`the session options of ${ep.module} are built at runtime and cannot be read`);
    const sameSite = kwGet(opts, 'same_site');
    const secure = kwGet(opts, 'secure');
    // `secure: true`, or a value computed at runtime (assume it is set in prod).
    const secureOn = !!secure && isTruthyLiteral(secure) !== false;
    const evidence = [{ file: ep.file, line: opts.line }];
    if (!sameSite) {
      const insecure = !secureOn && !profile.security.forceSsl;
      return [{ messageId: insecure ? 'noSameSiteInsecure' : 'noSameSite', data: { endpoint: ep.module }, evidence }];
    }
    if (literal(sameSite)?.toLowerCase() === 'none' && !secureOn) {
      return [{ messageId: 'noneWithoutSecure', data: { endpoint: ep.module }, evidence }];
    }
    return [];
  },
});
