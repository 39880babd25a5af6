/**
 * What the project says the deployment should look like, read from the scanned profile and
 * phoenix-ops.yaml: the health and readiness paths, whether pages use LiveView and where its
 * socket is mounted, the session cookie's name, the configured host and the sign-in route.
 * Without a profile everything is unknown and the gatherer discovers what it can.
 */
import { prodRoutes } from '../facts/router.js';
import { endpointOf, endpointSetting } from '../facts/web.js';
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile } from '../scan/profile.js';
import { kwGet, literal } from '../scan/term.js';
import type { Expectations } from './types.js';

const READINESS = /^(ready|readyz|readiness)$/i;
const SIGN_IN = /^(log[_-]?in|sign[_-]?in|sessions?)$/i;

export interface ExpectationOptions {
  healthPath?: string;
  readinessPath?: string;
}

export function noExpectations(opts: ExpectationOptions = {}): Expectations {
  return {
    source: 'none',
    liveView: null,
    socketPath: '/live',
    healthPath: opts.healthPath ? { path: opts.healthPath, from: 'option' } : null,
    readinessPath: opts.readinessPath ? { path: opts.readinessPath, from: 'option' } : null,
    sessionCookie: null,
    host: null,
    database: null,
    signInPath: null,
  };
}

/**
 * Expectations from a profile (and the loaded phoenix-ops.yaml, when the project has one: pass
 * null when the config is only the defaults, so a default `/health` is not taken for a fact).
 */
export function expectationsFrom(profile: Profile | null, config: DeployConfig | null, opts: ExpectationOptions = {}): Expectations {
  const out = noExpectations(opts);
  if (!profile) {
    if (!out.healthPath && config?.health.path) out.healthPath = { path: config.health.path, from: 'config' };
    return out;
  }
  out.source = 'profile';
  out.liveView = profile.liveView;
  out.database = profile.database !== 'none';
  const ep = endpointOf(profile);
  const live = ep?.sockets.find((s) => s.module === 'Phoenix.LiveView.Socket');
  if (live) out.socketPath = live.path.replace(/\/+$/, '') || '/live';
  const key = ep?.sessionOptions?.t === 'kw' ? literal(kwGet(ep.sessionOptions, 'key')) : null;
  if (key) out.sessionCookie = key;
  const host = endpointSetting(profile, ['url', 'host']);
  if (host && host.value.t === 'string' && !host.value.interpolated) out.host = { value: host.value.v, evidence: host.evidence };
  if (!out.healthPath) {
    if (profile.health) out.healthPath = { path: profile.health.path, from: 'profile' };
    else if (config?.health.path) out.healthPath = { path: config.health.path, from: 'config' };
  }
  const routes = prodRoutes(profile);
  if (!out.readinessPath) {
    const ready = routes.find((r) => r.verb === 'get' && READINESS.test(r.path.split('/').filter(Boolean).pop() ?? ''));
    if (ready && !ready.path.includes(':')) out.readinessPath = { path: ready.path, from: 'profile' };
  }
  const signIn = routes.find((r) => r.verb === 'post' && SIGN_IN.test(r.path.split('/').filter(Boolean).pop() ?? ''));
  if (signIn) out.signInPath = signIn.path;
  return out;
}
