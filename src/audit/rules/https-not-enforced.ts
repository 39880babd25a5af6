import { endpointOf } from '../facts.js';
import { configFile, projectEvidence } from '../facts.js';
import type { Rule } from '../types.js';
import { notApplicable } from '../types.js';

export const rule = {
  id: 'https-not-enforced',
  title: 'Production serves plain HTTP',
  category: 'web-security',
  severity: 'high',
  description:
    'Without `force_ssl` (or a `Plug.SSL` plug) the prod endpoint answers plain HTTP: session cookies and CSRF tokens travel in clear text and browsers get no redirect to HTTPS.',
  fix: 'Add `force_ssl: [rewrite_on: [:x_forwarded_proto], exclude: [hosts: ["localhost", "127.0.0.1"]]]` to the endpoint config in config/prod.exs (or config/runtime.exs).',
  equivalents: ['sobelow:Config.HTTPS'],
  check(profile) {
    if (!endpointOf(profile)) return notApplicable('no Phoenix endpoint found');
    if (profile.security.forceSsl) return [];
    const prod = configFile(profile, 'prod.exs') ?? configFile(profile, 'runtime.exs');
    const ev = profile.facts.config.find((c) => c.file === prod && c.key === profile.web.endpointModule);
    return [
      {
        message: `${profile.web.endpointModule} does not enforce HTTPS in prod: no force_ssl in prod.exs or runtime.exs and no Plug.SSL in the endpoint`,
        evidence: [ev ? { file: ev.file, line: ev.line } : projectEvidence(profile)],
      },
    ];
  },
} as const satisfies Rule;
