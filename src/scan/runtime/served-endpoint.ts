/**
 * The endpoint prod really serves, and the settings that turn its server on: with several endpoints
 * (a public front endpoint that forwards by host to the others, a metrics or health endpoint), the
 * main web endpoint when prod serves it, else one whose prod config always serves. The app's own
 * HTTP listener (`{Plug.Cowboy, plug: …, port: …}` / `{Bandit, …}` started by its Application) is
 * what serves when no endpoint does.
 */
import { callsFor } from '../config-query.js';
import type { WebSelection } from '../decide/web.js';
import type { Child, ConfigCall, EndpointInfo, Evidence, Facts } from '../profile.js';
import { kwGet } from '../term.js';
import { envNames, runsWhenUnset, settingsOf, truthy, unsetValue } from './terms.js';
import type { Term } from '../term.js';

export interface ServerSetting {
  value: Term;
  evidence: Evidence;
  /** Applies whatever the environment (no undecided condition around it). */
  unconditional: boolean;
  /** Env vars the setting depends on: read in its value or in the conditions around it, in order. */
  names: string[];
  /** When every env var is unset: true (serves), false (does not), null (cannot tell). */
  whenUnset: boolean | null;
  /** `config :phoenix, :serve_endpoints, true` rather than the endpoint's own `server:`. */
  global: boolean;
}

export interface Served {
  endpoint: EndpointInfo | null;
  app: string;
  /** Every prod setting that says whether it serves, in evaluation order. */
  settings: ServerSetting[];
  /** The Plug.Cowboy/Bandit listener the app starts itself, when no endpoint is served. */
  listener: Child | null;
  reason: string | null;
}

const LISTENERS = /^(Plug\.Cowboy|Plug\.Adapters\.Cowboy2?|Bandit)$/;

export function servedEndpoint(facts: Facts, web: WebSelection): Served {
  const candidates = facts.endpoints.map((e) => {
    const app = e.otpApp ?? web.project.otpApp;
    const settings = serverSettings(facts, app, e.module);
    return { endpoint: e, app, settings, serves: serves(settings) };
  });
  const main = candidates.find((c) => c.endpoint.module === web.endpoint?.module);
  const always = candidates.find((c) => c.serves === 'always');
  let chosen = main;
  let reason: string | null = null;
  if (main && main.serves !== 'always' && always) {
    chosen = always;
    reason = `${always.endpoint.module} is served in every prod boot; ${main.endpoint.module} ${main.serves === 'never' ? 'is not served in prod' : 'only under a condition'}`;
  } else if ((!main || main.serves === 'never') && candidates.some((c) => c.serves !== 'never')) {
    chosen = candidates.find((c) => c.serves !== 'never');
    reason = `${chosen!.endpoint.module} is the endpoint prod serves${main ? ` (${main.endpoint.module} is not)` : ''}`;
  }
  const listener = !chosen || chosen.serves === 'never' ? ownListener(facts) : null;
  if (listener) reason = `the app starts its own ${listener.module} listener (${listener.evidence.file}:${listener.evidence.line})${chosen ? `; ${chosen.endpoint.module} is not served in prod` : ''}`;
  return { endpoint: chosen?.endpoint ?? null, app: chosen?.app ?? web.project.otpApp, settings: chosen?.settings ?? [], listener, reason };
}

type Serves = 'always' | 'conditional' | 'never';

/** Whether a prod boot serves the endpoint `module` of `app` (its `server:` settings, or `:serve_endpoints`). */
export function endpointServes(facts: Facts, app: string, module: string): Serves {
  return serves(serverSettings(facts, app, module));
}

/**
 * Whether a prod boot serves the endpoint: the endpoint's own `server:` settings decide (the last
 * unconditional one, then any conditional ones after it), else `config :phoenix, :serve_endpoints`.
 */
function serves(settings: readonly ServerSetting[]): Serves {
  const own = settings.filter((s) => !s.global);
  const lastUnconditional = (list: readonly ServerSetting[]) => {
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.unconditional) return i;
    return -1;
  };
  const i = lastUnconditional(own);
  const later = own.slice(i + 1);
  let base: boolean | null;
  if (i >= 0) base = valueOf(own[i]!.value);
  else {
    const global = settings.filter((s) => s.global);
    const g = lastUnconditional(global);
    base = g >= 0 ? valueOf(global[g]!.value) : global.length ? null : false;
  }
  if (base === true) return later.every((s) => isTrue(s.value)) ? 'always' : 'conditional';
  if (base === null || later.some((s) => !isFalse(s.value))) return 'conditional';
  return 'never';
}

function valueOf(t: Term): boolean | null {
  return isTrue(t) ? true : isFalse(t) ? false : null;
}

const isTrue = (t: Term) => t.t === 'bool' && t.v;
const isFalse = (t: Term) => (t.t === 'bool' && !t.v) || t.t === 'nil';

/** The prod `server:` settings of an endpoint and `config :phoenix, :serve_endpoints`, in evaluation order. */
export function serverSettings(facts: Facts, app: string, module: string): ServerSetting[] {
  const out: ServerSetting[] = [];
  const calls = [...callsFor(facts, 'prod', app, module), ...callsFor(facts, 'prod', 'phoenix', 'serve_endpoints'), ...callsFor(facts, 'prod', 'phoenix', null)];
  const order = new Map(facts.config.map((c, i) => [c, i]));
  calls.sort((a, b) => order.get(a)! - order.get(b)!);
  for (const call of calls) {
    const global = call.app === 'phoenix';
    const found = global && call.key === 'serve_endpoints' ? [{ value: call.opts, line: call.line, inline: false, conds: [] as Term[] }] : settingsOf(call.opts, global ? 'serve_endpoints' : 'server');
    for (const s of found) out.push(toSetting(call, s.value, s.line, s.inline, s.conds, global));
  }
  // `{MyAppWeb.Endpoint, server: true}` as a supervision child.
  for (const c of facts.applications.flatMap((a) => a.children)) {
    if (c.module !== module) continue;
    const v = kwGet(c.opts, 'server');
    if (v) out.push({ value: v, evidence: c.evidence, unconditional: v.t === 'bool', names: envNames(v), whenUnset: boolOf(unsetValue(v)), global: false });
  }
  return out;
}

function toSetting(call: ConfigCall, value: Term, line: number, inline: boolean, conds: Term[], global: boolean): ServerSetting {
  // Innermost first: the value, the branches around it inside the call, then the call's own conditions.
  const names: string[] = [];
  const add = (t: Term | null) => {
    for (const n of envNames(t)) if (!names.includes(n)) names.push(n);
  };
  add(value);
  [...conds].reverse().forEach(add);
  [...(call.guards ?? [])].reverse().forEach((g) => add(g.cond));
  const runs = runsWhenUnset(call.guards);
  const v = boolOf(unsetValue(value));
  const whenUnset = runs === false ? null : inline || conds.length ? null : runs === true ? v : null;
  return { value, evidence: { file: call.file, line }, unconditional: !call.conditional && !inline, names, whenUnset, global };
}

function boolOf(u: ReturnType<typeof unsetValue>): boolean | null {
  return u === undefined ? null : truthy(u.v);
}

/** A Plug.Cowboy/Bandit listener started by one of the app's Application modules. */
function ownListener(facts: Facts): Child | null {
  for (const a of facts.applications) for (const c of a.children) if (LISTENERS.test(c.module) && kwGet(c.opts, 'plug')) return c;
  return null;
}
