import { kwGet } from '../../scan/term.js';
import { endpointOf, endpointSetting, evidenceFor } from '../facts.js';
import { notApplicable, type Rule } from '../types.js';

export const rule = {
  id: 'hsts-missing',
  title: 'HTTPS is enforced but HSTS is off',
  category: 'web-security',
  severity: 'medium',
  description:
    'force_ssl (Plug.SSL) redirects plain HTTP to HTTPS and, by default, sends `strict-transport-security`. With `hsts: false` every first visit over http:// can still be intercepted and downgraded before the redirect (SSL stripping).',
  fix: 'Remove `hsts: false` from force_ssl / Plug.SSL (HSTS is on by default), once every subdomain you serve works over HTTPS.',
  equivalents: [],
  check(profile) {
    const ep = endpointOf(profile);
    if (!ep) return notApplicable('no Phoenix endpoint found');
    if (!profile.security.forceSsl) return notApplicable('HTTPS is not enforced (reported by https-not-enforced)');
    if (profile.security.hsts) return [];
    const cfg = endpointSetting(profile, ['force_ssl', 'hsts']);
    const plug = ep.plugs.find((pg) => pg.name === 'Plug.SSL' && !pg.conditional);
    const plugHsts = plug?.opts?.t === 'kw' ? plug.opts.pairs.find((p) => p.key === 'hsts') : undefined;
    const evidence = cfg ? cfg.evidence : plugHsts ? { file: ep.file, line: plugHsts.line } : (evidenceFor(profile, 'forceSsl') ?? ep.evidence);
    const where = cfg ? `force_ssl in ${cfg.evidence.file}` : plug && kwGet(plug.opts, 'hsts') ? `plug Plug.SSL in ${ep.module}` : 'force_ssl';
    return [
      {
        message: `${where} sets hsts: false: HTTPS is enforced by redirect only, so first visits over http:// can be downgraded; no page sends strict-transport-security`,
        evidence: [evidence],
      },
    ];
  },
} as const satisfies Rule;
