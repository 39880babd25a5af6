import { secureHeadersCsp } from '../../facts/csp.js';
import { routerHasCsp, routerLabel, servedRouterOf } from '../../facts/router.js';
import { isCspPlugName } from '../../scan/csp.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'csp-missing',
  title: 'HTML pages have no Content-Security-Policy',
  category: 'web-security',
  severity: 'medium',
  description:
    'Without an explicit Content-Security-Policy, any script injected into a page (an XSS through user content, a compromised CDN) runs with the full rights of the signed-in user. Phoenix 1.8 only sets `base-uri` and `frame-ancestors`, which does not restrict scripts.',
  fix: 'Pass a policy to `plug :put_secure_browser_headers, %{"content-security-policy" => "default-src \'self\'; …"}` in the browser pipeline (or add a plug that sets the header).',
  equivalents: ['sobelow:Config.CSP'],
  requires: ['endpoint', 'htmlPipelines'],
  messages: {
    weakPolicy: 'pipeline :{{pipeline}}{{router}} serves HTML without an explicit Content-Security-Policy: it sets only {{policy}}, which restricts neither scripts nor connections',
    headersWithoutCsp: 'pipeline :{{pipeline}}{{router}} serves HTML without an explicit Content-Security-Policy: it calls put_secure_browser_headers without a "content-security-policy"',
    noHeaders: 'pipeline :{{pipeline}}{{router}} serves HTML without an explicit Content-Security-Policy: it has neither put_secure_browser_headers nor a CSP plug',
  },
  check({ profile, htmlPipelines }) {
    const hits: Hit[] = [];
    for (const pl of htmlPipelines) {
      const served = servedRouterOf(profile, pl);
      // An explicit CSP for the router's pages (put_secure_browser_headers with a policy or a plug that
      // sets the header, in a pipeline or its endpoint; a <meta> tag in a layout).
      if (!served || routerHasCsp(profile, served)) continue;
      if (pl.plugs.some((pg) => isCspPlugName(pg.name))) continue;
      const headers = pl.plugs.find((pg) => pg.name === 'put_secure_browser_headers');
      const csp = headers ? secureHeadersCsp(headers) : null;
      // Headers built at runtime (a function call, an unresolved attribute): cannot be read, assume handled.
      if (csp?.kind === 'dynamic') continue;
      const messageId = csp?.kind === 'literal' ? 'weakPolicy' : headers ? 'headersWithoutCsp' : 'noHeaders';
      hits.push({
        messageId,
        // The main router goes unnamed (as before); another one is named with how prod reaches it.
        data: { pipeline: pl.name, router: served.via ? ` of ${routerLabel(served)}` : '', ...(csp?.kind === 'literal' ? { policy: JSON.stringify(csp.policy.trim()) } : {}) },
        snippet: pl.name,
        evidence: [headers ? headers.evidence : pl.evidence],
      });
    }
    return hits;
  },
});
