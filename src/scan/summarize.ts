/**
 * From gathered facts to the stable summary (`scan --json`): each field decided once, here,
 * with its evidence.
 */
import { lastSet } from './config-query.js';
import type {
  AssetsPipeline,
  Clustering,
  Database,
  EnvVar,
  Evidence,
  Facts,
  HttpServer,
  MixProject,
  Profile,
  PubSubAdapter,
  RateLimiter,
  ScanWarning,
} from './profile.js';
import { SCHEMA_VERSION } from './profile.js';
import { redactValue } from './redact.js';
import { kwGet, literal, show, type Term } from './term.js';

export interface SummarizeInput {
  root: string;
  projectPath: string;
  umbrella: boolean;
  webProject: MixProject;
  facts: Facts;
  repos: { module: string; adapter: string | null; otpApp: string | null; evidence: Evidence }[];
  endpointPaths: { plug: string; path: string; evidence: Evidence }[];
  healthModulePaths: { module: string; path: string; evidence: Evidence }[];
  cspModules: Set<string>;
  relOverlays: string[];
  warnings: ScanWarning[];
}

const HEALTH_PATH = /^\/(api\/)?(_?health(z|check)?|healthcheck|livez?|readyz?|readiness|liveness|ping|status|up|heartbeat)(\/[\w-]+)?$/i;
const AUTH_PLUG = /require_auth|require_authenticated|ensure_auth|authenticate|basic_?auth|require_admin|require_user|api_auth|verify_token|Guardian\.Plug\.EnsureAuthenticated|Pow\.Plug\.RequireAuthenticated/i;

const ev = (e: Evidence | null | undefined) => (e ? `${e.file}:${e.line}` : null);

