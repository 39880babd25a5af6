/**
 * The port the prod app listens on: the env var its endpoint's `http: [port: …]` is read from
 * (`"A|B"` when A falls back to B) and the port when that variable is unset — the default of the
 * read, else an earlier literal the read falls back to (`http: [port: 4000]` in prod.exs overridden
 * only when `PORT` is set), else none (the boot needs the variable).
 *
 * The value is followed where it really goes: settings merged with `++`/`Keyword.merge`, inside
 * `if`/`case`, a `{:system, "PORT"}` tuple (read at boot), the endpoint's `init/2` callback when the
 * config names no port, a project function the config calls (its result), and the app's own
 * Plug.Cowboy/Bandit listener when no endpoint serves. In a release, a read in a build-time config
 * file (config.exs, prod.exs) is baked into the release: only its fallback counts.
 */
import { callsFor, lastSet } from '../config-query.js';
import type { ConfigCall, DeployMode, Evidence, Facts } from '../profile.js';
import { kwGet, literal, type Term } from '../term.js';
import type { Served } from './served-endpoint.js';
import { runsWhenUnset, settingsOf, unsetValue } from './terms.js';

export interface PortDecision {
  portEnv: string | null;
  listenPort: number | null;
  evidence: Evidence | null;
  reason: string | null;
}

interface PortSetting {
  value: Term;
  evidence: Evidence;
  /** Runs when every env var is unset: true, false, or null (cannot tell). */
  onDefaultPath: boolean | null;
  /** Env reads count (runtime config, `{:system, …}`, or a Mix deployment). */
  readsCount: boolean;
  /** A project function's result: integer literals in it are its fallbacks. */
  fromFunction: boolean;
}

export function decidePort(facts: Facts, served: Served, mode: DeployMode): PortDecision {
  if (served.listener) return listenerPort(facts, served, mode);
  const ep = served.endpoint;
  if (!ep) return { portEnv: null, listenPort: null, evidence: null, reason: 'no endpoint is served in prod' };
  const settings = portSettings(facts, served.app, ep.module, mode);
  if (settings.length === 0) {
    const cb = facts.runtimeSources.callbacks.find((c) => c.kind === 'endpoint' && c.module === ep.module);
    const put = cb ? cb.settings.filter((s) => s.key === 'http').flatMap((s) => settingsOf(wrapKw('http', s.value), 'http').flatMap((h) => settingsOf(h.value, 'port').map((p) => ({ ...p, line: s.line })))) : [];
    for (const p of put) settings.push({ value: p.value, evidence: { file: cb!.evidence.file, line: p.line }, onDefaultPath: true, readsCount: true, fromFunction: false });
    if (settings.length === 0 && loadsFromSystemEnv(facts, served.app, ep.module)) {
      // Phoenix ≤ 1.3's `load_from_system_env: true`: the generated init/2 reads PORT at boot.
      return { portEnv: 'PORT', listenPort: null, evidence: ep.evidence, reason: '`load_from_system_env: true`: the endpoint reads PORT at boot' };
    }
  }
  if (settings.length === 0) return { portEnv: null, listenPort: null, evidence: null, reason: `${ep.module} sets no http port for prod` };
  return fromSettings(settings);
}

/** `http: [port: …]` of the endpoint's prod config calls, in evaluation order (project functions resolved). */
function portSettings(facts: Facts, app: string, module: string, mode: DeployMode): PortSetting[] {
  const out: PortSetting[] = [];
  for (const call of callsFor(facts, 'prod', app, module)) {
    for (const http of settingsOf(call.opts, 'http')) {
      const value = resolveFunctions(http.value, facts.runtimeSources.functions);
      for (const p of settingsOf(value.term, 'port')) {
        const port = resolveFunctions(p.value, facts.runtimeSources.functions);
        out.push({
          value: port.term,
          evidence: { file: call.file, line: p.line || http.line },
          onDefaultPath: p.inline ? null : runsWhenUnset(call.guards),
          readsCount: call.runtime || mode === 'mix' || systemTuple(port.term),
          fromFunction: value.resolved || port.resolved,
        });
      }
    }
  }
  return out;
}

function fromSettings(settings: PortSetting[]): PortDecision {
  // The variable: the last setting that reads one (conditional ones too: they say what is read).
  const reading = [...settings].reverse().find((s) => s.readsCount && portChain(s.value).length);
  const portEnv = reading ? portChain(reading.value).join('|') : null;
  let listenPort: number | null = null;
  let from: PortSetting | null = null;
  for (const s of [...settings].reverse()) {
    if (s.onDefaultPath === false) continue;
    const n = portNumber(s);
    if (n !== undefined) {
      listenPort = n;
      from = s;
      break;
    }
    // A read that is nil when unset (and not passed to something that crashes) falls back to what was set before.
    const reads = portChain(s.value).length > 0;
    if (!reads || requiredRead(s.value)) break;
  }
  const evidence = reading?.evidence ?? from?.evidence ?? settings.at(-1)!.evidence;
  const reason = portEnv ? `the prod http port is read from ${portEnv}${listenPort !== null ? `, ${listenPort} when unset` : ' (no default: the boot needs it)'}` : listenPort !== null ? `the prod http port is fixed at ${listenPort}` : null;
  return { portEnv, listenPort, evidence, reason };
}

