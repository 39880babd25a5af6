import { flyServices } from '../../facts/fly.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'fly-http-check-missing',
  title: 'Fly checks only that the port is open',
  category: 'fly',
  severity: 'medium',
  description:
    'Without an HTTP check (`[[http_service.checks]]` or `[[services.http_checks]]`) Fly only knows that the TCP port accepts connections. An app whose endpoint is wedged, whose database pool is exhausted or that answers 500s stays in rotation, and deploys are marked healthy before the app can serve a request.',
  fix: 'Add an HTTP check on a cheap health route, e.g. `[[http_service.checks]]` with `grace_period = "10s"`, `interval = "15s"`, `timeout = "2s"`, `method = "GET"`, `path = "/health"` (and add that route if the app has none).',
  equivalents: [],
  requires: ['flyTomls'],
  messages: {
    noHttpCheck: '{{file}} {{service}} has no HTTP health check: Fly only checks that the port accepts connections, so a wedged app stays in rotation',
    onlyTcpChecks: '{{file}} {{service}} has no HTTP health check (only tcp_checks): Fly only checks that the port accepts connections, so a wedged app stays in rotation',
  },
  check({ profile, flyTomls }) {
    const path = profile.health?.path ?? '/health';
    const hits: Hit[] = [];
    for (const f of flyTomls) {
      const d = f.data;
      if (!d) continue;
      const services = flyServices(f);
      if (services.length === 0) continue;
      // Top-level `[checks.<name>]` of type http: a deliberate HTTP check too.
      if (Object.values(d.checks ?? {}).some((c) => c.type === 'http')) continue;
      for (const s of services) {
        const checks = s.kind === 'http_service' ? s.data.checks : s.data.http_checks;
        if (checks && checks.length > 0) continue;
        const tcp = s.kind === 'services' && (s.data.tcp_checks?.length ?? 0) > 0;
        const table = s.kind === 'http_service' ? '[[http_service.checks]]' : '[[services.http_checks]]';
        hits.push({
          messageId: tcp ? 'onlyTcpChecks' : 'noHttpCheck',
          data: { file: f.file, service: s.label },
          // Not the default (digits normalized): `[[services]] #1` and `#2` are two findings.
          snippet: s.label,
          evidence: [{ file: f.file, line: s.line }],
          fix: `Add a \`${table}\` entry with \`method = "GET"\`, \`path = "${path}"\`, \`interval = "15s"\`, \`timeout = "2s"\`, \`grace_period = "10s"\`${profile.health ? '' : ` and a ${path} route that answers 200 without a session or a redirect`}.`,
        });
      }
    }
    return hits;
  },
});
