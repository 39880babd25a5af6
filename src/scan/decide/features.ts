/**
 * What the app runs: LiveView served, Oban and PubSub and cluster discovery started, the HTTP
 * server, assets, Sentry, a rate limiter, the prod mailer.
 */
import { lastSet } from '../config-query.js';
import type { Child, Clustering, Evidence, Facts, PubSubAdapter, RateLimiter } from '../profile.js';
import { kwGet, literal, show, type Term } from '../term.js';
import { settingsOf } from '../runtime/terms.js';
import { depOf, type Decider, type DecideInput } from './types.js';

function children(facts: Facts): Child[] {
  return facts.applications.flatMap((a) => a.children);
}

export const decideLiveView: Decider<'liveView'> = ({ facts, web }) => {
  const routers = web.router ? [web.router] : facts.routers;
  const live = routers.flatMap((r) => r.routes).find((r) => r.verb === 'live' && !r.devOnly);
  const render = facts.usage.liveRender[0];
  return { value: !!(live || render), evidence: { liveView: live?.evidence ?? render } };
};

export const decideOban: Decider<'oban'> = ({ facts }) => {
  const c = children(facts).find((x) => x.module === 'Oban' || x.module === 'Oban.Pro');
  return { value: !!c, evidence: { oban: c?.evidence } };
};

export const decidePubsub: Decider<'pubsub'> = ({ facts, web }) => {
  const child = children(facts).find((c) => c.module === 'Phoenix.PubSub');
  const otp = web.project.otpApp;
  const endpointModule = web.endpoint?.module ?? null;
  const epApp = web.endpoint?.otpApp ?? otp;
  let adapter = literal(kwGet(child?.opts, 'adapter'));
  let evidence: Evidence | undefined = child?.evidence;
  // Options chosen at boot (`case redis_url() do "redis://" <> _ -> [adapter: Phoenix.PubSub.Redis, …]; _ -> [name: …] end`):
  // the adapter the app is written to run with in production.
  if (!adapter && child?.opts && child.opts.t !== 'kw') adapter = settingsOf(child.opts, 'adapter').map((s) => literal(s.value)).find((a) => !!a) ?? null;
  if (!adapter) {
    // Phoenix ≤ 1.4: `pubsub: [name: …, adapter: Phoenix.PubSub.PG2]` in the endpoint config.
    const ps = endpointModule ? lastSet(facts, 'prod', epApp, endpointModule, ['pubsub', 'adapter']) : null;
    if (ps) {
      adapter = literal(ps.value);
      evidence = ps.evidence;
    }
    const name = literal(kwGet(child?.opts, 'name'));
    const cfg = name ? lastSet(facts, 'prod', otp, name, ['adapter']) : null;
    if (cfg) {
      adapter = literal(cfg.value);
      evidence = cfg.evidence;
    }
  }
  const value: PubSubAdapter = !adapter ? 'pg' : /Redis/.test(adapter) ? 'redis' : /PG2?$/.test(adapter) ? 'pg' : 'other';
  return { value, evidence: { pubsub: evidence } };
};

/** Topologies given to libcluster for prod: `config :libcluster, topologies: [...]`, or literal in the child. */
function libclusterTopology(facts: Facts, child: Child): { evidence: Evidence; conditional: boolean } | null {
  const set = lastSet(facts, 'prod', 'libcluster', null, ['topologies']);
  if (set && nonEmpty(set.value)) return { evidence: set.evidence, conditional: set.call.conditional };
  const args = child.opts;
  const topo = kwGet(args, 'topologies') ?? (args?.t === 'list' ? args.items[0] : undefined);
  if (topo && nonEmpty(topo)) return { evidence: child.evidence, conditional: false };
  return null;
}

function nonEmpty(t: Term): boolean {
  if (t.t === 'kw') return t.pairs.length > 0;
  if (t.t === 'list') return t.items.length > 0;
  return t.t !== 'nil';
}

/**
 * The cluster discovery the app starts for prod. When both DNSCluster and libcluster are started,
 * libcluster wins when it has a prod topology: the generator's `{DNSCluster, query: … || :ignore}`
 * stays inert unless DNS_CLUSTER_QUERY is set — unless DNSCluster is given a literal query and the
 * libcluster topology is only conditional.
 */
