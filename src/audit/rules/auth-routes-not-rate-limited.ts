import { authRoutes } from '../../facts/auth-routes.js';
import { routePipelines } from '../../facts/router.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/** Plugs and modules that rate-limit: Hammer, PlugAttack, or a project plug named like it. */
const LIMITER = /rate_?limit|throttl|hammer|plug_?attack/i;

export const rule = defineRule({
  id: 'auth-routes-not-rate-limited',
  title: 'Sign-in and registration are not rate limited',
  category: 'rate-limiting',
  severity: 'medium',
  description:
    'Without a rate limit, sign-in forms allow password guessing and credential stuffing at full speed, and registration and password-reset forms can be used to flood mailboxes (and your email bill).',
  fix: 'Add Hammer (or PlugAttack) and a plug on these routes: about 5 sign-in attempts per minute and 3 registrations per hour per IP, answering 429 with a JSON body `{"error": "too many requests"}`.',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    oneRoute:
      '1 authentication route has no rate limit and no rate limiter (Hammer, PlugAttack) is a dependency: {{routes}}. Limit sign-in to about 5 attempts/min and registration to 3/hour per IP, answering 429 with a JSON body',
    routes:
      '{{count}} authentication routes have no rate limit and no rate limiter (Hammer, PlugAttack) is a dependency: {{routes}}. Limit sign-in to about 5 attempts/min and registration to 3/hour per IP, answering 429 with a JSON body',
  },
  check({ profile, endpoint }) {
    const routes = authRoutes(profile).map(({ route, kind }) => ({ r: route, kind }));
    if (routes.length === 0) return notApplicable('no sign-in, registration or password-reset routes');
    // A rate-limiting library, an endpoint plug, or a project module that rate-limits (called from controllers or LiveViews).
    if (profile.rateLimiter !== 'none') return [];
    if (endpoint.plugs.some((pg) => LIMITER.test(pg.name))) return [];
    if (Object.keys(profile.facts.modules).some((m) => LIMITER.test(m))) return [];
    const open = routes.filter(({ r }) => !routePipelines(profile, r).some((pl) => LIMITER.test(pl.name) || pl.plugs.some((pg) => LIMITER.test(pg.name))));
    if (open.length === 0) return [];
    open.sort((a, b) => a.r.evidence.line - b.r.evidence.line);
    const list = open.map(({ r, kind }) => `${r.verb === 'live' ? 'live' : r.verb.toUpperCase()} ${r.path} (${kind})`).join(', ');
    return [
      {
        messageId: open.length === 1 ? 'oneRoute' : 'routes',
        data: { count: open.length, routes: list },
        evidence: open.map(({ r }) => r.evidence),
      },
    ];
  },
});
