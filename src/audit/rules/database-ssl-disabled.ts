import { allSets, callsFor } from '../../scan/config-query.js';
import { literal } from '../../scan/term.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

const PRIVATE_NOTE =
  'fine on a private network (Fly.io 6PN, a Kubernetes-internal or VPC database), but a managed database reached over a public network needs TLS';

export const rule = defineRule({
  id: 'database-ssl-disabled',
  title: 'Database connection without TLS',
  category: 'runtime-config',
  severity: 'low',
  description:
    'The Phoenix generator leaves `# ssl: true` commented out in config/runtime.exs, so Postgrex/MyXQL connect in clear text. That is fine on a private network, but managed databases reached over the internet (RDS, Cloud SQL public IP, Neon, Supabase…) need TLS or they expose credentials and data.',
  fix: 'Enable TLS in the Repo config of config/runtime.exs: `ssl: true`, or `ssl: [cacerts: :public_key.cacerts_get()]` (OTP 25+) to also verify the server certificate; keep it off only for databases on a private network.',
  equivalents: [],
  requires: ['networkDatabase', 'ectoRepos'],
  messages: {
    sslOff: `{{repo}} sets ssl: {{value}} in prod ({{file}}:{{line}}): the database connection is not encrypted; ${PRIVATE_NOTE}`,
    noSsl: `{{repo}} has no ssl option in prod ({{file}}:{{line}}) and connects without TLS unless DATABASE_URL carries ?ssl=true; ${PRIVATE_NOTE}`,
  },
  check({ profile, ectoRepos: repos }) {
    const hits: Hit[] = [];
    for (const repo of repos) {
      const sets = allSets(profile.facts, 'prod', repo.app, repo.module, ['ssl']);
      const last = sets.at(-1);
      if (last) {
        const off = last.value.t === 'nil' || (last.value.t === 'bool' && !last.value.v);
        if (off && !last.call.conditional) {
          hits.push({
            messageId: 'sslOff',
            data: { repo: repo.module, value: last.value.t === 'nil' ? 'nil' : 'false', file: last.evidence.file, line: last.evidence.line },
            evidence: [last.evidence],
          });
        }
        continue;
      }
      // No ssl option at all: only judged where the prod connection is configured at runtime.
      const rtCalls = callsFor(profile.facts, 'prod', repo.app, repo.module, 'runtime');
      const call = rtCalls.find((c) => !c.conditional) ?? rtCalls[0];
      if (!profile.runtimeConfig.file || !call) continue;
      // A literal URL that asks for TLS itself (`?ssl=true`, `sslmode=require`).
      const urls = allSets(profile.facts, 'prod', repo.app, repo.module, ['url']).map((s) => literal(s.value) ?? '');
      if (urls.some((u) => /[?&](ssl=true|sslmode=(require|verify-ca|verify-full))/i.test(u))) continue;
      hits.push({
        messageId: 'noSsl',
        data: { repo: repo.module, file: call.file, line: call.line },
        evidence: [{ file: call.file, line: call.line }],
      });
    }
    return hits;
  },
});
