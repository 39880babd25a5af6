import { lastSet } from '../../scan/config-query.js';
import type { Term } from '../../scan/term.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

const isEmpty = (t: Term | undefined) => !!t && ((t.t === 'list' && t.items.length === 0) || (t.t === 'kw' && t.pairs.length === 0));

export const rule = defineRule({
  id: 'libcluster-empty-topologies',
  title: 'libcluster has no topology in production',
  category: 'clustering',
  severity: 'high',
  description:
    'Cluster.Supervisor with an empty topology list starts fine and does nothing: nodes never connect, so PubSub broadcasts, Presence and anything relying on distribution stay per instance, with no error in the logs.',
  fix: 'Configure a strategy for prod in config/runtime.exs, e.g. `config :libcluster, topologies: [k8s: [strategy: Cluster.Strategy.Kubernetes.DNS, config: [service: "my-app-headless", application_name: "my_app"]]]`.',
  equivalents: [],
  requires: ['libcluster'],
  messages: {
    emptyConfig:
      'config :libcluster, topologies: [] in {{file}} is the value prod runs with (nothing later sets a topology): Cluster.Supervisor starts with no strategy and nodes never connect',
    emptyChild: 'Cluster.Supervisor is started with a literal empty topology list in {{file}}: nodes never connect',
  },
  check({ profile }) {
    const hits: Hit[] = [];
    const set = lastSet(profile.facts, 'prod', 'libcluster', null, ['topologies']);
    if (set && !set.call.conditional && isEmpty(set.value)) {
      hits.push({
        messageId: 'emptyConfig',
        data: { file: set.evidence.file },
        evidence: [set.evidence],
      });
    }
    for (const c of profile.facts.applications.flatMap((a) => a.children)) {
      if (c.module !== 'Cluster.Supervisor') continue;
      const first = c.opts?.t === 'list' ? c.opts.items[0] : undefined;
      if (isEmpty(first)) {
        hits.push({ messageId: 'emptyChild', data: { file: c.evidence.file }, evidence: [c.evidence] });
      }
    }
    return hits;
  },
});
