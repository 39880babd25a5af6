/**
 * What the app's libcluster configuration says, read from the scanned config calls (no I/O): the
 * topology strategies, the headless service they look up and the node basename they expect.
 */
import type { Profile } from '../../scan/profile.js';
import type { Term } from '../../scan/term.js';
import { kwGet, literal } from '../../scan/term.js';
import { libclusterExs } from './templates/index.js';

export interface LibclusterTopology {
  name: string;
  /** e.g. "Cluster.Strategy.Kubernetes.DNS". */
  strategy: string;
  /** The `service:` value when literal (or the env var's default). */
  service: string | null;
  /** The env var `service:` is read from, when it is. */
  serviceEnv: string | null;
  /** `application_name:` (must equal the node basename, i.e. the release name). */
  applicationName: string | null;
  /** Config file and line, for notes. */
  where: string;
}

export const K8S_STRATEGIES = ['Cluster.Strategy.Kubernetes.DNS', 'Cluster.Strategy.Kubernetes.DNSSRV', 'Cluster.Strategy.Kubernetes'] as const;

/** Topologies configured for production (runtime.exs prod branch, prod.exs or config.exs), later calls winning. */
export function libclusterTopologies(profile: Profile): LibclusterTopology[] {
  const calls = profile.facts.config.filter((c) => c.app === 'libcluster' && (c.env === 'prod' || c.env === 'all'));
  const byName = new Map<string, LibclusterTopology>();
  for (const call of calls) {
    const topologies = kwGet(call.opts, 'topologies');
    if (!topologies || topologies.t !== 'kw') continue;
    for (const pair of topologies.pairs) {
      const strategy = literal(kwGet(pair.value, 'strategy'));
      if (!strategy) continue;
      const config = kwGet(pair.value, 'config');
      const serviceTerm = kwGet(config, 'service');
      byName.set(pair.key, {
        name: pair.key,
        strategy,
        service: envOrLiteral(serviceTerm).value,
        serviceEnv: envOrLiteral(serviceTerm).env,
        applicationName: literal(kwGet(config, 'application_name')),
        where: `${call.file}:${pair.line}`,
      });
    }
  }
  return [...byName.values()];
}

/** The first topology using a Kubernetes strategy, if any. */
export function kubernetesTopology(profile: Profile): LibclusterTopology | null {
  return libclusterTopologies(profile).find((t) => (K8S_STRATEGIES as readonly string[]).includes(t.strategy)) ?? null;
}

function envOrLiteral(term: Term | undefined): { value: string | null; env: string | null } {
  if (!term) return { value: null, env: null };
  if (term.t === 'env') return { value: term.default ? literal(term.default) : null, env: term.name };
  if (term.t === 'op' && term.op === '||' && term.left.t === 'env') {
    return { value: literal(term.right), env: term.left.name };
  }
  return { value: literal(term), env: null };
}

/** The runtime.exs block that configures libcluster's Kubernetes DNS strategy against the headless Service (templates/libcluster.exs.eta). */
export function libclusterRuntimeBlock(headlessService: string, releaseName: string): string {
  return `\n${libclusterExs.render({ headlessService, releaseName })}`;
}
