/**
 * What makes the prod endpoint serve: `mix` (run by `mix phx.server`, which serves every endpoint),
 * `config` (`server: true` for prod, `config :phoenix, :serve_endpoints, true`, the app's own
 * listener), `PHX_SERVER` (`if System.get_env("PHX_SERVER")`, also a `rel/overlays/bin/server` that
 * sets it), `env:NAME` (server turned on or off by another variable, e.g. only when an app-specific
 * port variable is set), else `unknown`.
 */
import type { DeployMode, Evidence, Facts, ServerEnabledBy } from '../profile.js';
import type { Served, ServerSetting } from './served-endpoint.js';

export interface ServerDecision {
  value: ServerEnabledBy;
  evidence: Evidence | null;
  reason: string | null;
}

export function decideServerEnabledBy(facts: Facts, served: Served, mode: DeployMode, modeEvidence: Evidence | null = null): ServerDecision {
  if (mode === 'mix') return { value: 'mix', evidence: modeEvidence, reason: '`mix phx.server` serves every endpoint' };
  if (served.listener) return { value: 'config', evidence: served.listener.evidence, reason: `the app starts its own ${served.listener.module} listener` };
  const own = served.settings.filter((s) => !s.global);
  const global = served.settings.filter((s) => s.global);
  const ep = served.endpoint?.module ?? 'the endpoint';

  const lastFixed = [...own].reverse().find((s) => s.unconditional);
  const laterSwitches = lastFixed ? own.slice(own.indexOf(lastFixed) + 1) : own;
  if (lastFixed && isTrue(lastFixed) && laterSwitches.every((s) => isTrue(s) || s.names.length === 0)) return config(lastFixed, `${ep} has \`server: true\` for prod`);

  const switched = own.find((s) => !isFalse(s) && s.names.length) ?? own.find((s) => s.names.length);
  if (switched) return byName(switched, ep);

  const serveAll = [...global].reverse().find((s) => s.unconditional && isTrue(s));
  if (serveAll) return config(serveAll, '`config :phoenix, :serve_endpoints, true` in prod');
  if (lastFixed && isTrue(lastFixed)) return config(lastFixed, `${ep} has \`server: true\` for prod`);

  const overlay = facts.relScripts.find((s) => /rel\/overlays\/bin\/server$/.test(s.file) && /\bPHX_SERVER=/.test(s.text));
  if (overlay) return { value: 'PHX_SERVER', evidence: { file: overlay.file, line: 1 }, reason: `${overlay.file} sets PHX_SERVER` };
  return { value: 'unknown', evidence: null, reason: `nothing in the prod config turns on ${ep}'s server` };
}

function byName(s: ServerSetting, ep: string): ServerDecision {
  const name = s.names.includes('PHX_SERVER') ? 'PHX_SERVER' : s.names[0]!;
  return {
    value: name === 'PHX_SERVER' ? 'PHX_SERVER' : `env:${name}`,
    evidence: s.evidence,
    reason: `${ep}'s \`server:\` for prod depends on ${name}`,
  };
}

function config(s: ServerSetting, reason: string): ServerDecision {
  return { value: 'config', evidence: s.evidence, reason };
}

const isTrue = (s: ServerSetting) => s.value.t === 'bool' && s.value.v;
const isFalse = (s: ServerSetting) => (s.value.t === 'bool' && !s.value.v) || s.value.t === 'nil';
