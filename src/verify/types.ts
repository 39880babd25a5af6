/**
 * verify, Lighthouse style: the gatherer makes every request once and records what it saw as plain
 * data (the artifacts); each check is metadata plus a pure function over those artifacts, so checks
 * are tested with hand-built artifacts and never touch the network.
 */
import type { Evidence } from '../scan/profile.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST';

export interface HttpRequestInfo {
  method: HttpMethod;
  url: string;
  /** Headers sent besides User-Agent and Accept (Origin, Cookie names only…), lower-cased. */
  headers: Record<string, string>;
}

export interface HttpResponseInfo {
  status: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with ", " (Node's rules); Set-Cookie is in `setCookie`. */
  headers: Record<string, string>;
  setCookie: string[];
  /** The body as UTF-8, at most the body limit (1 MB by default). */
  body: string;
  bodyTruncated: boolean;
}

export interface NetworkError {
  /** ECONNREFUSED, ECONNRESET, ETIMEDOUT (our deadline), ENOTFOUND, EPROTO… */
  code: string;
  message: string;
}

/** One request and what came back: a response, or a network error. */
export interface HttpExchange {
  request: HttpRequestInfo;
  response: HttpResponseInfo | null;
  error: NetworkError | null;
  /** Wall time from sending to the last body byte. */
  ms: number;
}

/**
 * A request and the redirects followed from it (same host only, at most 5).
 * `end` says why following stopped: a final answer or error ('done'), a URL seen twice ('loop'),
 * too many hops, a redirect to another host (not followed), or the request budget ran out.
 */
export interface FetchChain {
  hops: HttpExchange[];
  end: 'done' | 'loop' | 'too-many-redirects' | 'other-host' | 'budget';
}

export interface CertInfo {
  subject: string;
  issuer: string;
  /** subjectAltName entries as Node prints them: "DNS:example.com", "IP Address:127.0.0.1". */
  altNames: string[];
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

export interface TlsArtifact {
  host: string;
  port: number;
  /** Negotiated protocol ("TLSv1.3"). */
  protocol: string | null;
  cipher: string | null;
  /** The chain verified against the trusted roots (system roots, NODE_EXTRA_CA_CERTS, --ca-file). */
  authorized: boolean;
  /** OpenSSL's verdict when not authorized: CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE… */
  authorizationError: string | null;
  /** Why the certificate does not cover the host (tls.checkServerIdentity), or null when it does. */
  hostError: string | null;
  /** The certificates as linked by the handshake, leaf first. */
  chain: CertInfo[];
  /** A second handshake that offers only TLS 1.0 and 1.1. */
  legacy: { accepted: boolean; protocol: string | null; error: string | null } | null;
}

export interface LiveViewMarkers {
  /** The `id` of the LiveView container (the channel topic is `lv:<id>`). */
  id: string | null;
  /** True when `data-phx-session` carries a token (the value is kept only for the join). */
  hasSession: boolean;
  main: boolean;
}

export interface PageMarkers {
  html: boolean;
  /** `<meta name="csrf-token">` present. */
  csrfToken: boolean;
  /** The first LiveView container (`data-phx-session`), preferring `data-phx-main`. */
  liveView: LiveViewMarkers | null;
}

export interface UpgradeAttempt {
  url: string;
  origin: string;
  /** 101 when the upgrade succeeded; the refusal's status otherwise; null on a network error. */
  status: number | null;
  statusText: string;
  headers: Record<string, string>;
  error: NetworkError | null;
}

export interface JoinAttempt {
  topic: string;
  /** The `phx_reply` to `phx_join`: status "ok" or "error" and the response (reason, redirect…). */
  reply: { status: string; response: Record<string, unknown> } | null;
  /** The channel answered `phx_error`/`phx_close`, or the socket closed before a reply. */
  failure: string | null;
  /** No answer within the timeout. */
  timedOut: boolean;
}

export interface SocketArtifact {
  path: string;
  own: UpgradeAttempt;
  /** Same upgrade with a foreign Origin; null when not attempted (no socket found). */
  foreign: UpgradeAttempt | null;
  join: JoinAttempt | null;
  /** Why the join was not attempted. */
  joinSkipped: string | null;
}

export interface ProbedPath {
  path: string;
  /** Where the path came from. */
  from: 'option' | 'profile' | 'config' | 'guess';
  chain: FetchChain;
}

export interface HealthArtifact extends ProbedPath {
  /** Durations (ms) of the sequential health requests (the first included); empty when it did not answer 2xx. */
  samples: number[];
}

export interface RateLimitArtifact {
  path: string;
  method: HttpMethod;
  attempts: HttpExchange[];
  ms: number;
  /** What ended the burst: a 429, the count or time bound, the request budget, a network error, or a first answer that is a redirect/404/405. */
  stoppedBy: '429' | 'count' | 'time' | 'budget' | 'error' | 'unusable';
  maxRequests: number;
  maxMs: number;
}

/** What the project says about the deployment (from the scanned profile and phoenix-ops.yaml), or what was discovered. */
export interface Expectations {
  source: 'profile' | 'none';
  /** The app serves LiveViews; null when unknown (no profile). */
  liveView: boolean | null;
  /** Mount path of Phoenix.LiveView.Socket ("/live"). */
  socketPath: string;
  healthPath: { path: string; from: 'option' | 'profile' | 'config' } | null;
  readinessPath: { path: string; from: 'option' | 'profile' } | null;
  /** Plug.Session cookie name (`key:` of the session options). */
  sessionCookie: string | null;
  /** Literal prod `url: [host: …]`, with where it is set. */
  host: { value: string; evidence: Evidence } | null;
  /** The app uses a database (Ecto); null when unknown. */
  database: boolean | null;
  /** A sign-in route of the router (for advice only: the burst runs only with --rate-limit-probe). */
  signInPath: string | null;
}

export interface Target {
  /** The URL verified (https unless the site serves plain HTTP only). */
  url: string;
  origin: string;
  scheme: 'http' | 'https';
  /** Host name without brackets. */
  host: string;
  port: number;
  /** Where plain HTTP was probed (the redirect check). */
  httpUrl: string;
}

export interface Artifacts {
  target: Target;
  /** ISO time of the run (checks compare certificate dates with it). */
  gatheredAt: string;
  expect: Expectations;
  tls: TlsArtifact | null;
  /** Plain HTTP request and its redirects; null when not probed. */
  httpEntry: FetchChain | null;
  page: FetchChain;
  markers: PageMarkers;
  health: HealthArtifact | null;
  /** Health paths tried without success when none was known. */
  healthGuesses: string[];
  readiness: ProbedPath | null;
  socket: SocketArtifact | null;
  rateLimit: RateLimitArtifact | null;
  budget: { max: number; used: number; exhausted: boolean };
}

/** verify's error for a site it cannot check at all; the CLI prints its message as one line and exits 2. */
export class VerifyError extends Error {
  readonly code: 'bad-url' | 'dns' | 'refused' | 'timeout' | 'tls' | 'network';
  constructor(code: VerifyError['code'], message: string) {
    super(message);
    this.name = 'VerifyError';
    this.code = code;
  }
}
