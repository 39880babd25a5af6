import { phoenixDockerfiles, runnerInstructions } from '../../facts/dockerfile.js';
import { flyServiceLine, flyServices } from '../../facts/fly.js';
import { endpointSetting } from '../../facts/web.js';
import { lastSet } from '../../scan/config-query.js';
import { dockerEnvPairs } from '../../scan/extract/deploy-files.js';
import type { Evidence, FlyService, FlyTomlInfo, Profile } from '../../scan/profile.js';
import type { Term } from '../../scan/term.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

interface AppPort {
  port: number;
  /** Why: "PORT=8080 in fly.toml [env]", "config/prod.exs:6 sets http port 4000"… */
  why: string;
}

export const rule = defineRule({
  id: 'fly-internal-port-mismatch',
  title: 'fly.toml internal_port is not the port the app listens on',
  category: 'fly',
  severity: 'high',
  description:
    "Fly's proxy forwards requests to `internal_port`. When the app listens on another port (PORT unset in fly.toml `[env]` falls back to the runtime.exs default 4000, while `fly launch` writes 8080), every request fails with a 502 and the machine never passes its checks.",
  fix: 'Make them agree: set `PORT = "8080"` in fly.toml `[env]` (the app reads PORT in config/runtime.exs), or change `internal_port` to the port the app listens on.',
  equivalents: [],
  requires: ['flyTomls', 'endpoint'],
  messages: {
    mismatch: "{{file}} {{service}} internal_port = {{internalPort}}, but the app listens on port {{port}} ({{why}}): Fly's proxy gets no answer and every request fails",
  },
  check({ profile, flyTomls }) {
    const hits: Hit[] = [];
    for (const f of flyTomls) {
      // Only services Fly's proxy speaks HTTP to: a raw TCP service (an RTMP or SMTP server) is another listener.
      const services = flyServices(f).flatMap((s) => (s.data.internal_port !== undefined && speaksHttp(s.data) ? [{ ...s, internal: s.data.internal_port }] : []));
      if (services.length === 0) continue;
      const app = appPort(profile, f);
      // A port that depends on a variable nothing sets (and that has no default) cannot be judged.
      if (!app) continue;
      // Every endpoint the app runs listens somewhere: a second endpoint (an embed or admin one) has its own port.
      const others = profile.facts.endpoints.filter((e) => e.module !== profile.web.endpointModule).map((e) => endpointPort(profile, e.module, e.otpApp ?? profile.web.otpApp)).filter((n): n is number => n !== null);
      for (const s of services) {
        const internal = s.internal;
        if (internal === app.port || others.includes(internal)) continue;
        const ev: Evidence = { file: f.file, line: flyServiceLine(f, s, 'internal_port') };
        hits.push({
          messageId: 'mismatch',
          data: { file: f.file, service: s.label, internalPort: internal, port: app.port, why: app.why },
          // The ports are what the user changes to fix it, and `why` is an explanation: the finding is the service.
          snippet: s.label,
          evidence: [ev],
          fix: `Set \`PORT = "${internal}"\` in ${f.file} [env], or \`internal_port = ${app.port}\`.`,
        });
      }
    }
    return hits;
  },
});

/** `[http_service]`, or `[[services]]` with a port whose handlers include "http". */
function speaksHttp(service: FlyService): boolean {
  if (!service.ports) return service.protocol !== 'udp';
  return service.ports.some((p) => p.handlers?.includes('http'));
}

/** The literal http port another endpoint's prod config sets (`http: [port: 4001]`), or null. */
function endpointPort(p: Profile, module: string, app: string): number | null {
  const set = lastSet(p.facts, 'prod', app, module, ['http', 'port']);
  if (!set) return null;
  const n = intOf(set.value);
  if (n !== null) return n;
  const env = findEnv(set.value);
  return env?.default ? intOf(env.default) : null;
}

/** The port the prod endpoint listens on when run with this fly.toml, with the reason; null when it cannot be told. */
function appPort(p: Profile, f: FlyTomlInfo): AppPort | null {
  const fromRuntime = runtimePort(p, f);
  return fromRuntime === undefined ? configPort(p, f) : fromRuntime;
}

/**
 * The scan's runtime facts, when they name the port: the variable it is read from (`"A|B"`: the first one
 * fly.toml or the image sets, else the port when none is set), or the port the config fixes.
 */
