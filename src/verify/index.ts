/**
 * `verify(url, options)`: checks a live deployment from outside, the way users and attackers see it.
 * A plain async function for the CLI and for `apply`: no printing, no process exit. It throws a
 * VerifyError (code bad-url, dns, refused, timeout, tls, network) when the site cannot be checked
 * at all, and otherwise returns the audit's result shape (findings, scores) plus what was measured.
 */
import type { DeployConfig } from '../model/deploy-config.js';
import type { Profile } from '../scan/profile.js';
import { runChecks, selectChecks, type VerifyResult } from './engine.js';
import { expectationsFrom } from './expectations.js';
import { gather } from './gather.js';
import { parseTarget } from './target.js';
import type { VerifyCheck } from './check.js';

export { checks } from './checks/index.js';
export { runChecks, VERIFY_CATEGORIES, type VerifyResult } from './engine.js';
export { expectationsFrom } from './expectations.js';
export type { VerifyCheck } from './check.js';
export { VerifyError, type Artifacts } from './types.js';

export interface VerifyOptions {
  /** The scanned project: health path, LiveView, socket path, session cookie, host and routes come from it. */
  profile?: Profile | null;
  /** phoenix-ops.yaml as loaded (pass it only when the project has one: its health path and ignores are used). */
  config?: DeployConfig | null;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Requests per run (default 60; the rate-limit burst counts). */
  maxRequests?: number;
  /** Port for the plain-HTTP redirect check (default 80). */
  httpPort?: number;
  /** Extra trusted CA certificates, PEM text (e.g. a private or test CA). */
  ca?: string | string[];
  /** Sign-in path for the opt-in rate-limit burst. */
  rateLimitProbe?: string;
  healthPath?: string;
  readinessPath?: string;
  only?: string[];
  skip?: string[];
  /** Checks to run instead of the catalog (tests). */
  checks?: readonly VerifyCheck[];
  now?: () => Date;
  /** Replaces the DNS lookup (tests). */
  lookup?: (host: string) => Promise<unknown>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REQUESTS = 60;

function usage(message: string): Error {
  return Object.assign(new Error(message), { name: 'UsageError' });
}

function pathOption(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!v.startsWith('/')) throw usage(`${name} must be a path starting with "/", got "${v}"`);
  return v;
}

export async function verify(url: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
  if (!(timeoutMs > 0)) throw usage(`the timeout must be a positive number of seconds`);
  if (!Number.isInteger(maxRequests) || maxRequests < 1) throw usage(`the request budget must be a positive integer, got ${maxRequests}`);
  if (options.httpPort !== undefined && !(Number.isInteger(options.httpPort) && options.httpPort > 0 && options.httpPort < 65536)) throw usage(`invalid HTTP port ${options.httpPort}`);
  const run = { checks: options.checks, only: options.only, skip: options.skip, ignores: options.config?.audit.ignore.filter((i) => !i.path) };
  selectChecks(run);
  const target = parseTarget(url, options.httpPort);
  const expect = expectationsFrom(options.profile ?? null, options.config ?? null, {
    healthPath: pathOption('the health path', options.healthPath),
    readinessPath: pathOption('the readiness path', options.readinessPath),
  });
  const artifacts = await gather(target, expect, {
    timeoutMs,
    maxRequests,
    httpPort: options.httpPort,
    ca: options.ca === undefined ? undefined : Array.isArray(options.ca) ? options.ca : [options.ca],
    rateLimitProbe: pathOption('the rate-limit probe', options.rateLimitProbe),
    now: options.now,
    lookup: options.lookup,
  });
  return runChecks(artifacts, run);
}