export const decideClustering: Decider<'clustering'> = ({ facts }) => {
  const all = children(facts);
  const dns = all.find((c) => c.module === 'DNSCluster');
  const lib = all.find((c) => c.module === 'Cluster.Supervisor');
  if (dns && lib) {
    const topology = libclusterTopology(facts, lib);
    const literalQuery = kwGet(dns.opts, 'query');
    const dnsFixed = literalQuery?.t === 'string';
    if (topology && !(dnsFixed && topology.conditional)) {
      return { value: 'libcluster', evidence: { clustering: lib.evidence }, reasons: { clustering: `both DNSCluster and Cluster.Supervisor are started; libcluster has a prod topology (${topology.evidence.file}:${topology.evidence.line})` } };
    }
    return { value: 'dns_cluster', evidence: { clustering: dns.evidence }, reasons: { clustering: 'both DNSCluster and Cluster.Supervisor are started; libcluster has no prod topology' } };
  }
  const value: Clustering = dns ? 'dns_cluster' : lib ? 'libcluster' : 'none';
  return { value, evidence: { clustering: (dns ?? lib)?.evidence } };
};

export const decideHttpServer: Decider<'httpServer'> = ({ facts, web }) => {
  const mod = web.endpoint?.module;
  const app = web.endpoint?.otpApp ?? web.project.otpApp;
  const set = mod ? lastSet(facts, 'prod', app, mod, ['adapter']) : null;
  if (set && /Bandit/.test(literal(set.value) ?? '')) return { value: 'bandit', evidence: { httpServer: set.evidence } };
  const bandit = depOf(facts, 'bandit');
  if (!set && bandit && !depOf(facts, 'plug_cowboy')) return { value: 'bandit', evidence: { httpServer: bandit.evidence } };
  return { value: 'cowboy', evidence: { httpServer: set?.evidence ?? depOf(facts, 'plug_cowboy')?.evidence } };
};

export const decideAssets: Decider<'assets'> = ({ facts }) => ({ value: facts.assets.pipeline, evidence: { assets: facts.assets.evidence } });

export const decideSentry: Decider<'sentry'> = ({ facts }) => {
  const d = depOf(facts, 'sentry');
  return { value: !!d, evidence: { sentry: d?.evidence } };
};

const LIMITER_DEPS: readonly [string, RateLimiter][] = [
  ['hammer', 'hammer'],
  ['hammer_plug', 'hammer'],
  ['plug_attack', 'plug_attack'],
  ['ex_rated', 'other'],
  ['rate_limiter', 'other'],
  ['paraxial', 'other'],
];
/** A project module that limits request rates (`MyAppWeb.Plugs.RateLimiter`, `Throttle`). */
const LIMITER_MODULE = /(^|\.)(\w*RateLimit\w*|\w*Ratelimit\w*|\w*Throttl\w*)$/;

export const decideRateLimiter: Decider<'rateLimiter'> = ({ facts }) => {
  for (const [name, kind] of LIMITER_DEPS) {
    const d = depOf(facts, name);
    if (d) return { value: kind, evidence: { rateLimiter: d.evidence } };
  }
  const mod = Object.keys(facts.modules).find((m) => LIMITER_MODULE.test(m));
  if (mod) return { value: 'other', evidence: { rateLimiter: facts.modules[mod] }, reasons: { rateLimiter: `the project defines its own limiter, ${mod}` } };
  return { value: 'none' };
};

export const decideMailer: Decider<'mailer'> = ({ facts }: DecideInput) => {
  const seen = new Set<string>();
  for (const c of facts.config) {
    if (!c.key || !/Mailer$/.test(c.key) || !kwGet(c.opts, 'adapter') || seen.has(`${c.app}|${c.key}`)) continue;
    seen.add(`${c.app}|${c.key}`);
    const set = lastSet(facts, 'prod', c.app, c.key, ['adapter']);
    if (set) return { value: literal(set.value) ?? show(set.value), evidence: { mailer: set.evidence } };
  }
  return { value: null };
};