export function summarize(input: SummarizeInput): Profile {
  const { facts, webProject } = input;
  const evidence: Record<string, string> = {};
  const note = (key: string, e: Evidence | null | undefined) => {
    const s = ev(e);
    if (s) evidence[key] = s;
  };
  const appProjects = facts.projects.filter((p) => p.kind !== 'umbrella-root');
  const allDeps = appProjects.flatMap((p) => p.deps);
  const depOf = (name: string) => allDeps.find((d) => d.name === name && !(d.only && !d.only.includes('prod')));
  const lockOf = (name: string) => facts.lock?.entries.find((e) => e.name === name) ?? null;

  // ---- web app, endpoint, router
  const webPrefix = webProject.path === '.' ? '' : `${webProject.path}/`;
  const endpoint = facts.endpoints.find((e) => e.otpApp === webProject.otpApp) ?? facts.endpoints.find((e) => e.file.startsWith(webPrefix)) ?? facts.endpoints[0] ?? null;
  const routerName = endpoint?.plugs.map((p) => p.name).find((n) => facts.routers.some((r) => r.module === n));
  const router = facts.routers.find((r) => r.module === routerName) ?? facts.routers.find((r) => r.file.startsWith(webPrefix)) ?? facts.routers[0] ?? null;
  note('web', webProject.evidence);
  note('endpoint', endpoint?.evidence);
  note('router', router?.evidence);
  const otp = webProject.otpApp;
  const endpointModule = endpoint?.module ?? null;
  const epConfigApp = endpoint?.otpApp ?? otp;

  // ---- versions
  const phoenixLock = lockOf('phoenix');
  const lvLock = lockOf('phoenix_live_view');
  const ectoLock = lockOf('ecto');
  note('phoenix', phoenixLock?.evidence);
  note('liveViewVersion', lvLock?.evidence);
  note('ecto', ectoLock?.evidence);
  const elixirReqProject = [webProject, ...facts.projects].find((p) => p.elixirRequirement);
  if (elixirReqProject) note('elixirRequirement', elixirReqProject.elixirRequirementEvidence ?? elixirReqProject.evidence);
  if (facts.toolVersions.file) note('elixir', { file: facts.toolVersions.file, line: facts.toolVersions.line ?? 1 });

  // ---- database
  let database: Database = 'none';
  const repo = input.repos.find((r) => r.otpApp === otp) ?? input.repos[0];
  const adapterDb = (a: string | null): Database | null => {
    if (!a) return null;
    if (/Postgres/.test(a)) return 'postgres';
    if (/MyXQL|MySQL/.test(a)) return 'mysql';
    if (/SQLite/i.test(a)) return 'sqlite';
    if (/Tds|MSSQL/i.test(a)) return 'mssql';
    return null;
  };
  if (repo && adapterDb(repo.adapter)) {
    database = adapterDb(repo.adapter)!;
    note('database', repo.evidence);
  } else {
    const byDep: [string, Database][] = [['postgrex', 'postgres'], ['myxql', 'mysql'], ['ecto_sqlite3', 'sqlite'], ['tds', 'mssql']];
    for (const [name, db] of byDep) {
      const d = depOf(name);
      if (d) {
        database = db;
        note('database', d.evidence);
        break;
      }
    }
  }

  // ---- LiveView served
  const liveRoutes = (router ? [router] : facts.routers).flatMap((r) => r.routes).filter((r) => r.verb === 'live' && !r.devOnly);
  const liveView = liveRoutes.length > 0 || facts.usage.liveRender.length > 0;
  if (liveView) note('liveView', liveRoutes[0]?.evidence ?? facts.usage.liveRender[0]);

  // ---- children
  const children = facts.applications.flatMap((a) => a.children);
  const child = (pred: (m: string) => boolean) => children.find((c) => pred(c.module));
  const obanChild = child((m) => m === 'Oban' || m === 'Oban.Pro');
  if (obanChild) note('oban', obanChild.evidence);

  let pubsub: PubSubAdapter = 'pg';
  const pubsubChild = child((m) => m === 'Phoenix.PubSub');
  const adapterOf = (t: Term | null | undefined): string | null => literal(kwGet(t, 'adapter'));
  let pubsubAdapter = adapterOf(pubsubChild?.opts);
  if (pubsubChild) note('pubsub', pubsubChild.evidence);
  if (!pubsubAdapter) {
    // Phoenix ≤ 1.4: `pubsub: [name: …, adapter: Phoenix.PubSub.PG2]` in the endpoint config.
    const ps = endpointModule ? lastSet(facts, 'prod', epConfigApp, endpointModule, ['pubsub', 'adapter']) : null;
    if (ps) {
      pubsubAdapter = literal(ps.value);
      note('pubsub', ps.evidence);
    }
    const name = literal(kwGet(pubsubChild?.opts, 'name'));
    if (name) {
      const cfg = lastSet(facts, 'prod', otp, name, ['adapter']);
      if (cfg) {
        pubsubAdapter = literal(cfg.value);
        note('pubsub', cfg.evidence);
      }
    }
  }
  if (pubsubAdapter) pubsub = /Redis/.test(pubsubAdapter) ? 'redis' : /PG2?$/.test(pubsubAdapter) ? 'pg' : 'other';

  let clustering: Clustering = 'none';
  const dns = child((m) => m === 'DNSCluster');
  const lib = child((m) => m === 'Cluster.Supervisor');
  if (dns) {
    clustering = 'dns_cluster';
    note('clustering', dns.evidence);
  } else if (lib) {
    clustering = 'libcluster';
    note('clustering', lib.evidence);
  }

  // ---- HTTP server
  let httpServer: HttpServer = 'cowboy';
  const adapterSet = endpointModule ? lastSet(facts, 'prod', epConfigApp, endpointModule, ['adapter']) : null;
  if (adapterSet && /Bandit/.test(literal(adapterSet.value) ?? '')) {
    httpServer = 'bandit';
    note('httpServer', adapterSet.evidence);
  } else if (!adapterSet && depOf('bandit') && !depOf('plug_cowboy')) {
    httpServer = 'bandit';
    note('httpServer', depOf('bandit')!.evidence);
  } else {
    note('httpServer', adapterSet?.evidence ?? depOf('plug_cowboy')?.evidence);
  }

  const assets: AssetsPipeline = facts.assets.pipeline;
  note('assets', facts.assets.evidence);

  const sentryDep = depOf('sentry');
  note('sentry', sentryDep?.evidence);
  let rateLimiter: RateLimiter = 'none';
  for (const [name, kind] of [['hammer', 'hammer'], ['hammer_plug', 'hammer'], ['plug_attack', 'plug_attack'], ['ex_rated', 'other'], ['rate_limiter', 'other'], ['paraxial', 'other']] as const) {
    const d = depOf(name);
    if (d) {
      rateLimiter = kind;
      note('rateLimiter', d.evidence);
      break;
    }
  }

  // ---- mailer: the adapter in effect in prod
  let mailer: string | null = null;
  const mailerKeys = [...new Set(facts.config.filter((c) => c.key && /Mailer$/.test(c.key) && kwGet(c.opts, 'adapter')).map((c) => `${c.app}|${c.key}`))];
  for (const k of mailerKeys) {
    const [app, key] = k.split('|') as [string, string];
    const set = lastSet(facts, 'prod', app, key, ['adapter']);
    if (set) {
      mailer = literal(set.value) ?? show(set.value);
      note('mailer', set.evidence);
      break;
    }
  }

  // ---- runtime config and env vars
  const runtimeFile = facts.configFiles.find((f) => f.runtime && f.file.endsWith('runtime.exs'))?.file ?? facts.configFiles.find((f) => f.runtime)?.file ?? null;
  const env: EnvVar[] = [];
  const byName = new Map<string, EnvVar>();
  for (const r of facts.envReads) {
    if (!r.runtime || !r.envs.includes('prod')) continue;
    if (r.dynamic) {
      env.push({ name: r.name, required: r.required, default: redactValue(r.name, r.default), dynamic: true, evidence: r.evidence });
      continue;
    }
    const prev = byName.get(r.name);
    if (prev) {
      prev.required ||= r.required;
      prev.default ??= redactValue(r.name, r.default);
      continue;
    }
    const v: EnvVar = { name: r.name, required: r.required, default: redactValue(r.name, r.default), dynamic: false, evidence: r.evidence };
    byName.set(r.name, v);
    env.push(v);
  }
  if (runtimeFile) note('runtimeConfig', { file: runtimeFile, line: 1 });

  // ---- security
  const security = { forceSsl: false, hsts: false, csp: false, checkOrigin: null as string | null };
  if (endpointModule) {
    const fs = lastSet(facts, 'prod', epConfigApp, endpointModule, ['force_ssl']);
    if (fs && fs.value.t !== 'nil' && !(fs.value.t === 'bool' && !fs.value.v)) {
      security.forceSsl = true;
      note('forceSsl', fs.evidence);
      const hsts = kwGet(fs.value, 'hsts');
      security.hsts = !(hsts?.t === 'bool' && !hsts.v);
      if (security.hsts) note('hsts', fs.evidence);
    }
  }
  const sslPlug = endpoint?.plugs.find((p) => p.name === 'Plug.SSL' && !p.conditional);
  if (sslPlug && !security.forceSsl) {
    security.forceSsl = true;
    note('forceSsl', sslPlug.evidence);
    const hsts = kwGet(sslPlug.opts, 'hsts');
    security.hsts = !(hsts?.t === 'bool' && !hsts.v);
    if (security.hsts) note('hsts', sslPlug.evidence);
  }
  const cspEvidence = findCsp(facts, router, endpoint, input.cspModules);
  if (cspEvidence) {
    security.csp = true;
    note('csp', cspEvidence);
  }
  if (!security.hsts) {
    const hstsHeader = findHeader(router, 'strict-transport-security');
    if (hstsHeader) {
      security.hsts = true;
      note('hsts', hstsHeader);
    }
  }
  if (endpointModule) {
    const co = lastSet(facts, 'prod', epConfigApp, endpointModule, ['check_origin']);
    if (co) {
      security.checkOrigin = show(co.value);
      note('checkOrigin', co.evidence);
    }
  }
  for (const s of endpoint?.sockets ?? []) {
    const co = kwGet(kwGet(s.opts, 'websocket'), 'check_origin') ?? kwGet(s.opts, 'check_origin');
    if (co) {
      security.checkOrigin = show(co);
      note('checkOrigin', s.evidence);
    }
  }

  // ---- health
  let health: { path: string } | null = null;
  const routes = (router ? [router] : facts.routers).flatMap((r) => r.routes.map((rt) => ({ rt, r })));
  for (const { rt, r } of routes) {
    if (rt.devOnly || !['get', 'forward', 'match', 'head'].includes(rt.verb) || !HEALTH_PATH.test(rt.path)) continue;
    const authed = rt.pipelines.some((pn) => /auth/i.test(pn) && !/redirect_if/i.test(pn)) || rt.pipelines.some((pn) => r.pipelines.find((p) => p.name === pn)?.plugs.some((pl) => AUTH_PLUG.test(pl.name)));
    if (authed) continue;
    health = { path: rt.path };
    note('health', rt.evidence);
    break;
  }
  if (!health) {
    const ep = [...input.endpointPaths, ...input.healthModulePaths.map((h) => ({ plug: h.module, path: h.path, evidence: h.evidence }))].find((p) => HEALTH_PATH.test(p.path));
    if (ep) {
      health = { path: ep.path };
      note('health', ep.evidence);
    }
  }

  const releaseModule = facts.releaseModules[0] ? { file: facts.releaseModules[0].file, module: facts.releaseModules[0].module } : null;
  if (facts.releaseModules[0]) note('releaseModule', facts.releaseModules[0].evidence);

  const apps = appProjects.map((p) => ({ path: p.path, otpApp: p.otpApp, phoenix: p.phoenix }));
  const sortedEvidence: Record<string, string> = {};
  for (const k of Object.keys(evidence).sort()) sortedEvidence[k] = evidence[k]!;

  return {
    schemaVersion: SCHEMA_VERSION,
    root: input.root,
    projectPath: input.projectPath,
    umbrella: input.umbrella,
    apps,
    web: { path: webProject.path, otpApp: otp, endpointModule, routerModule: router?.module ?? null },
    versions: {
      phoenix: phoenixLock?.version ?? null,
      liveView: lvLock?.version ?? null,
      ecto: ectoLock?.version ?? null,
      elixirRequirement: elixirReqProject?.elixirRequirement ?? null,
      elixir: facts.toolVersions.elixir,
      otp: facts.toolVersions.otp,
    },
    database,
    liveView,
    oban: !!obanChild,
    pubsub,
    clustering,
    httpServer,
    assets,
    sentry: !!sentryDep,
    rateLimiter,
    mailer,
    runtimeConfig: { file: runtimeFile, env },
    security,
    health,
    releaseModule,
    deployFiles: {
      dockerfiles: facts.dockerfiles.map((d) => d.file),
      flyTomls: facts.flyTomls.map((f) => f.file),
      k8s: [...new Set(facts.k8s.map((k) => k.file))],
      workflows: facts.workflows.map((w) => w.file),
      relOverlays: input.relOverlays,
    },
    evidence: sortedEvidence,
    warnings: input.warnings,
    facts,
  };
}