function runtimePort(p: Profile, f: FlyTomlInfo): AppPort | null | undefined {
  const rt: Profile['runtime'] | undefined = p.runtime;
  const at = p.evidence?.['runtime.port'] ?? 'the prod config';
  if (rt?.portEnv) {
    const names = rt.portEnv.split('|');
    for (const name of names) {
      const set = portFromEnv(p, f, name, null, at);
      if (set) return set;
    }
    if (rt.listenPort === null) return null;
    const read = p.runtimeConfig.env.find((e) => e.name === names[0])?.evidence;
    const readAt = read ? `${read.file}:${read.line}` : at;
    return { port: rt.listenPort, why: `${readAt} reads ${names.join(' or ')} with default ${rt.listenPort}, and neither ${f.file} [env] nor the Dockerfile sets ${names.length > 1 ? 'them' : names[0]}` };
  }
  if (typeof rt?.listenPort === 'number') return { port: rt.listenPort, why: `${at} sets the http port to ${rt.listenPort}` };
  return undefined;
}

/** The port from the endpoint's last prod setting, for profiles without runtime facts. */
function configPort(p: Profile, f: FlyTomlInfo): AppPort | null {
  const set = endpointSetting(p, ['http', 'port']);
  if (set) {
    const n = intOf(set.value);
    if (n !== null) return { port: n, why: `${set.evidence.file}:${set.evidence.line} sets the http port to ${n}` };
    const env = findEnv(set.value);
    if (env?.name) return portFromEnv(p, f, env.name, env.default ? intOf(env.default) : null, `${set.evidence.file}:${env.line}`);
  }
  // No readable port in the endpoint config: the runtime.exs PORT convention, else Phoenix's default.
  const portVar = p.runtimeConfig.env.find((e) => e.name === 'PORT' && !e.dynamic);
  if (portVar) return portFromEnv(p, f, 'PORT', portVar.default !== null && /^\d+$/.test(portVar.default) ? Number(portVar.default) : null, `${portVar.evidence.file}:${portVar.evidence.line}`);
  if (set) return null;
  return { port: 4000, why: "no http port in the prod config: Phoenix's default" };
}

function portFromEnv(p: Profile, f: FlyTomlInfo, name: string, fallback: number | null, readAt: string): AppPort | null {
  const fromFly = f.data?.env?.[name];
  if (fromFly !== undefined) {
    const v = String(fromFly);
    if (/^\d+$/.test(v)) return { port: Number(v), why: `${name}=${v} in ${f.file} [env]` };
    return null;
  }
  for (const d of phoenixDockerfiles(p)) {
    const set = [...runnerInstructions(d)].reverse().flatMap((i) => {
      const v = i.keyword === 'ENV' ? dockerEnvPairs(i.args)[name] : undefined;
      return v === undefined ? [] : [{ line: i.line, v }];
    })[0];
    if (set) {
      const v = set.v;
      if (/^\d+$/.test(v)) return { port: Number(v), why: `ENV ${name}=${v} in ${d.file}:${set.line}; ${f.file} [env] does not set ${name}` };
      return null;
    }
  }
  if (fallback === null) return null;
  return { port: fallback, why: `${readAt} reads ${name} with default ${fallback}, and neither ${f.file} [env] nor the Dockerfile sets ${name}` };
}

function intOf(t: Term): number | null {
  if (t.t === 'int') return t.v;
  if (t.t === 'string' && !t.interpolated && /^\d+$/.test(t.v)) return Number(t.v);
  return null;
}

/** The env read inside a term: `String.to_integer(System.get_env("PORT") || "4000")`, `{:system, "PORT"}`… */
function findEnv(t: Term | null | undefined): Extract<Term, { t: 'env' }> | null {
  if (!t) return null;
  switch (t.t) {
    case 'env':
      return t;
    case 'call':
      for (const a of t.args) {
        const e = findEnv(a);
        if (e) return e;
      }
      return null;
    case 'op': {
      const e = findEnv(t.left);
      if (e && e.default === null && t.op === '||') return { ...e, default: t.right };
      return e ?? findEnv(t.right);
    }
    case 'list':
    case 'tuple':
      for (const a of t.items) {
        const e = findEnv(a);
        if (e) return e;
      }
      return null;
    default:
      return null;
  }
}
