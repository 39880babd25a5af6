import { allSets, callsFor } from '../../scan/config-query.js';
import { envReads, literal } from '../../scan/term.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'pool-size-not-configurable',
  title: 'Repo pool size is fixed at build time',
  category: 'runtime-config',
  severity: 'low',
  description:
    'The right database pool size depends on the machine size, the number of instances and the database connection limit. A literal `pool_size` (or none: Ecto defaults to 10) cannot be tuned per deployment without a rebuild.',
  fix: 'Read it in config/runtime.exs: `pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")`.',
  equivalents: [],
  requires: ['database', 'ectoRepos'],
  messages: {
    literal: '{{repo}} pool_size is the literal {{value}} in prod ({{file}}:{{line}}): changing it needs a rebuild',
    buildTimeRead: '{{repo}} pool_size reads {{name}} at build time in {{file}}: the value is fixed when the release is built',
    unset: "{{repo}} sets no pool_size in prod (Ecto's default of 10 applies) and nothing reads POOL_SIZE: it cannot be tuned per deployment",
  },
  check({ profile, ectoRepos: repos }) {
    const hits: Hit[] = [];
    for (const repo of repos) {
      const sets = allSets(profile.facts, 'prod', repo.app, repo.module, ['pool_size']);
      const last = sets.at(-1);
      // Computed when the release boots (env var, System.schedulers_online()…): configurable.
      if (last && last.call.runtime && literal(last.value) === null) continue;
      // A conditional runtime set that reads the env (e.g. only when POOL_SIZE is present) also counts.
      if (sets.some((s) => s.call.runtime && envReads(s.value).length > 0)) continue;
      const rtCalls = callsFor(profile.facts, 'prod', repo.app, repo.module, 'runtime');
      const rtCall = rtCalls.find((c) => !c.conditional) ?? rtCalls[0];
      if (last) {
        const lit = literal(last.value);
        const read = envReads(last.value)[0];
        if (lit !== null) {
          hits.push({ messageId: 'literal', data: { repo: repo.module, value: lit, file: last.evidence.file, line: last.evidence.line }, snippet: repo.module, evidence: [last.evidence] });
        } else if (read && profile.runtime.deployMode === 'release') {
          hits.push({ messageId: 'buildTimeRead', data: { repo: repo.module, name: String(read.name), file: last.evidence.file }, evidence: [last.evidence] });
        }
      } else {
        const at = rtCall ? { file: rtCall.file, line: rtCall.line } : repo.evidence;
        hits.push({ messageId: 'unset', data: { repo: repo.module }, evidence: [at] });
      }
    }
    return hits;
  },
});