/** The Phoenix 1.8 generator's default CSP sets only base-uri/frame-ancestors: not an explicit policy. */
export function isExplicitCsp(policy: string): boolean {
  const directives = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/)[0]?.toLowerCase())
    .filter((d): d is string => !!d);
  return directives.some((d) => d !== 'base-uri' && d !== 'frame-ancestors');
}

function cspFromTerm(t: Term | null | undefined): string | null {
  if (!t || t.t !== 'map') return null;
  for (const p of t.pairs) {
    if (literal(p.key)?.toLowerCase() === 'content-security-policy') return literal(p.value) ?? show(p.value);
  }
  return null;
}

function findCsp(facts: Facts, router: Facts['routers'][number] | null, endpoint: Facts['endpoints'][number] | null, cspModules: Set<string>): Evidence | null {
  for (const r of router ? [router] : facts.routers) {
    for (const p of r.pipelines) {
      for (const plug of p.plugs) {
        if (plug.name === 'put_secure_browser_headers') {
          const policy = cspFromTerm(plug.opts);
          if (policy && isExplicitCsp(policy)) return plug.evidence;
        } else if (cspModules.has(plug.name) || /csp|content_?security/i.test(plug.name)) {
          return plug.evidence;
        }
      }
    }
  }
  for (const plug of endpoint?.plugs ?? []) {
    if (cspModules.has(plug.name) || /csp|content_?security/i.test(plug.name)) return plug.evidence;
  }
  return null;
}

function findHeader(router: Facts['routers'][number] | null, header: string): Evidence | null {
  for (const p of router?.pipelines ?? []) {
    for (const plug of p.plugs) {
      if (plug.name !== 'put_secure_browser_headers' || plug.opts?.t !== 'map') continue;
      if (plug.opts.pairs.some((pair) => literal(pair.key)?.toLowerCase() === header)) return plug.evidence;
    }
  }
  return null;
}

