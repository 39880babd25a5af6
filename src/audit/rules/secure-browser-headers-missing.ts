import { routerLabel, servedRouterOf } from '../../facts/router.js';
import { defineRule } from '../rule.js';

/** `:put_secure_browser_headers`, or a project plug that sets security headers itself (SecureHeaders, SecurityHeaders…). */
const HEADERS_PLUG = /^put_secure_browser_headers$|secure_?headers|security_?headers|SecureHeaders|SecurityHeaders/i;

export const rule = defineRule({
  id: 'secure-browser-headers-missing',
  title: 'HTML pipeline does not set secure browser headers',
  category: 'web-security',
  severity: 'medium',
  description:
    'Phoenix\'s `put_secure_browser_headers` sends `x-frame-options`, `x-content-type-options: nosniff`, `referrer-policy` and friends. Without it, pages can be framed by other sites (clickjacking) and browsers may sniff uploaded files as HTML.',
  fix: 'Add `plug :put_secure_browser_headers` (with your content-security-policy) to every pipeline that accepts "html".',
  equivalents: ['sobelow:Config.Headers'],
  requires: ['endpoint', 'htmlPipelines', 'router'],
  messages: {
    noHeaders:
      'pipeline :{{pipeline}} in {{router}} accepts "html" but has no :put_secure_browser_headers: pages go out without x-frame-options, x-content-type-options and referrer-policy',
  },
  check({ profile, endpoint: mainEndpoint, htmlPipelines, router: mainRouter }) {
    return htmlPipelines.flatMap((pl) => {
      const served = servedRouterOf(profile, pl);
      // Headers set for every request by a plug of the endpoint in front of the router.
      const ep = served?.endpoint ?? mainEndpoint;
      if (ep.plugs.some((pg) => !pg.conditional && HEADERS_PLUG.test(pg.name))) return [];
      if (pl.plugs.some((pg) => HEADERS_PLUG.test(pg.name))) return [];
      const router = served ? routerLabel(served) : mainRouter.module;
      return [{ messageId: 'noHeaders', data: { pipeline: pl.name, router }, evidence: [pl.evidence] }];
    });
  },
});
