import type { Evidence, Profile } from '../../scan/profile.js';
import { evidenceFor } from '../../facts/project.js';
import { defineRule, type RuleContext } from '../rule.js';
import { notApplicable } from '../types.js';

/** Why the app will run on several instances, or [] when nothing says so. */
function multiInstance(profile: Profile, ctx: RuleContext): { reason: string; evidence?: Evidence }[] {
  // Defaults say nothing about how the app runs: only a phoenix-ops.yaml the user wrote counts.
  const d = ctx.configFile ? ctx.deploy : null;
  const count = d?.machine?.count;
  const replicas = d?.targets?.includes('k8s') ? d.k8s?.replicas : undefined;
  // phoenix-ops.yaml is the plan: it decides when present.
  if (typeof count === 'number' || typeof replicas === 'number') {
    const out: { reason: string }[] = [];
    if (typeof count === 'number' && count > 1) out.push({ reason: `phoenix-ops.yaml machine.count is ${count}` });
    if (typeof replicas === 'number' && replicas > 1) out.push({ reason: `phoenix-ops.yaml k8s.replicas is ${replicas}` });
    return out;
  }
  const out: { reason: string; evidence?: Evidence }[] = [];
  for (const f of profile.facts.flyTomls) {
    const min = f.data?.http_service?.min_machines_running;
    if (min !== undefined && min > 1) out.push({ reason: `${f.file} keeps min_machines_running = ${min}`, evidence: { file: f.file, line: f.lines['http_service.min_machines_running'] ?? 1 } });
  }
  for (const k of profile.facts.k8s) {
    if (k.kind === 'HorizontalPodAutoscaler') out.push({ reason: `${k.file} autoscales the pods (HorizontalPodAutoscaler ${k.name ?? ''})`.replace(' )', ')'), evidence: { file: k.file, line: 1 } });
  }
  return out;
}

export const rule = defineRule({
  id: 'pubsub-not-distributed',
  title: 'PubSub is not shared between instances',
  category: 'clustering',
  severity: 'high',
  description:
    "Phoenix.PubSub's default adapter delivers messages over Erlang distribution. When several instances run without forming a cluster (and without a Redis adapter), a broadcast reaches only the subscribers on the same instance and each instance keeps its own Presence list: users see different, silently diverging state.",
  fix: 'Cluster the instances (DNSCluster with DNS_CLUSTER_QUERY and long node names, or libcluster), or switch PubSub to the Redis adapter (`phoenix_pubsub_redis`).',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    perInstance: 'the app uses {{uses}} with the default PubSub adapter and no clustering, while {{why}}: broadcasts and Presence only reach the instance they start on',
  },
  check({ profile }, ctx) {
    const { presence, pubsubBroadcast } = profile.facts.usage;
    const [firstPresence] = presence;
    const [firstBroadcast] = pubsubBroadcast;
    const first = firstPresence ?? firstBroadcast;
    if (!first) return notApplicable('the app neither broadcasts over PubSub nor uses Presence');
    if (profile.clustering !== 'none' || profile.pubsub !== 'pg') return [];
    const multi = multiInstance(profile, ctx);
    if (multi.length === 0) return notApplicable('nothing says the app runs on more than one instance');
    const uses = [
      ...(firstPresence ? [`Presence (${firstPresence.file}:${firstPresence.line})`] : []),
      ...(firstBroadcast ? [`PubSub broadcasts (first at ${firstBroadcast.file}:${firstBroadcast.line})`] : []),
    ];
    const pubsubEv = evidenceFor(profile, 'pubsub');
    return [
      {
        messageId: 'perInstance',
        data: { uses: uses.join(' and '), why: multi.map((m) => m.reason).join('; ') },
        // Counts, first call sites and instance counts move as the code grows: the finding is what is shared.
        snippet: [presence.length ? 'Presence' : '', pubsubBroadcast.length ? 'PubSub' : ''].join(' ').trim(),
        evidence: [pubsubEv ?? first, ...multi.flatMap((m) => (m.evidence ? [m.evidence] : []))],
      },
    ];
  },
});
