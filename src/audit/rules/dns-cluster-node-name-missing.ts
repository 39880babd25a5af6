import type { Evidence } from '../../scan/profile.js';
import { kwGet, literal } from '../../scan/term.js';
import { isProdConfig } from '../../facts/config.js';
import { deployEnvSets } from '../../facts/deploy-env.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job']);

export const rule = defineRule({
  id: 'dns-cluster-node-name-missing',
  title: 'DNSCluster without long node names',
  category: 'clustering',
  severity: 'high',
  description:
    'DNSCluster connects to `<basename>@<ip>` for every address the DNS query returns, which needs distributed long names. A release boots with a short name (`app@hostname`) unless RELEASE_DISTRIBUTION=name and RELEASE_NODE are set, so the nodes never connect and PubSub/Presence stay per instance.',
  fix: 'Set the node name where the release starts, e.g. in rel/env.sh.eex: `export RELEASE_DISTRIBUTION=name` and `export RELEASE_NODE="<app>@${POD_IP:-$(hostname -i)}"` (on Fly: `${FLY_APP_NAME}-${FLY_IMAGE_REF##*-}@${FLY_PRIVATE_IP}`).',
  equivalents: [],
  requires: ['dnsCluster'],
  messages: {
    shortNames:
      'DNSCluster gets its query ({{file}}:{{line}}) but no deploy file sets RELEASE_DISTRIBUTION=name or RELEASE_NODE (rel/env.sh.eex, Dockerfile ENV, fly.toml [env]): nodes boot with short names and never connect',
  },
  check({ profile }) {
    const f = profile.facts;
    if (f.dockerfiles.length === 0 && f.flyTomls.length === 0 && profile.deployFiles.relOverlays.length === 0 && !f.relEnvTemplate) {
      return notApplicable('no Dockerfile, fly.toml or rel/ yet: the files phoenix-ops generates set the node name');
    }
    const named = deployEnvSets(profile, 'RELEASE_DISTRIBUTION').some((s) => s.value === 'name') || deployEnvSets(profile, 'RELEASE_NODE').some((s) => s.value.length > 0);
    if (named) return [];
    if (profile.deployFiles.relOverlays.some((r) => /vm\.args(\.eex)?$/.test(r))) return notApplicable('rel/vm.args may set -name (not read)');
    if (f.k8s.some((k) => k.kind && WORKLOADS.has(k.kind))) return notApplicable('Kubernetes manifests may set RELEASE_NODE in the container env (not read)');

    // Where the DNS query gets its value: a literal, or an env var that a deploy file sets.
    const cfg = f.config.filter((c) => isProdConfig(c) && c.key === 'dns_cluster_query').pop();
    let query: Evidence | null = null;
    let queryName = 'DNS_CLUSTER_QUERY';
    if (cfg) {
      const v = cfg.opts;
      if (v.t === 'string' && !v.interpolated && v.v) query = { file: cfg.file, line: cfg.line };
      else if (v.t === 'env' && v.name) queryName = v.name;
      else if (v.t !== 'env') return notApplicable('the DNS query is computed at runtime');
    } else {
      const child = f.applications.flatMap((a) => a.children).find((c) => c.module === 'DNSCluster');
      const q = kwGet(child?.opts, 'query');
      const lit = literal(q);
      if (child && q?.t === 'string' && lit) query = child.evidence;
      else if (q?.t === 'env' && q.name) queryName = q.name;
    }
    if (!query) query = deployEnvSets(profile, queryName).find((s) => s.value.length > 0)?.evidence ?? null;
    if (!query) return notApplicable(`no deploy file sets ${queryName}: DNSCluster stays idle`);
    return [
      {
        messageId: 'shortNames',
        data: { file: query.file, line: query.line },
        evidence: [query],
      },
    ];
  },
});
