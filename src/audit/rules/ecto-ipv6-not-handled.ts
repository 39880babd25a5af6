import { allSets, callsFor } from '../../scan/config-query.js';
import { envReads } from '../../scan/term.js';
import { ectoRepos } from '../../facts/ecto-repos.js';
import { termHasAtom } from '../../facts/terms.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'ecto-ipv6-not-handled',
  title: 'Repo cannot connect to a database over IPv6',
  category: 'runtime-config',
  severity: 'medium',
  description:
    'On IPv6-only private networks (Fly.io 6PN, some Kubernetes clusters) the database host only has an AAAA record. Without `socket_options: [:inet6]` Postgrex/MyXQL resolve IPv4 only and the Repo fails with `:nxdomain`.',
  fix: 'In config/runtime.exs: `maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []` and `socket_options: maybe_ipv6` in the Repo config; set ECTO_IPV6=true where the network is IPv6-only.',
  equivalents: [],
  requires: ['networkDatabase', 'ectoRepos', 'runtimeConfig'],
  messages: {
    withoutInet6: '{{repo}} sets socket_options without :inet6 in prod ({{file}}:{{line}}): on an IPv6-only network the database host does not resolve (:nxdomain)',
    noSocketOptions:
      '{{repo}} has no socket_options in prod config and nothing reads ECTO_IPV6: on an IPv6-only network (Fly.io, some Kubernetes clusters) the database host does not resolve (:nxdomain)',
  },
  check({ profile }) {
    const repos = ectoRepos(profile);
    const hits: Hit[] = [];
    for (const repo of repos) {
      const sets = allSets(profile.facts, 'prod', repo.app, repo.module, ['socket_options']);
      const handled = sets.some((s) => termHasAtom(s.value, 'inet6') || envReads(s.value).some((e) => e.name === 'ECTO_IPV6') || !isLiteralList(s.value));
      if (handled) continue;
      const last = sets.at(-1);
      const rtCall = callsFor(profile.facts, 'prod', repo.app, repo.module, 'runtime').find((c) => !c.conditional) ?? callsFor(profile.facts, 'prod', repo.app, repo.module, 'runtime')[0];
      const anyCall = callsFor(profile.facts, 'prod', repo.app, repo.module).at(-1);
      const at = last?.evidence ?? (rtCall ? { file: rtCall.file, line: rtCall.line } : anyCall ? { file: anyCall.file, line: anyCall.line } : repo.evidence);
      hits.push({
        ...(last ? { messageId: 'withoutInet6', data: { repo: repo.module, file: at.file, line: at.line } } : { messageId: 'noSocketOptions', data: { repo: repo.module } }),
        evidence: [at],
      });
    }
    return hits;
  },
});

/** A literal list we can read (`[]`, `[keepalive: true]`); anything computed is assumed to handle IPv6. */
function isLiteralList(t: { t: string }): boolean {
  return t.t === 'list' || t.t === 'kw';
}
