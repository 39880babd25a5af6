import { kwGet } from '../../scan/term.js';
import { evidenceFor } from '../../facts/project.js';
import { endpointSetting } from '../../facts/web.js';
import { defineRule } from '../rule.js';

/** What every message of this rule goes on to say, after naming where hsts: false is set. */
const DOWNGRADE = 'HTTPS is enforced by redirect only, so first visits over http:// can be downgraded; no page sends strict-transport-security';

export const rule = defineRule({
  id: 'hsts-missing',
  title: 'HTTPS is enforced but HSTS is off',
  category: 'web-security',
  severity: 'medium',
  description:
    'force_ssl (Plug.SSL) redirects plain HTTP to HTTPS and, by default, sends `strict-transport-security`. With `hsts: false` every first visit over http:// can still be intercepted and downgraded before the redirect (SSL stripping).',
  fix: 'Remove `hsts: false` from force_ssl / Plug.SSL (HSTS is on by default), once every subdomain you serve works over HTTPS.',
  equivalents: ['sobelow:Config.HSTS'],
  requires: ['endpoint', 'forceSsl'],
  messages: {
    forceSslConfig: `force_ssl in {{file}} sets hsts: false: ${DOWNGRADE}`,
    plugSsl: `plug Plug.SSL in {{endpoint}} sets hsts: false: ${DOWNGRADE}`,
    forceSsl: `force_ssl sets hsts: false: ${DOWNGRADE}`,
  },
  check({ profile, endpoint: ep }) {
    if (profile.security.hsts) return [];
    const cfg = endpointSetting(profile, ['force_ssl', 'hsts']);
    const plug = ep.plugs.find((pg) => pg.name === 'Plug.SSL' && !pg.conditional);
    const plugHsts = plug?.opts?.t === 'kw' ? plug.opts.pairs.find((p) => p.key === 'hsts') : undefined;
    const evidence = cfg ? cfg.evidence : plugHsts ? { file: ep.file, line: plugHsts.line } : (evidenceFor(profile, 'forceSsl') ?? ep.evidence);
    const where = cfg
      ? { messageId: 'forceSslConfig', data: { file: cfg.evidence.file } }
      : plug && kwGet(plug.opts, 'hsts')
        ? { messageId: 'plugSsl', data: { endpoint: ep.module } }
        : { messageId: 'forceSsl' };
    return [
      {
        ...where,
        evidence: [evidence],
      },
    ];
  },
});