/** The port when every variable is unset, or undefined when it is not a known number. */
function portNumber(s: PortSetting): number | null | undefined {
  const u = unsetValue(s.value);
  const n = u ? toPort(u.v) : undefined;
  if (n !== undefined) return n;
  if (s.fromFunction) {
    // A helper's fallback: `case … do {port, _} -> port; _ -> 4000 end`.
    const ints = [...new Set(intsIn(s.value).filter((i) => i > 0 && i < 65536))];
    if (ints.length === 1) return ints[0]!;
  }
  return undefined;
}

function toPort(v: string | number | boolean | null): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 65536) return v;
  if (typeof v === 'string' && /^\d{1,5}$/.test(v) && Number(v) > 0 && Number(v) < 65536) return Number(v);
  return undefined;
}

/** The variables of a port value's fallback chain: `System.get_env("HTTP_PORT") || System.get_env("PORT")` → HTTP_PORT, PORT. */
export function portChain(t: Term, out: string[] = [], depth = 0): string[] {
  if (depth > 10) return out;
  switch (t.t) {
    case 'env':
      if (t.name && !out.includes(t.name)) out.push(t.name);
      if (t.default) portChain(t.default, out, depth + 1);
      break;
    case 'op':
      if (t.op === '||' || t.op === '|>' || t.op === '&&') {
        portChain(t.left, out, depth + 1);
        portChain(t.right, out, depth + 1);
      }
      break;
    case 'call':
      // String.to_integer(…), a case on the read, a helper given the read: the read is the port.
      for (const a of t.args) portChain(a, out, depth + 1);
      break;
    case 'tuple':
      for (const i of t.items) portChain(i, out, depth + 1);
      break;
    default:
      break;
  }
  return out;
}

/** True when an unset variable makes the value crash (fetch_env!, `|| raise`, String.to_integer(nil)). */
function requiredRead(t: Term): boolean {
  let required = false;
  const visit = (x: Term) => {
    if (x.t === 'env') required ||= x.required;
    else if (x.t === 'op') {
      visit(x.left);
      visit(x.right);
    } else if (x.t === 'call') x.args.forEach(visit);
  };
  visit(t);
  return required;
}

function systemTuple(t: Term): boolean {
  let found = false;
  const visit = (x: Term) => {
    if (x.t === 'env' && x.via === '{:system, VAR}') found = true;
    else if (x.t === 'op') {
      visit(x.left);
      visit(x.right);
    } else if (x.t === 'call') x.args.forEach(visit);
  };
  visit(t);
  return found;
}

function intsIn(t: Term, out: number[] = []): number[] {
  if (t.t === 'int') out.push(t.v);
  else if (t.t === 'string' && !t.interpolated && /^\d{2,5}$/.test(t.v)) out.push(Number(t.v));
  else if (t.t === 'call') t.args.forEach((a) => intsIn(a, out));
  else if (t.t === 'op') {
    intsIn(t.left, out);
    intsIn(t.right, out);
  } else if (t.t === 'kw') t.pairs.forEach((p) => intsIn(p.value, out));
  else if (t.t === 'list' || t.t === 'tuple') t.items.forEach((i) => intsIn(i, out));
  return out;
}

/** Calls of project functions replaced by what they return (`ConfigHelper.get_port()`), one level deep. */
function resolveFunctions(t: Term, functions: Readonly<Record<string, Term>>): { term: Term; resolved: boolean } {
  if (t.t === 'call') {
    const hit = functions[`${t.name}/${t.args.length}`];
    // The result, beside the call's arguments (the reads handed to it: `server_port(System.get_env())`).
    if (hit) return { term: { t: 'call', name: '__result__', args: [hit, ...t.args], line: t.line }, resolved: true };
  }
  if (t.t === 'op' && (t.op === '|>' || t.op === '++')) {
    const l = resolveFunctions(t.left, functions);
    const r = resolveFunctions(t.right, functions);
    // `helper() |> Keyword.merge(...)`: the piped call's result is the first argument.
    const right = t.op === '|>' && r.term.t === 'call' && !r.resolved ? { ...r.term, args: [l.term, ...r.term.args] } : r.term;
    return { term: t.op === '|>' && right.t === 'call' ? right : { ...t, left: l.term, right }, resolved: l.resolved || r.resolved };
  }
  return { term: t, resolved: false };
}

function wrapKw(key: string, value: Term): Term {
  return { t: 'kw', pairs: [{ key, value, line: value.line }], line: value.line };
}

function loadsFromSystemEnv(facts: Facts, app: string, module: string): boolean {
  const set = lastSet(facts, 'prod', app, module, ['load_from_system_env']);
  return !!set && set.value.t === 'bool' && set.value.v;
}

/** The port of the app's own listener: a literal, an env read, or `Application.get_env(:app, :key)` from config. */
function listenerPort(facts: Facts, served: Served, mode: DeployMode): PortDecision {
  const listener = served.listener!;
  let value = kwGet(listener.opts, 'port');
  let evidence: Evidence = listener.evidence;
  let call: ConfigCall | null = null;
  if (value?.t === 'call' && /^Application\.(get_env|fetch_env!|compile_env!?)$/.test(value.name)) {
    const [app, key] = value.args.map((a) => literal(a));
    const set = app && key ? lastSet(facts, 'prod', app, null, [key]) : null;
    if (set) {
      value = set.value;
      evidence = set.evidence;
      call = set.call;
    }
  }
  if (!value) return { portEnv: null, listenPort: null, evidence, reason: `${listener.module} listener without a port` };
  return fromSettings([{ value, evidence, onDefaultPath: true, readsCount: !call || call.runtime || mode === 'mix' || systemTuple(value), fromFunction: false }]);
}
