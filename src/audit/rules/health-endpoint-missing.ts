import { flyCheckPaths } from '../../facts/fly.js';
import { prodRoutes } from '../../facts/router.js';
import { routerOf } from '../../facts/web.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'health-endpoint-missing',
  title: 'No health-check endpoint',
  category: 'networking',
  severity: 'medium',
  description:
    'Load balancers, Fly.io checks and Kubernetes probes need a cheap URL that answers 200 when the instance can serve. Without one they hit `/`, which may redirect (force_ssl, sign-in), render a full page or need the database: instances flap or are never marked healthy.',
  fix: 'Add a route such as `get "/health", HealthController, :index` outside the browser pipeline (no session, no CSRF, no redirect) that answers 200, or a plug in the endpoint that answers `/health` before the router.',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    noHealthRoute: '{{module}} has no health-check route (e.g. GET /health, /healthz): platform probes must use "/", which may redirect, need a session or the database',
  },
  check({ profile, endpoint: ep }) {
    if (profile.health) return [];
    // A check configured in fly.toml that points at an existing route (other than "/") counts as a health endpoint.
    const routes = prodRoutes(profile);
    if (flyCheckPaths(profile).some((c) => c.path !== '/' && routes.some((r) => r.path === c.path && ['get', 'head', 'match', 'forward'].includes(r.verb)))) return [];
    const router = routerOf(profile);
    return [
      {
        messageId: 'noHealthRoute',
        data: { module: router?.module ?? ep.module },
        evidence: [router?.evidence ?? ep.evidence],
      },
    ];
  },
});
